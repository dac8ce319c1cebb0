"""Where the RDF writers put their triples: an rdflib graph, or N-Triples lines.

The writers of ``builders.to_rdf`` and ``builders.evidence_to_rdf`` only call
``add((s, p, o))``, so they write to any ``TripleSink``. An rdflib ``Graph`` is one (the
build validates it with SHACL and serializes it three ways); ``NTriplesSink`` is another,
which keeps each triple as its N-Triples line and nothing else, for graphs too large to
hold as an rdflib graph. Its lines are the ones rdflib writes, so the sorted lines equal
``builders.serialize.to_ntriples`` of the same triples.
"""

from __future__ import annotations

import re
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.term import Node

# Characters that may not appear in an N-Triples IRIREF (control characters, space and these).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class TripleSink(Protocol):
    """Anything that takes triples one at a time, as rdflib's ``Graph.add`` does."""

    def add(self, triple: tuple[Node, Node, Node], /) -> object: ...


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
    return '"' + escaped.replace("\r", "\\r") + '"'


class NTriplesSink:
    """Collects distinct triples as N-Triples lines."""

    def __init__(self) -> None:
        self.lines: set[str] = set()

    @staticmethod
    def _literal(term: Literal) -> str:
        if term.language:
            return f"{_quote(term)}@{term.language}"
        if term.datatype:
            return f"{_quote(term)}^^<{term.datatype}>"
        return _quote(term)

    def add(self, triple: tuple[Node, Node, Node], /) -> None:
        s, p, o = triple
        if type(s) is not URIRef or type(p) is not URIRef:
            raise TypeError(f"{triple!r}: subjects and predicates must be IRIs (no blank nodes)")
        if type(o) is URIRef:
            iris, obj = f"{s}{p}{o}", f"<{o}>"
        elif isinstance(o, Literal):
            iris, obj = f"{s}{p}{o.datatype or ''}", self._literal(o)
        else:
            raise TypeError(f"{o!r}: only IRIs and literals are written (the graph has no bnodes)")
        if _BAD_IRI.search(iris):
            raise ValueError(f"{triple!r}: an IRI cannot be written in N-Triples")
        self.lines.add(f"<{s}> <{p}> {obj} .\n")

    def ntriples(self) -> bytes:
        """The triples as sorted N-Triples, as ``builders.serialize.to_ntriples`` writes them."""
        return "".join(sorted(self.lines)).encode("utf-8")
