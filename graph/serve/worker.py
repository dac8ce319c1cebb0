"""A query worker: one process that answers SPARQL queries, one at a time, over pipes.

A query can overflow Oxigraph's stack in shapes no linear scan foresees, and Oxigraph
cannot be told to stop a query it is evaluating. So queries from outside run in a worker
process, never in the process that serves or calls them: a query past its deadline is
stopped by killing its worker, and a query that crashes Oxigraph takes only its worker
down. The endpoint's front (``graph.serve.front``) keeps a fixed pool of workers; ``claimgraph
query`` starts one (``run_isolated``).

Requests are JSON lines on stdin. Each answer is a sequence of frames on stdout, a kind
byte and a 4-byte big-endian length, then that many bytes:

- ``S`` (start): JSON ``{"media_type": ...}``; the query parsed and its results follow;
- ``D`` (data): a piece of the serialized results;
- ``E`` (end): the results are complete;
- ``F`` (failure): JSON ``{"message": ...}``; the query was refused or failed.

Start it with ``python -m graph.serve.worker (--store DIR | --graph FILE.nt)``.
"""

from __future__ import annotations

import argparse
import json
import selectors
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from builders.errors import explained
from graph.errors import QueryError
from graph.query import guard, sparql
from graph.serve import media
from graph.serve.lifetime import die_with_parent

HEADER = struct.Struct(">cI")
FLUSH_BYTES = 64 * 1024
FLUSH_EVERY_S = 0.5
IN_MEMORY_BYTES = 16 * 1024 * 1024  # a database this small is queried from a copy in memory
CRASHED = explained(
    "the query stopped the query engine (Oxigraph ended with exit code {code})",
    "simplify the query; very long lists, chains or nesting can exhaust its stack",
)


@dataclass(frozen=True, slots=True)
class Request:
    """One query for a worker: the text, bound parameters and how to answer."""

    query: str
    accept: str = ""
    text_format: str | None = None  # "table", "csv", ...: render as the CLI does
    params: Mapping[str, str] | None = None
    declared: Mapping[str, str] | None = None
    allow_federation: bool = False

    def encode(self) -> bytes:
        fields = {
            "query": self.query,
            "accept": self.accept,
            "text_format": self.text_format,
            "params": dict(self.params or {}),
            "declared": None if self.declared is None else dict(self.declared),
            "allow_federation": self.allow_federation,
        }
        return json.dumps(fields).encode("utf-8") + b"\n"

    @classmethod
    def decode(cls, line: bytes) -> Request:
        fields = json.loads(line)
        return cls(
            query=fields["query"],
            accept=fields["accept"],
            text_format=fields["text_format"],
            params=fields["params"],
            declared=fields["declared"],
            allow_federation=fields["allow_federation"],
        )


def frame(kind: bytes, payload: bytes = b"") -> bytes:
    return HEADER.pack(kind, len(payload)) + payload


