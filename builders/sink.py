"""Where the RDF writers put their triples: an rdflib graph, or N-Triples lines.

The writers of ``builders.to_rdf`` and ``builders.evidence_to_rdf`` only call
``add((s, p, o))``, so they write to any ``TripleSink``. An rdflib ``Graph`` is one (the
build validates it with SHACL and serializes it three ways); ``builders.ntriples``'s
``NTriplesSink`` is another, which keeps each triple as its N-Triples line and nothing
else, for graphs too large to hold as an rdflib graph.
"""

from __future__ import annotations

from typing import Protocol

from rdflib.term import Node


class TripleSink(Protocol):
    """Anything that takes triples one at a time, as rdflib's ``Graph.add`` does."""

    def add(self, triple: tuple[Node, Node, Node], /) -> object: ...
