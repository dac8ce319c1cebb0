"""A throw-away Virtuoso server on loopback ports, the catalogue's answers from it, and timings.

``running(folder)`` starts Debian's ``virtuoso-t +foreground`` with its own ``virtuoso.ini``
and a new database in ``folder`` (login dba/dba, as every new database has), waits until
``/sparql`` answers and stops it on leaving; the tests and the benchmark both use it.

``catalogue_rows`` runs a catalogue query on Virtuoso's ``/sparql`` as ``claimgraph query``
runs it on the embedded store (parameters resolved through the name index and bound by
``VALUES``) and turns its JSON answer into the rows the embedded store gives. What is
normalized, and why:

- ``xsd:boolean`` values come back as ``"1"`` and ``"0"``; they are read as ``true`` and
  ``false``, their canonical forms, which Oxigraph gives;
- rows are compared as sorted lists, because the two stores order ties (and strings, by
  their own collations) differently; the catalogue's ORDER BY is not compared;
- a truncated answer is refused, not normalized: ``ResultSetMaxRows`` (10,000 by default)
  cuts results silently, so the server is configured far above any answer here, and an
  answer of exactly that many rows, or one marked partial by Virtuoso, fails.

Run ``python -m bench.virtuoso --triples 1000000`` to time a push and a bulk load of a
synthetic graph, against loading the same file into the embedded store in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.namespace import PREFIXES
from graph.query.catalogue import NamedQuery, bind_with

MAX_ROWS = 1_000_000
BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
START_TIMEOUT_S = 120.0
VAD_FOLDER = "/usr/share/virtuoso-opensource-7/vad"


@dataclass(frozen=True, slots=True)
class Virtuoso:
    """A running server: its HTTP base URL, SQL address and a folder it may bulk-load from."""

    http: str
    sql: str
    folder: Path
    log: Path

    @property
    def sparql(self) -> str:
        return f"{self.http}/sparql"

    @property
    def crud(self) -> str:
        """The Graph Store endpoint that takes a login (HTTP Digest)."""
        return f"{self.http}/sparql-graph-crud-auth"


def programs() -> tuple[str, str] | None:
    """The paths of ``virtuoso-t`` and ``isql-vt``, or None when either is missing."""
    server, client = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return None if server is None or client is None else (server, client)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _ini(folder: Path, sql_port: int, http_port: int, bulk: Path) -> str:
    database = folder / "db"
    return f"""[Database]
