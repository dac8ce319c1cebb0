"""The embedded SPARQL store: a built graph loaded into pyoxigraph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from builders.errors import ClaimgraphError


def load_store(nt_path: Path) -> ox.Store:
    """An in-memory Oxigraph store holding the N-Triples file ``nt_path``."""
    if not nt_path.is_file():
        raise ClaimgraphError(f"{nt_path}: no built graph here; run 'claimgraph build' first")
    store = ox.Store()
    store.bulk_load(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
    return store


def store_from_graph(graph: Graph) -> ox.Store:
    """An in-memory Oxigraph store holding the triples of an rdflib graph."""
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return store
