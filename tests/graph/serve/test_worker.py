"""A query worker answers a small database from a copy in memory and a large one from disk."""

from __future__ import annotations

import io
import signal
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.serve import worker

EX = "http://example.org/"
QUERY = "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s"


def _database(folder: Path, quads: int) -> Path:
    """An on-disk database of ``quads`` quads, every other one in a named graph."""
    store = ox.Store(str(folder))
    store.bulk_extend(
        ox.Quad(
            ox.NamedNode(f"{EX}s{index}"),
            ox.NamedNode(f"{EX}p"),
            ox.Literal(str(index)),
            ox.NamedNode(f"{EX}g") if index % 2 else ox.DefaultGraph(),
        )
        for index in range(quads)
    )
    store.flush()
    return folder


def _writable(store: ox.Store) -> bool:
    try:
        store.add(ox.Quad(ox.NamedNode(f"{EX}x"), ox.NamedNode(f"{EX}p"), ox.Literal("x")))
    except RuntimeError:  # pyoxigraph's answer to a write on a read-only database
        return False
    return True


def _answer(store: ox.Store) -> bytes:
    out = io.BytesIO()
    worker.answer(store, worker.Request(query=QUERY, accept="text/csv"), out)
    return out.getvalue()


def test_a_small_database_is_copied_into_memory_whole(tmp_path: Path) -> None:
    folder = _database(tmp_path / "db", 6)
    copy = worker.open_for_queries(folder)
    on_disk = ox.Store.read_only(str(folder))
    # every quad, each in its own graph, and nothing else
    assert set(copy) == set(on_disk) and len(set(copy)) == 6
    assert _answer(copy) == _answer(on_disk)
    assert b"/s1," in _answer(copy) and b"/s0," not in _answer(copy)  # s0: default graph
    # a copy in memory, not the read-only database (which refuses writes)
    assert not _writable(on_disk)
    assert _writable(copy)


def test_a_database_over_the_limit_is_read_from_disk(tmp_path: Path) -> None:
    folder = _database(tmp_path / "db", 6)
    store = worker.open_for_queries(folder, limit_bytes=1)
    assert not _writable(store)
    assert len(set(store)) == 6


def test_the_worker_opens_its_database_through_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m graph.serve.worker --store DIR`` serves the copy for a small database."""
    folder = _database(tmp_path / "db", 4)
    served: list[ox.Store] = []
    monkeypatch.setattr(worker, "serve_pipes", served.append)
    monkeypatch.setattr(signal, "signal", lambda *_: None)  # keep pytest's Ctrl-C
    worker.main(["--store", str(folder)])
    assert _writable(served[0])
    assert set(served[0]) >= set(ox.Store.read_only(str(folder)))
