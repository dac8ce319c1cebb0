"""Content negotiation for the endpoint: which serialization an Accept header asks for.

SELECT and ASK answers come as SPARQL Results JSON (the default), XML, CSV or TSV;
CONSTRUCT and DESCRIBE answers as Turtle (the default), N-Triples, RDF/XML or JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from graph.errors import QueryError

RESULT_FORMATS = (
    ox.QueryResultsFormat.JSON,
    ox.QueryResultsFormat.XML,
    ox.QueryResultsFormat.CSV,
    ox.QueryResultsFormat.TSV,
)
GRAPH_FORMATS = (
    ox.RdfFormat.TURTLE,
    ox.RdfFormat.N_TRIPLES,
    ox.RdfFormat.RDF_XML,
    ox.RdfFormat.JSON_LD,
)
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json+ld": "application/ld+json",
}


class Sink(Protocol):
    def write(self, data: bytes) -> int: ...


class NotAcceptableError(QueryError):
    """The Accept header names no serialization this kind of answer has."""


@dataclass(frozen=True, slots=True)
class Chosen:
    media_type: str
    results: ox.QueryResultsFormat | None = None
    graph: ox.RdfFormat | None = None


def _preferences(accept: str) -> list[tuple[float, int, str]]:
    """(quality, position, media range) for each range of the header, best first."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [field.strip() for field in part.split(";")]
        kind = fields[0].lower()
        if not kind:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, _ALIASES.get(kind, kind)))
    return [(-q, p, k) for q, p, k in sorted(ranked)]


def _matches(media_range: str, media_type: str) -> bool:
    if media_range == "*/*":
        return True
    major, _, minor = media_range.partition("/")
    return (minor == "*" and media_type.startswith(f"{major}/")) or media_range == media_type


def choose(accept: str, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Chosen:
    """The serialization of ``result`` that ``accept`` prefers (the default if it is empty)."""
    if isinstance(result, ox.QueryTriples):
        graphs = [Chosen(f.media_type, graph=f) for f in GRAPH_FORMATS]
        offered = graphs
    else:
        offered = [Chosen(f.media_type, results=f) for f in RESULT_FORMATS]
    preferences = _preferences(accept) or [(1.0, 0, "*/*")]
    for _, _, media_range in preferences:
        for candidate in offered:
            if _matches(media_range, candidate.media_type.split(";")[0]):
                return candidate
    names = ", ".join(c.media_type.split(";")[0] for c in offered)
    raise NotAcceptableError(
        f"no answer of this query can be sent as '{accept}'", f"accept one of {names}"
    )


def write(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, chosen: Chosen, sink: Sink
) -> None:
    """Serialize ``result`` into ``sink`` as ``chosen`` says, piece by piece."""
    if isinstance(result, ox.QueryTriples):
        assert chosen.graph is not None
        ox.serialize(result, sink, format=chosen.graph)  # type: ignore[arg-type]
    else:
        assert chosen.results is not None
        result.serialize(sink, format=chosen.results)  # type: ignore[arg-type]
