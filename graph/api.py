"""The Python API: the operations of the command line as plain functions.

The CLI and the notebooks call these, so both see the same behaviour::

    from graph import api
    api.build()                                  # data/ -> out/
    store = api.open_store()                     # out/claims.nt in Oxigraph
    answer = api.ask(store, "claims-about-substance", substance="kratom")
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import networkx as nx
import pyoxigraph as ox

if TYPE_CHECKING:
    from builders.ingest.article import IngestOptions, IngestResult
    from builders.ingest.batch import BatchSummary
from builders import paths
from builders.build import BuildOptions, load_dataset
from builders.build import build as _build
from builders.phrases import claim_label
from builders.serialize import write_atomic
from builders.verdicts import Assessor
from graph.errors import QueryError
from graph.query.catalogue import NamedQuery, bind_names, catalogue
from graph.query.sparql import Answer, render, select
from graph.serve import server
from graph.store import bulkload, diskstore
from graph.store import push as push_module
from graph.store.bulkload import BulkTarget
from graph.store.memory import load_store, store_from_ntriples
from graph.store.push import Credentials, PushResult
from graph.store.push import push as _push
from graph.view import htmlpage, network
from graph.view.network import Selection

DEFAULT_GRAPH = paths.OUT_DIR / "claims.nt"
DEFAULT_VIEW = paths.OUT_DIR / "claims.html"


def build(options: BuildOptions | None = None, store: Path | None = None) -> dict[str, Path]:
    """Build data/ into out/ (or as ``options`` say), HTML view included; returns the files.

    With ``store``, the built graph also replaces the contents of that on-disk store
    (see ``graph.store.diskstore``); a build that fails leaves the store as it was.
    """
    if store is not None:
        diskstore.check_target(store)  # before anything is written
    written = _build(options or BuildOptions(), views=_html_view)
    if store is not None:
        written["store"] = diskstore.replace_contents(store, written["claims.nt"])
    return written


def _html_view(ntriples: bytes) -> dict[str, bytes]:
    picture = network.project(store_from_ntriples(ntriples))
    return {"claims.html": htmlpage.render(htmlpage.View(picture)).encode("utf-8")}


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """One claim's verdict as the rules give it from the curated data."""

    claim: str
    verdict: str
    rule: str


def verdicts(data_dir: Path = paths.DATA_DIR, as_of: dt.date | None = None) -> list[VerdictRow]:
    """Every claim's verdict, derived from data/ without building (optionally as of a date)."""
    dataset = load_dataset(data_dir)
    assess = Assessor(dataset.evidence)
    rows = []
    for claim in dict.fromkeys(s.claim for s in dataset.statements):
        outcome = assess(claim, as_of)
        label = claim_label(claim, dataset.vocabulary.entities)
        rows.append(VerdictRow(label, outcome.verdict.value, outcome.rule))
    return sorted(rows, key=lambda row: row.claim)


def ingest(
    source: Path, data_dir: Path = paths.DATA_DIR, options: IngestOptions | None = None
) -> IngestResult:
    """Add an article (.txt, .md or .html) to ``data_dir`` with a draft of its statements.
    (The extraction pipeline is imported here, so other commands start without spaCy.)"""
    from builders.ingest.article import ingest as ingest_one

    return ingest_one(source, data_dir, options)


def ingest_many(
    sources: list[Path],
    data_dir: Path = paths.DATA_DIR,
    options: IngestOptions | None = None,
    jobs: int | None = None,
) -> BatchSummary:
    """Ingest many articles (files or folders) in parallel; see ``builders.ingest.batch``."""
    from builders.ingest.batch import ingest_many as ingest_all

    return ingest_all(sources, data_dir, options, jobs)


def open_store(nt_path: Path = DEFAULT_GRAPH) -> ox.Store:
    """The built graph in an in-memory Oxigraph store."""
    return load_store(nt_path)


def open_store_dir(directory: Path) -> ox.Store:
    """The on-disk store made by ``build(store=directory)``, read-only, without rebuilding."""
    return diskstore.open_store(directory)


