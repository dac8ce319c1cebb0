"""Run SPARQL on a store and render the answer as a table, CSV, TSV or SPARQL JSON.

Parameters are bound with pyoxigraph's ``substitutions`` (SPARQL SEP-0007): the value
replaces the variable as a literal term, so user input never becomes query text. Every
query passes ``graph.query.guard`` first (length, nesting depth, no ``SERVICE``). The prefix map
(``graph.namespace``, which needs rdflib) is imported only when used, so a query worker
that serves the endpoint starts quickly.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import QueryError
from graph.query import guard

FORMATS = ("table", "csv", "tsv", "json")
_RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
MAX_CELL = 90


@dataclass(frozen=True, slots=True)
class Answer:
    """A SELECT answer as rows of plain strings (IRIs compacted to CURIEs where possible)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def column(self, variable: str) -> list[str]:
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter; every cell is escaped, so data never becomes markup."""
        head = "".join(f"<th>{html.escape(v)}</th>" for v in self.variables)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
            for row in self.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def term_text(term: object) -> str:
    """A readable form of an RDF term: CURIE for known IRIs, the lexical form of literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        from graph.namespace import CONVERTER

        return CONVERTER.compress(term.value, passthrough=True)
    if isinstance(term, ox.Literal | ox.BlankNode):
        return term.value
    return str(term)


QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def execute(
    store: ox.Store,
    query: str,
    params: Mapping[str, str] | None = None,
    declared: Mapping[str, str] | None = None,
    limits: guard.Limits = guard.DEFAULT_LIMITS,
    prefixes: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run ``query`` with ``params`` bound to literals; ``declared`` lists allowed names.

    ``prefixes`` are declared for the query; by default the project's (``PREFIXES``).
    """
    guard.check(query, limits)
    if prefixes is None:
        from graph.namespace import PREFIXES

        prefixes = PREFIXES
    params = dict(params or {})
    if declared is not None:
        unknown = sorted(set(params) - set(declared))
        if unknown:
            allowed = ", ".join(sorted(declared)) or "none"
            raise QueryError(f"unknown parameter '{unknown[0]}' (this query takes: {allowed})")
        missing = sorted(set(declared) - set(params))
        if missing:
            raise QueryError(
                f"missing parameter '{missing[0]}': "
                f"add --param {missing[0]}=VALUE ({declared[missing[0]]})"
            )
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(name): ox.Literal(value) for name, value in params.items()
    }
    try:
        return store.query(query, prefixes=dict(prefixes), substitutions=substitutions)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"the query failed: {exc}") from None


def select(
    store: ox.Store,
    query: str,
    params: Mapping[str, str] | None = None,
    declared: Mapping[str, str] | None = None,
) -> Answer:
    """Run a SELECT query and return its rows as strings."""
    result = execute(store, query, params, declared)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    variables = tuple(v.value for v in result.variables)
    return Answer(variables, tuple(_row(solution) for solution in result))


def render(
    store: ox.Store,
    query: str,
    fmt: str,
    params: Mapping[str, str] | None = None,
    declared: Mapping[str, str] | None = None,
    limits: guard.Limits = guard.DEFAULT_LIMITS,
) -> str:
    """The answer to ``query`` in ``fmt`` (one of ``FORMATS``)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format '{fmt}' (use one of: {', '.join(FORMATS)})")
    result = execute(store, query, params, declared, limits)
    if isinstance(result, ox.QueryBoolean):
        return "true\n" if bool(result) else "false\n"
    if isinstance(result, ox.QueryTriples):
        return _text(ox.serialize(result, format=ox.RdfFormat.N_TRIPLES))
    if fmt != "table":
        return _text(result.serialize(format=_RESULT_FORMATS[fmt]))
    variables = tuple(v.value for v in result.variables)
    return table(variables, [_row(solution) for solution in result])


def _row(solution: ox.QuerySolution) -> tuple[str, ...]:
    # a solution iterates over its values in the order of the variables; looking each one
    # up by name instead doubled the time of a 22,000-row answer at a million triples
    return tuple(term_text(term) for term in solution)


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8")


def _cell(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_CELL else flat[: MAX_CELL - 1] + "…"


def table(variables: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A plain-text table with a header line and one line per row."""
    cells = [[_cell(c) for c in row] for row in rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(variables)]
    out = io.StringIO()
    out.write("  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip())
    out.write("\n" + "  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()