class _FrameWriter:
    """A binary file for pyoxigraph's serializers that sends what it gets as D frames."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self._pending: list[bytes] = []
        self._size = 0
        self._last = time.monotonic()

    def write(self, data: bytes) -> int:
        self._pending.append(bytes(data))
        self._size += len(data)
        if self._size >= FLUSH_BYTES or time.monotonic() - self._last >= FLUSH_EVERY_S:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._pending:
            self._out.write(frame(b"D", b"".join(self._pending)))
            self._out.flush()
            self._pending.clear()
            self._size = 0
        self._last = time.monotonic()


def answer(store: ox.Store, request: Request, out: IO[bytes]) -> None:
    """Run one request on ``store`` and write its frames to ``out``."""
    try:
        limits = guard.Limits(allow_federation=request.allow_federation)
        if request.text_format is not None:
            text = sparql.render(
                store,
                request.query,
                request.text_format,
                request.params,
                request.declared,
                limits,
            )
            out.write(frame(b"S", json.dumps({"media_type": "text/plain"}).encode()))
            out.write(frame(b"D", text.encode("utf-8")) + frame(b"E"))
            return
        result = sparql.execute(
            store, request.query, request.params, request.declared, limits, prefixes={}
        )
        chosen = media.choose(request.accept, result)
        out.write(frame(b"S", json.dumps({"media_type": chosen.media_type}).encode()))
        writer = _FrameWriter(out)
        media.write(result, chosen, writer)
        writer.flush()
        out.write(frame(b"E"))
    except QueryError as error:
        status = 406 if isinstance(error, media.NotAcceptableError) else 400
        out.write(frame(b"F", json.dumps({"message": str(error), "status": status}).encode()))
    except (OSError, ValueError, RuntimeError) as error:  # raised while results stream
        out.write(frame(b"F", json.dumps({"message": f"the query failed: {error}"}).encode()))
    finally:
        out.flush()


def open_for_queries(location: Path, limit_bytes: int = IN_MEMORY_BYTES) -> ox.Store:
    """The Oxigraph database at ``location``, copied into memory if its files take at most
    ``limit_bytes``, else opened read-only on disk.

    A query on an in-memory store skips RocksDB's reads and takes about a quarter of the
    time (the seed's catalogue queries: 1.2 ms against 4.7 ms). The copy costs each worker
    about the graph's size in memory, so a large database is read from disk. The files'
    size is the measure because it is known without reading the data.
    """
    on_disk = ox.Store.read_only(str(location))
    size = sum(path.stat().st_size for path in location.rglob("*") if path.is_file())
    if size > limit_bytes:
        return on_disk
    copy = ox.Store()
    copy.load(on_disk.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    return copy


def _open(args: argparse.Namespace) -> ox.Store:
    if args.store is not None:
        return open_for_queries(args.store)
    from graph.store.memory import load_store

    return load_store(args.graph)


def serve_pipes(store: ox.Store) -> None:
    """Answer requests from stdin until it closes."""
    out = sys.stdout.buffer
    out.write(frame(b"E"))  # ready: the store is open
    out.flush()
    for line in sys.stdin.buffer:
        answer(store, Request.decode(line), out)


def command(store: Path | None = None, graph: Path | None = None) -> list[str]:
    """The command line that starts a worker on an Oxigraph database or an N-Triples file."""
    source = ["--store", str(store)] if store is not None else ["--graph", str(graph)]
    return [sys.executable, "-m", "graph.serve.worker", *source]


def read_frame(stream: IO[bytes]) -> tuple[bytes, bytes]:
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        raise EOFError
    kind, length = HEADER.unpack(header)
    payload = stream.read(length)
    if len(payload) < length:
        raise EOFError
    return kind, payload


def _wait_readable(stream: IO[bytes], deadline: float, timeout_s: float) -> None:
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(max(deadline - time.monotonic(), 0)):
            raise QueryError(
                f"the query was cancelled: it ran past its {timeout_s:g} s time-out",
                "narrow the query (add a LIMIT or more patterns), "
                "or allow more time with --timeout",
            )


def _next_frame(
    process: subprocess.Popen[bytes], deadline: float, timeout_s: float
) -> tuple[bytes, bytes]:
    """The next frame's kind and payload, or QueryError at the time-out or a crash."""
    assert process.stdout is not None
    _wait_readable(process.stdout, deadline, timeout_s)
    try:
        kind, payload = read_frame(process.stdout)
    except EOFError:
        raise QueryError(CRASHED.format(code=process.wait())) from None
    if kind == b"F":
        raise QueryError(json.loads(payload)["message"])
    return kind, payload


def run_isolated(
    request: Request, timeout_s: float, store: Path | None = None, graph: Path | None = None
) -> str:
    """Answer ``request`` in a new worker process and return its text; kill it at the
    time-out or on Ctrl-C. Raises ``QueryError`` for a refused, failed or cancelled query."""
    deadline = time.monotonic() + timeout_s
    process = subprocess.Popen(
        command(store, graph),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        preexec_fn=die_with_parent(),
    )
    assert process.stdin is not None and process.stdout is not None
    chunks: list[bytes] = []
    try:
        process.stdin.write(request.encode())
        process.stdin.close()
        _next_frame(process, deadline, timeout_s)  # ready
        while (piece := _next_frame(process, deadline, timeout_s))[0] != b"E":
            if piece[0] == b"D":
                chunks.append(piece[1])
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
    return b"".join(chunks).decode("utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m graph.serve.worker")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", type=Path, help="an Oxigraph database folder")
    source.add_argument("--graph", type=Path, help="an N-Triples file (with the ontology)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the process that started it decides
    serve_pipes(_open(args))


if __name__ == "__main__":
    main()
