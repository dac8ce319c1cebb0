"""The build: data/ to validated RDF files in out/, all or nothing.

``load_dataset`` reads and checks every curated file into typed records,
``build_graph`` turns them into a graph and validates it against shapes.ttl, and
``build`` writes the serializations, replacing earlier outputs only once all of them
have been made.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from builders import ntriples, paths
from builders.articles import load_articles
from builders.errors import ClaimgraphError, DataError, Location
from builders.evidence import load_evidence, reviewed_only
from builders.gazetteer import gazetteer_folder, with_gazetteer
from builders.records import Dataset, Evidence, Statement
from builders.serialize import to_jsonld, to_turtle, write_all
from builders.shacl import check_shapes
from builders.statements import load_statement_file
from builders.to_rdf import to_rdf
from builders.vocabulary import load_vocabulary
from graph.namespace import DEFAULT_BASE

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What to build from where; every field has the project's default."""

    data_dir: Path = paths.DATA_DIR
    out_dir: Path = paths.OUT_DIR
    base: str = DEFAULT_BASE
    include_drafts: bool = False
    as_of: tuple[dt.date, ...] = ()
    shapes: Path = paths.SHAPES
    ontology: Path = paths.ONTOLOGY


def check_data_folders(data_dir: Path) -> None:
    """Fail clearly when the data folder lacks one of the folders every build needs."""
    if not data_dir.is_dir():
        raise DataError(
            Location(data_dir),
            f"no data folder here (looked in {data_dir.absolute()})",
            "run claimgraph in the folder that holds data/, or point --data at the data folder",
        )
    for sub in ("vocabulary", "articles", "statements"):
        if not (data_dir / sub).is_dir():
            raise DataError(
                Location(data_dir / sub),
                "folder is missing",
                f"create {data_dir / sub}, or point --data at the data folder",
            )


def load_dataset(data_dir: Path, include_drafts: bool = False) -> Dataset:
    """Read data/vocabulary, articles, statements and evidence into checked records."""
    check_data_folders(data_dir)
    log.info("reading the curated data in %s", data_dir)
    started = time.perf_counter()
    vocabulary_dir = data_dir / "vocabulary"
    extended = with_gazetteer(load_vocabulary(vocabulary_dir), gazetteer_folder(vocabulary_dir))
    vocabulary = extended.all
    articles = load_articles(data_dir / "articles")
    statements: list[Statement] = []
    every_statement: list[Statement] = []  # evidence may concern drafts too
    held_back: set[str] = set()  # articles known only from unreviewed drafts
    reviewed: set[str] = set()
    for path in sorted((data_dir / "statements").glob("*.yaml")):
        statement_file = load_statement_file(path, vocabulary, articles)
        every_statement.extend(statement_file.statements)
        if statement_file.status == "reviewed" or include_drafts:
            statements.extend(statement_file.statements)
            reviewed.add(statement_file.article_id)
        else:
            held_back.add(statement_file.article_id)
    evidence = load_evidence(data_dir / "evidence", vocabulary, tuple(every_statement))
    unreviewed = held_back - reviewed
    kept_evidence = reviewed_only(evidence, tuple(statements))
    used = referenced_entities(statements, kept_evidence)
    log.info(
        "read %d articles, %d statements (%d articles held back as drafts) and "
        "%d evidence lines in %.1f s",
        len(articles) - len(unreviewed),
        len(statements),
        len(unreviewed),
        len(kept_evidence.lines),
        time.perf_counter() - started,
    )
    return Dataset(
        vocabulary=extended.only_used(used),
        articles=tuple(a for a in articles.values() if a.id not in unreviewed),
        statements=tuple(statements),
        evidence=kept_evidence,
    )


def referenced_entities(statements: list[Statement], evidence: Evidence) -> set[str]:
    """Every entity id the statements and evidence name: claim arguments, qualifiers,
    credited authorities and study publishers."""
    claims = [s.claim for s in statements] + [line.claim for line in evidence.lines]
    claims += [mark.claim for mark in evidence.not_assessable]
    used = {a for c in claims for a in (c.subject, c.object)}
    used |= {q for c in claims for q in (c.qualifiers.population, c.qualifiers.jurisdiction) if q}
    used |= {org for s in statements for org in s.attributed_to}
    used |= {study.publisher for study in evidence.studies.values() if study.publisher}
    used |= {a.authority for a in evidence.attributions}
    return used


def build_graph(options: BuildOptions) -> Graph:
    """The validated graph of everything under ``options.data_dir``."""
    dataset = load_dataset(options.data_dir, options.include_drafts)
    graph = to_rdf(dataset, options.base, options.as_of)
    log.info(
        "made a graph of %d triples; validating it against %s", len(graph), options.shapes.name
    )
    started = time.perf_counter()
    check_shapes(graph, options.shapes, options.ontology)
    log.info("the graph conforms (validated in %.1f s)", time.perf_counter() - started)
    return graph


Views = Callable[[bytes], dict[str, bytes]]


def _check_out_dir(out_dir: Path) -> None:
    """Raise a clear error if ``out_dir``, or the folder it would be made in, is a file."""
    for folder in (out_dir, *out_dir.parents):
        if folder.exists():
            if not folder.is_dir():
                raise ClaimgraphError(
                    f"this is a file, so the output folder {out_dir} cannot be made",
                    "give --out-dir a folder (it is made if missing), or move the file away",
                    folder,
                )
            return


def build(options: BuildOptions, views: Views | None = None) -> dict[str, Path]:
    """Build and write every output; on any error nothing in ``out_dir`` is changed.

    ``views`` makes further files from the validated graph's N-Triples (the CLI adds the
    HTML view); they are written together with the serializations, all or none.
    """
    _check_out_dir(options.out_dir)
    graph = build_graph(options)
    contents = {
        "claims.ttl": to_turtle(graph),
        "claims.nt": ntriples.write(graph),
        "claims.jsonld": to_jsonld(graph),
    }
    if views is not None:
        contents.update(views(contents["claims.nt"]))
    outputs = {options.out_dir / name: content for name, content in contents.items()}
    log.info("writing %d files to %s", len(outputs), options.out_dir)
    write_all(outputs)
    return {name: options.out_dir / name for name in contents}
