"""The name index: one ``cg:lookupKey`` literal per name of an entity or a claim.

A catalogue query's parameter is a name (an entity's id, label or synonym, or a claim's
label), matched without regard to case. Matching it with ``LCASE`` over every label reads
the whole graph; the build therefore writes each name once more, lower-cased, as a plain
``cg:lookupKey`` literal on its node, so that finding the node is one index lookup.
``graph.query.catalogue.bind_names`` resolves a parameter through these keys before the query runs.

Keys are ``str.lower`` of the name, which is what SPARQL's ``LCASE`` gives for the same
text, so a lookup by key finds exactly the nodes the ``LCASE`` comparison found.
"""

from __future__ import annotations

from collections.abc import Iterable

from builders import ntriples
from builders.ntriples import NTriplesSink
from builders.terms import cg
from graph.namespace import CG

LOOKUP_KEY = CG.lookupKey


def lookup_key(name: str) -> str:
    """The key a name is found by: the name lower-cased, as SPARQL's ``LCASE`` does."""
    return name.lower()


def add_lookup_keys(sink: NTriplesSink, node: str, names: Iterable[str]) -> None:
    """Write one ``cg:lookupKey`` per distinct key of ``names`` on ``node`` (an N-Triples term)."""
    for key in {lookup_key(name) for name in names}:
        sink.triple(node, cg.lookupKey, ntriples.plain(key))
