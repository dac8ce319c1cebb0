"""The embedded SPARQL store: a built graph and the vocabulary, loaded into pyoxigraph.

The vocabulary (ontology.ttl) is loaded beside the data so that queries can read the
labels of verdicts, directions and designs and walk the class hierarchy.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pyoxigraph as ox

from builders import paths
from builders.errors import ClaimgraphError

log = logging.getLogger(__name__)


def require_built_graph(nt_path: Path, error: type[ClaimgraphError] = ClaimgraphError) -> None:
    """Raise ``error`` saying how to make the graph unless ``nt_path`` is a file."""
    if not nt_path.is_file():
        raise error(
            "no built graph here",
            "run 'claimgraph build' first (or pass the N-Triples file it wrote)",
            nt_path,
        )


def load_store(nt_path: Path, ontology: Path | None = paths.ONTOLOGY) -> ox.Store:
    """An in-memory Oxigraph store holding the N-Triples file ``nt_path`` and the ontology."""
    require_built_graph(nt_path)
    log.info("loading %s into an in-memory store", nt_path)
    store = ox.Store()
    store.bulk_load(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
    return _with_vocabulary(store, ontology)


def store_from_ntriples(data: bytes, ontology: Path | None = paths.ONTOLOGY) -> ox.Store:
    """An in-memory Oxigraph store holding N-Triples ``data`` and the ontology."""
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return _with_vocabulary(store, ontology)


def _with_vocabulary(store: ox.Store, ontology: Path | None) -> ox.Store:
    if ontology is not None:
        store.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE)
    return store