def serve(
    store: Path | None = None,
    nt_path: Path = DEFAULT_GRAPH,
    port: int = server.DEFAULT_PORT,
    timeout_s: int = server.DEFAULT_TIMEOUT_S,
    front: server.FrontOptions | None = None,
) -> server.RunningServer:
    """Start the read-only SPARQL endpoint on 127.0.0.1 (port 0: any free port).

    It serves the on-disk ``store`` if given, else the built N-Triples file; ``front``
    sets its limits (queries at once, queue, federation, Host names). Use the result in a
    ``with`` block, or call its ``stop()``.
    """
    if store is not None:
        return server.serve_store(store, port, timeout_s, front)
    return server.serve_graph(nt_path, port, timeout_s, front=front)


def push(
    endpoint: str,
    graph: str | None = None,
    nt_path: Path = DEFAULT_GRAPH,
    credentials: Credentials | None = None,
    timeout_s: float = push_module.DEFAULT_TIMEOUT_S,
    progress: TextIO | None = None,
    single_put: bool = False,
) -> PushResult:
    """Replace a named graph of a remote Graph Store Protocol store with the built graph.

    ``graph`` must be an absolute IRI; without it, ``push.default_graph_name()`` (for the
    default base; pass ``default_graph_name(base)`` for a graph built with another base).
    See ``graph.store.push.push`` for ``timeout_s``, ``progress`` and ``single_put``.
    """
    return _push(
        endpoint,
        nt_path,
        graph,
        credentials=credentials,
        timeout_s=timeout_s,
        progress=progress,
        single_put=single_put,
    )


def bulk_load(
    target: BulkTarget,
    graph: str | None = None,
    nt_path: Path = DEFAULT_GRAPH,
    credentials: Credentials | None = None,
    timeout_s: float = bulkload.DEFAULT_TIMEOUT_S,
) -> PushResult:
    """Replace a named graph of a Virtuoso server through its bulk loader
    (see ``graph.store.bulkload``)."""
    return bulkload.bulk_load(target, nt_path, graph, credentials=credentials, timeout_s=timeout_s)


def queries() -> dict[str, NamedQuery]:
    """The catalogue of named queries."""
    return catalogue()


def resolve(query: str) -> tuple[str, dict[str, str] | None]:
    """A query's text and declared parameters, from a catalogue name, a .rq file or text.

    Declared parameters are None for ad-hoc queries, which accept any ``--param``.
    """
    named = catalogue().get(query)
    if named is not None:
        return named.text, named.params
    if query.endswith(".rq"):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"{query}: no such query file")
        return path.read_text(encoding="utf-8"), None
    if not any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        names = ", ".join(catalogue())
        raise QueryError(
            f"'{query}' is neither a named query, a .rq file nor SPARQL (named queries: {names})"
        )
    return query, None


def ask(store: ox.Store, query: str, **params: str) -> Answer:
    """Run a named query, a .rq file or SPARQL text; rows come back as strings."""
    text, declared = resolve(query)
    return select(store, bind_names(store, text, params), params, declared)


def answer_text(
    store: ox.Store, query: str, fmt: str = "table", params: dict[str, str] | None = None
) -> str:
    """The answer to a query rendered as a table, CSV, TSV or SPARQL JSON."""
    text, declared = resolve(query)
    return render(store, bind_names(store, text, params or {}), fmt, params, declared)


def picture(nt_path: Path = DEFAULT_GRAPH, selection: Selection | None = None) -> nx.MultiDiGraph:
    """The built graph as a networkx MultiDiGraph (see ``graph.view.network``), or a part of it."""
    whole = network.project(load_store(nt_path))
    return whole if selection is None else network.select(whole, selection)


def draw(
    nt_path: Path = DEFAULT_GRAPH,
    selection: Selection | None = None,
    out: Path = DEFAULT_VIEW,
    title: str | None = None,
) -> Path:
    """Write the analysts' HTML view of the built graph (or of a selection) to ``out``."""
    shown = picture(nt_path, selection)
    page = htmlpage.View(shown) if title is None else htmlpage.View(shown, title)
    write_atomic(out, htmlpage.render(page).encode("utf-8"))
    return out


def export(
    nt_path: Path = DEFAULT_GRAPH,
    fmt: str = "graphml",
    out: Path | None = None,
    selection: Selection | None = None,
) -> Path:
    """Write the network projection as GraphML or GEXF (for Gephi or Cytoscape)."""
    target = out or paths.OUT_DIR / f"claims.{fmt}"
    write_atomic(target, network.serialize(picture(nt_path, selection), fmt))
    return target
