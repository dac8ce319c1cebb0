"""``claimgraph query`` and the shared guard: limits, SERVICE, a time-out and Ctrl-C."""

from __future__ import annotations

import functools
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.cli import main
from graph.errors import QueryError
from graph.query import guard
from graph.query.catalogue import catalogue

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE " + "{" * 5000 + "}" * 5000, "nests deeper than 64 levels"),
        ("SELECT * WHERE { FILTER(" + "(" * 200 + "1" + ")" * 200 + ") }", "nests deeper"),
        ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000, "the limit is 65,536 bytes"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE at line 1"),
        ("select * { Service Silent ?endpoint { ?s ?p ?o } }", "federation is off"),
        ("SELECT * WHERE {\n  ?s ?p ?o .\n  SERVICE <x:y> {} }", "line 3, column 3"),
    ],
)
def test_the_guard_refuses(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        guard.check(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service WHERE { ?s <http://example.org/SERVICE> ?service FILTER(?o = "SERVICE") }',
        "PREFIX service: <http://example.org/>\nSELECT * WHERE { ?s service:x ?o } # SERVICE <x>",
        "SELECT * WHERE { ?s ?p '''" + "{" * 100 + "''' }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) } # " + "{" * 100,
        "SELECT * WHERE { ?s ?p <http://example.org/" + "(" * 100 + "> }",
    ],
)
def test_the_guard_lets_through(query: str) -> None:
    guard.check(query)


def test_the_guard_allows_service_when_federation_is_on() -> None:
    guard.check("SELECT * { SERVICE <http://x/> {} }", guard.Limits(allow_federation=True))


def test_every_catalogue_query_passes_the_guard() -> None:
    for named in catalogue().values():
        guard.check(named.text)


def test_a_cli_query_past_its_time_out_is_stopped(
    seed_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = str(seed_out / "claims.nt")
    code, out, err = run(capsys, "query", SLOW, "--graph-file", graph, "--timeout", "1")
    assert code == 2 and out == "" and "cancelled: it ran past its 1 s time-out" in err


def test_a_cli_query_naming_a_service_sends_nothing(
    seed_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(1)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        code, _, err = run(capsys, "query", query, "--graph-file", str(seed_out / "claims.nt"))
        assert code == 2 and "federation is off" in err
        with pytest.raises(TimeoutError):
            listener.accept()


def test_a_query_that_crashes_oxigraph_is_an_error_not_a_crash(
    seed_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    collection = "SELECT * WHERE { ?s ?p (" + " 1" * 5000 + ") }"
    code, _, err = run(capsys, "query", collection, "--graph-file", str(seed_out / "claims.nt"))
    assert code == 2 and "stopped the query engine" in err


def _workers_reading(path: Path) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"graph.serve.worker" in words and str(path).encode() in words:
            found.append(int(cmdline.parent.name))
    return found


def test_ctrl_c_stops_a_long_cli_query_and_its_worker(seed_out: Path, tmp_path: Path) -> None:
    graph = tmp_path / "claims.nt"  # a path of its own, to find this test's worker by
    graph.write_bytes((seed_out / "claims.nt").read_bytes())
    command = [sys.executable, "-m", "graph.cli", "query", SLOW, "--graph-file", str(graph)]
    # Ctrl-C as a terminal delivers it: a shell's background job inherits SIGINT ignored,
    # so the command gets the default action back, as in a foreground terminal.
    restore = functools.partial(signal.signal, signal.SIGINT, signal.SIG_DFL)
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, preexec_fn=restore)
    try:
        give_up = time.monotonic() + 30
        while not _workers_reading(graph) and time.monotonic() < give_up:
            time.sleep(0.1)
        assert _workers_reading(graph), "the query never started"
        time.sleep(0.5)  # let it get busy
        os.kill(process.pid, signal.SIGINT)
        code = process.wait(60)  # a hang never ends; a loaded machine may take seconds
    finally:
        if process.poll() is None:
            process.kill()
    assert process.stderr is not None
    assert code == 130 and "interrupted" in process.stderr.read()
    give_up = time.monotonic() + 5
    while _workers_reading(graph) and time.monotonic() < give_up:
        time.sleep(0.1)
    assert _workers_reading(graph) == []
