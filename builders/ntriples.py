"""The project's one N-Triples writer: triples to sorted, distinct lines, always the same bytes.

Every N-Triples file the project writes comes from ``write`` (or from ``NTriplesSink``,
which is ``write`` fed one triple at a time): the build's ``claims.nt``, the large-corpus
build of ``builders.bulk``, and the ontology half of the body that ``claimgraph push``
and the Virtuoso bulk loader send. A line is what rdflib's N-Triples serializer writes for
the same triple (the same escapes: backslash, line feed, carriage return and double
quote; everything else as UTF-8), so ``claims.nt`` keeps the bytes it had when rdflib
wrote it. The lines are sorted, so the same triples give the same file whatever order
they came in. Blank nodes are refused: the graphs written here have none.

Answers to SPARQL CONSTRUCT queries are not written here: pyoxigraph serializes them in
the format a client asks for (``graph.query.sparql``, ``graph.serve.media``), as a stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

# Characters that may not appear in an N-Triples IRIREF (control characters, space and these).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
    return '"' + escaped.replace("\r", "\\r") + '"'


def _literal(term: Literal) -> str:
    if term.language:
        return f"{_quote(term)}@{term.language}"
    if term.datatype:
        return f"{_quote(term)}^^<{term.datatype}>"
    return _quote(term)


def line(triple: Triple) -> str:
    """One triple as its N-Triples line, line end included."""
    s, p, o = triple
    if not isinstance(s, URIRef) or not isinstance(p, URIRef):
        raise TypeError(f"{triple!r}: subjects and predicates must be IRIs (no blank nodes)")
    if isinstance(o, URIRef):
        iris, obj = f"{s}{p}{o}", f"<{o}>"
    elif isinstance(o, Literal):
        iris, obj = f"{s}{p}{o.datatype or ''}", _literal(o)
    else:
        raise TypeError(f"{o!r}: only IRIs and literals are written (the graph has no bnodes)")
    if _BAD_IRI.search(iris):
        raise ValueError(f"{triple!r}: an IRI cannot be written in N-Triples")
    return f"<{s}> <{p}> {obj} .\n"


class NTriplesSink:
    """Collects distinct triples as N-Triples lines (a ``builders.sink.TripleSink``).

    It keeps each triple as its line and nothing else, for graphs too large to hold as
    an rdflib graph; ``ntriples()`` gives the bytes ``write`` gives for the same triples.
    """

    def __init__(self) -> None:
        self.lines: set[str] = set()

    def add(self, triple: Triple, /) -> None:
        self.lines.add(line(triple))

    def ntriples(self) -> bytes:
        """The triples as sorted N-Triples, one line each."""
        return "".join(sorted(self.lines)).encode("utf-8")


def write(triples: Iterable[Triple]) -> bytes:
    """The triples as sorted, de-duplicated N-Triples (an rdflib ``Graph`` is such an iterable)."""
    sink = NTriplesSink()
    for triple in triples:
        sink.add(triple)
    return sink.ntriples()
