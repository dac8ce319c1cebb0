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

import pyoxigraph as ox

from builders import paths
from builders.build import BuildOptions, load_dataset
from builders.build import build as _build
from builders.errors import QueryError
from builders.phrases import claim_label
from builders.verdicts import assess_claim
from graph.catalogue import NamedQuery, catalogue
from graph.sparql import Answer, render, select
from graph.store import load_store

DEFAULT_GRAPH = paths.OUT_DIR / "claims.nt"


def build(options: BuildOptions | None = None) -> dict[str, Path]:
    """Build data/ into out/ (or as ``options`` say); returns the files written."""
    return _build(options or BuildOptions())


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """One claim's verdict as the rules give it from the curated data."""

    claim: str
    verdict: str
    rule: str


def verdicts(data_dir: Path = paths.DATA_DIR, as_of: dt.date | None = None) -> list[VerdictRow]:
    """Every claim's verdict, derived from data/ without building (optionally as of a date)."""
    dataset = load_dataset(data_dir)
    rows = []
    for claim in dict.fromkeys(s.claim for s in dataset.statements):
        outcome = assess_claim(claim, dataset.evidence, as_of)
        label = claim_label(claim, dataset.vocabulary.entities)
        rows.append(VerdictRow(label, outcome.verdict.value, outcome.rule))
    return sorted(rows, key=lambda row: row.claim)


def open_store(nt_path: Path = DEFAULT_GRAPH) -> ox.Store:
    """The built graph in an in-memory Oxigraph store."""
    return load_store(nt_path)


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
    return select(store, text, params, declared)


def answer_text(
    store: ox.Store, query: str, fmt: str = "table", params: dict[str, str] | None = None
) -> str:
    """The answer to a query rendered as a table, CSV, TSV or SPARQL JSON."""
    text, declared = resolve(query)
    return render(store, text, fmt, params, declared)