DatabaseFile = {database}/virtuoso.db
ErrorLogFile = {database}/virtuoso.log
LockFile = {database}/virtuoso.lck
TransactionFile = {database}/virtuoso.trx
xa_persistent_file = {database}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {database}/virtuoso-temp.db
TransactionFile = {database}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {bulk}, {VAD_FOLDER}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
MaxClientConnections = 8
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 8
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {MAX_ROWS}
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
"""


def _answers(url: str) -> bool:
    try:
        query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        with urllib.request.urlopen(f"{url}/sparql?{query}", timeout=5) as response:
            return int(response.status) == 200
    except OSError:
        return False


@contextlib.contextmanager
def running(folder: Path) -> Iterator[Virtuoso]:
    """A new Virtuoso server with its database in ``folder``, stopped (SIGTERM) on leaving."""
    found = programs()
    if found is None:
        raise RuntimeError("virtuoso-t or isql-vt is missing (apt-get install virtuoso-opensource)")
    (folder / "db").mkdir(parents=True)
    bulk = folder / "bulk"
    bulk.mkdir()
    sql_port, http_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_ini(folder, sql_port, http_port, bulk), encoding="utf-8")
    log = folder / "virtuoso.out"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [found[0], "+foreground", "+configfile", str(ini)],
            cwd=folder / "db",
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = Virtuoso(f"http://127.0.0.1:{http_port}", f"127.0.0.1:{sql_port}", bulk, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers(server.http):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise RuntimeError(f"Virtuoso did not start (exit {process.poll()}):\n{tail}")
            time.sleep(0.5)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def sparql_json(server: Virtuoso, query: str, graph: str) -> dict[str, Any]:
    """Virtuoso's SPARQL JSON answer to ``query`` over the named graph ``graph``."""
    form = urllib.parse.urlencode({"query": query, "default-graph-uri": graph}).encode()
    request = urllib.request.Request(
        server.sparql, data=form, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        if response.headers.get("X-SQL-State"):  # an "anytime" partial answer
            raise AssertionError(f"partial answer: {response.headers.get('X-SQL-Message')}")
        answer: dict[str, Any] = json.loads(response.read())
    return answer


def _value(term: Mapping[str, str] | None) -> str:
    if term is None:
        return ""
    if term.get("datatype") == BOOLEAN:
        return {"1": "true", "0": "false"}.get(term["value"], term["value"])
    return term["value"]


def rows_of(answer: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """The rows of a SELECT answer as the embedded store's strings, sorted."""
    variables = answer["head"]["vars"]
    bindings = answer["results"]["bindings"]
    if len(bindings) >= MAX_ROWS:
        raise AssertionError(f"{len(bindings)} rows: the answer may be cut at ResultSetMaxRows")
    return sorted(tuple(_value(row.get(v)) for v in variables) for row in bindings)


def with_prefixes(text: str) -> str:
    """The query with a PREFIX line for each of the project's prefixes it does not declare."""
    declared = {line.split()[1] for line in text.splitlines() if line.startswith("PREFIX ")}
    missing = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if f"{p}:" not in declared]
    return "\n".join([*missing, text])


def catalogue_rows(
    server: Virtuoso, query: NamedQuery, params: Mapping[str, str], graph: str
) -> list[tuple[str, ...]]:
    """The query's rows from Virtuoso, its parameters bound as ``claimgraph query`` binds them."""

    def nodes(name: str) -> list[ox.NamedNode]:
        key = str(ox.Literal(name.lower()))
        lookup = f"SELECT ?node WHERE {{ ?node <{PREFIXES['cg']}lookupKey> {key} }}"
        found = rows_of(sparql_json(server, lookup, graph))
        return [ox.NamedNode(row[0]) for row in found]

    return rows_of(sparql_json(server, with_prefixes(bind_with(nodes, query.text, params)), graph))


def isql(server: Virtuoso, sql: str) -> str:
    """What ``isql-vt`` printed for ``sql`` (as dba)."""
    found = programs()
    assert found is not None
    done = subprocess.run(
        [found[1], server.sql, "dba", "dba"],
        input=sql,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.stdout + done.stderr


def grant_update(server: Virtuoso) -> None:
    """Let the unauthenticated ``/sparql-graph-crud`` write (for the Basic-auth check)."""
    output = isql(server, 'GRANT SPARQL_UPDATE TO "SPARQL";\n')
    if "*** Error" in output:
        raise RuntimeError(output)


def _time_push(triples: int, work: Path) -> dict[str, float]:
    from bench.corpus import CorpusSpec, articles_for, generate
    from builders.bulk import ntriples
    from graph.store.bulkload import BulkTarget, bulk_load
    from graph.store.memory import load_store
    from graph.store.push import Credentials, push

    nt = work / "synthetic.nt"
    nt.write_bytes(ntriples(generate(CorpusSpec(articles=articles_for(triples)))))
    login = Credentials("dba", "dba")
    graph = "https://example.org/graph/bench"
    figures: dict[str, float] = {"triples": float(sum(1 for _ in nt.open("rb")))}
    began = time.perf_counter()
    load_store(nt)
    figures["embedded_load_s"] = time.perf_counter() - began
    with running(work / "virtuoso") as server:
        for label in ("push_s", "push_again_s"):
            began = time.perf_counter()
            push(server.crud, nt, graph, credentials=login, timeout_s=3600)
            figures[label] = time.perf_counter() - began
        for label in ("bulk_s", "bulk_again_s"):
            began = time.perf_counter()
            bulk_load(BulkTarget(server.folder, server.sql), nt, graph, credentials=login)
            figures[label] = time.perf_counter() - began
        count = sparql_json(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph)
        figures["held"] = float(rows_of(count)[0][0])
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.virtuoso", description=__doc__)
    parser.add_argument("--triples", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="claimgraph-virtuoso-") as work:
        figures = _time_push(args.triples, Path(work))
    figures["load_average_1min"] = os.getloadavg()[0]
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
