"""Attacks on a real ``serve``: each is refused or cut, and the server answers afterwards."""

from __future__ import annotations

import asyncio
import http.client
import http.server
import json
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import ClassVar

import pytest
from starlette.types import Message

from builders import paths
from graph import api
from graph.query.catalogue import catalogue
from graph.serve import front, server
from graph.serve.querypage import bind_values, example_value

CAP = 8
QUEUED = 8
DEADLINE_S = 2
# The crowd test needs every one of its 64 requests to arrive before the first slot frees;
# on a loaded two-core machine 64 threads can take longer than DEADLINE_S to connect.
CROWD_DEADLINE_S = 10
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON_RESULTS = "application/sparql-results+json"


@pytest.fixture(scope="module")
def guarded(seed_out: Path) -> Iterator[server.RunningServer]:
    limits = server.FrontOptions(max_queries=CAP, max_queued=QUEUED)
    with api.serve(
        nt_path=seed_out / "claims.nt", port=0, timeout_s=DEADLINE_S, front=limits
    ) as running:
        yield running


@pytest.fixture()
def patient(seed_out: Path) -> Iterator[server.RunningServer]:
    """The same limits as ``guarded`` with a deadline long enough for a crowd to arrive."""
    limits = server.FrontOptions(max_queries=CAP, max_queued=QUEUED)
    with api.serve(
        nt_path=seed_out / "claims.nt", port=0, timeout_s=CROWD_DEADLINE_S, front=limits
    ) as running:
        yield running


def request(
    running: server.RunningServer,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", int(running.url.rsplit(":", 1)[1]), 60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def get_query(running: server.RunningServer, query: str, **headers: str) -> tuple[int, bytes]:
    path = "/query?" + urllib.parse.urlencode({"query": query})
    status, _, body = request(running, "GET", path, headers={"Accept": JSON_RESULTS, **headers})
    return status, body


def still_answers(running: server.RunningServer) -> None:
    """The server is alive and answers a normal query (its workers may be restarting)."""
    query = "ASK { ?s a <https://w3id.org/claimgraph/vocab#Claim> }"
    give_up = time.monotonic() + 60
    while True:
        assert running.process.poll() is None, "the server died"
        status, body = get_query(running, query)
        if status == 200 or time.monotonic() > give_up:
            break
        time.sleep(0.2)
    assert status == 200 and json.loads(body)["boolean"] is True


def test_a_query_nested_ten_thousand_deep_is_refused(guarded: server.RunningServer) -> None:
    deep = "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000
    status, body = get_query(guarded, deep)
    assert status == 400 and b"nests deeper than" in body
    status, _, body = request(
        guarded, "POST", "/query", deep.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 400 and b"nests deeper than" in body
    still_answers(guarded)


def test_a_ten_megabyte_query_is_refused(guarded: server.RunningServer) -> None:
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (10 * 1024 * 1024)
    status, _, body = request(
        guarded, "POST", "/query", huge.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 400 and b"longer than" in body
    form = urllib.parse.urlencode({"query": huge}).encode()
    status, _, body = request(
        guarded, "POST", "/query", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 400 and b"longer than" in body
    with suppress(ConnectionResetError):  # the HTTP layer refuses so long a request line,
        assert get_query(guarded, huge)[0] == 400  # maybe before the client has sent it all
    long_get = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000  # fits the HTTP layer
    status, body = get_query(guarded, long_get)
    assert status == 400 and b"bytes long; the limit is" in body
    still_answers(guarded)


def test_service_is_refused_and_the_named_listener_hears_nothing(
    guarded: server.RunningServer,
) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(1.5)
        port = listener.getsockname()[1]
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        status, body = get_query(guarded, query)
        assert status == 400 and b"SERVICE" in body and b"--allow-federation" in body
        lowercase = f"select * {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"
        assert get_query(guarded, lowercase)[0] == 400
        with pytest.raises(TimeoutError):
            listener.accept()
    still_answers(guarded)


def test_a_streaming_answer_is_cut_at_the_deadline(guarded: server.RunningServer) -> None:
    started = time.monotonic()
    status, headers, body = request(
        guarded,
        "GET",
        "/query?" + urllib.parse.urlencode({"query": CARTESIAN}),
        headers={"Accept": "text/csv"},
    )
    elapsed = time.monotonic() - started
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert elapsed < DEADLINE_S + 1
    head, cut, tail = body.decode("utf-8").rpartition(front.CUT_MARKER)
    assert cut and "deadline" in tail and "incomplete" in tail
    assert head.startswith("a,b,c,d,e,f,g,h,i\r\n") and head.count("\n") > 1000  # it streamed
    still_answers(guarded)


def _threads_of_tree(root: int) -> tuple[int, int]:
    """(processes, threads) of ``root`` and every process below it."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree = {root}
    grew = True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(below)
        tree |= below
    threads = 0
    for pid in tree:
        try:
            threads += len(list(Path(f"/proc/{pid}/task").iterdir()))
        except OSError:
            continue
    return len(tree), threads


def test_sixty_four_slow_queries_against_a_cap_of_eight(patient: server.RunningServer) -> None:
    still_answers(patient)
    give_up = time.monotonic() + 60
    while _threads_of_tree(patient.process.pid)[0] < 1 + CAP and time.monotonic() < give_up:
        time.sleep(0.1)  # the workers are still starting
    base_processes, base_threads = _threads_of_tree(patient.process.pid)
    assert base_processes == 1 + CAP  # the front and one worker per slot
    peak = [base_processes, base_threads]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            processes, threads = _threads_of_tree(patient.process.pid)
            peak[0], peak[1] = max(peak[0], processes), max(peak[1], threads)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        together = threading.Barrier(64)
        path = "/query?" + urllib.parse.urlencode({"query": SLOW})

        def slow(_: int) -> tuple[int, dict[str, str], bytes]:
            together.wait()  # all 64 arrive at once
            return request(patient, "GET", path)

        with ThreadPoolExecutor(64) as pool:
            answers = list(pool.map(slow, range(64)))
    finally:
        done.set()
        sampler.join()
    statuses = [status for status, _, _ in answers]
    busy = [headers for status, headers, _ in answers if status == 503]
    assert set(statuses) <= {503, 504}, statuses
    assert len(busy) >= 64 - CAP - QUEUED and all(h["retry-after"] for h in busy), statuses
    assert statuses.count(504) <= CAP + QUEUED, statuses
    # one worker per slot, each replaced (not added to) when its query is killed
    assert peak[0] == 1 + CAP, (peak, base_processes)  # a killed worker goes before its heir
    assert peak[1] <= base_threads + CAP, (peak, base_threads)  # waiters for new workers
    still_answers(patient)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:7878", "127.0.0.2", ""])
def test_a_foreign_host_header_is_refused(guarded: server.RunningServer, host: str) -> None:
    status, body = get_query(guarded, "ASK {}", Host=host)
    assert status == 400 and b"is not this endpoint" in body
    still_answers(guarded)


def test_localhost_names_are_accepted(guarded: server.RunningServer) -> None:
    port = guarded.url.rsplit(":", 1)[1]
    for host in ("localhost", f"localhost:{port}", f"127.0.0.1:{port}", "LOCALHOST"):
        assert get_query(guarded, "ASK {}", Host=host)[0] == 200


def test_cors_preflight_and_cross_origin_requests_get_nothing_permissive(
    guarded: server.RunningServer,
) -> None:
    preflight = {
        "Origin": "https://evil.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    status, headers, _ = request(guarded, "OPTIONS", "/query", headers=preflight)
    assert status == 403
    assert not [name for name in headers if name.lower().startswith("access-control-")]
    assert get_query(guarded, "ASK {}", Origin="https://evil.example")[0] == 403
    _, headers, _ = request(guarded, "GET", "/query?query=ASK%7B%7D")
    assert not [name for name in headers if name.lower().startswith("access-control-")]
    still_answers(guarded)


def test_every_query_is_logged_on_one_line(guarded: server.RunningServer) -> None:
    marker = "SELECT ?logged WHERE { BIND(42 AS ?logged) }"
    assert get_query(guarded, marker)[0] == 200
    assert get_query(guarded, "SELECT * WHERE {")[0] == 400
    time.sleep(0.2)
    lines = guarded.log.read_text(encoding="utf-8").splitlines()
    ok = [line for line in lines if " GET /query 200 " in line]
    bad = [line for line in lines if " GET /query 400 " in line]
    assert ok and bad
    stamp, _, _, status, duration, size = ok[-1].split()[:6]
    assert stamp[:4].isdigit() and status == "200"
    assert duration.endswith("ms") and float(duration[:-2]) >= 0
    assert size.endswith("B") and int(size[:-1]) > 0


def test_a_deadline_that_passes_before_any_answer_is_a_504(
    guarded: server.RunningServer,
) -> None:
    status, body = get_query(guarded, SLOW)
    assert status == 504 and b"cancelled" in body and b"deadline" in body
    still_answers(guarded)


def test_a_query_that_kills_its_worker_is_a_500_and_the_server_lives_on(
    guarded: server.RunningServer,
) -> None:
    collection = "SELECT * WHERE { ?s ?p (" + " 1" * 5000 + ") }"  # overflows Oxigraph's stack
    status, body = get_query(guarded, collection)
    assert status == 500 and b"stopped the query engine" in body
    still_answers(guarded)


@pytest.mark.parametrize("name", sorted(n for n, q in catalogue().items() if q.params))
def test_the_readme_values_recipe_binds_every_parameter(
    guarded: server.RunningServer, seed_out: Path, name: str
) -> None:
    named = catalogue()[name]
    values = {param: example_value(text) for param, text in named.params.items()}
    status, body = get_query(guarded, bind_values(named.text, values))
    assert status == 200
    remote = json.loads(body)["results"]["bindings"]
    embedded = api.ask(api.open_store(seed_out / "claims.nt"), name, **values)
    assert remote and len(remote) == len(embedded.rows)
    first = embedded.variables[0]
    assert sorted(b[first]["value"] for b in remote if first in b) == sorted(embedded.column(first))


def test_every_client_that_leaves_mid_stream_frees_its_worker_at_once(seed_out: Path) -> None:
    """A departure is noticed within seconds, not at the deadline (60 s here)."""
    limits = server.FrontOptions(max_queries=CAP, max_queued=QUEUED)
    with api.serve(nt_path=seed_out / "claims.nt", port=0, timeout_s=60, front=limits) as running:
        port = int(running.url.rsplit(":", 1)[1])
        for _ in range(CAP + 1):  # more than there are workers: each must come back
            with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
                target = "/query?" + urllib.parse.urlencode({"query": CARTESIAN})
                raw.sendall(
                    f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\n\r\n".encode()
                )
                assert raw.recv(65536).startswith(b"HTTP/1.1 200")
        give_up = time.monotonic() + 20
        while running.log.read_text(encoding="utf-8").count(" interrupted") < CAP + 1:
            assert time.monotonic() < give_up, "a departed client still holds its worker"
            time.sleep(0.2)
        still_answers(running)
        assert "cut at the deadline" not in running.log.read_text(encoding="utf-8")


def test_a_stream_stops_a_producer_that_missed_its_cancellation() -> None:
    """Python 3.11's wait_for can drop a cancellation; the next write must still stop it."""
    sent: list[Message] = []
    left = asyncio.Event()
    told: list[str] = []

    async def receive() -> Message:
        if not sent:
            return {"type": "http.request", "body": b"", "more_body": False}
        await left.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)
        if len(sent) == 4:
            left.set()

    async def produce(write: Callable[[bytes], Awaitable[None]]) -> None:
        try:
            for _ in range(10_000):
                await write(b"row\n")
                try:
                    await asyncio.sleep(0)
                except asyncio.CancelledError:
                    continue  # as a wait_for whose inner future had already finished does
            told.append("never")
        except front.ClientGoneError:
            told.append("gone")

    stream = front._DeadlineStream(produce, "text/csv")
    # in a thread of its own: a browser test may have left an event loop running in this one
    with ThreadPoolExecutor(1) as thread:
        run = asyncio.wait_for(stream({"type": "http"}, receive, send), 10)
        thread.submit(asyncio.run, run).result()
    assert told == ["gone"]
    assert len(sent) < 100  # it stopped soon after the client left
    assert all(m.get("more_body", True) for m in sent)  # and sent no end to nobody


def test_the_readme_python_example_works_as_written(
    guarded: server.RunningServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    (example,) = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "VALUES" in b]
    assert "http://127.0.0.1:7878/query" in example
    monkeypatch.chdir(paths.PROJECT_ROOT)
    exec(example.replace("http://127.0.0.1:7878/query", guarded.query_url), {})
    printed = capsys.readouterr().out.splitlines()
    substance = [line for line in printed if line.startswith("kratom ")]
    assert substance and len(substance) < len(printed)  # both queries answered
    assert "kratom treats opioid withdrawal" in substance


class _RemoteEndpoint(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint on 127.0.0.1 that answers one row and counts what it receives."""

    received: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.received.append(self.path)
        body = json.dumps(
            {
                "head": {"vars": ["x"]},
                "results": {"bindings": [{"x": {"type": "literal", "value": "remote"}}]},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", JSON_RESULTS)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_allow_federation_lets_service_through(seed_out: Path) -> None:
    remote = http.server.HTTPServer(("127.0.0.1", 0), _RemoteEndpoint)
    threading.Thread(target=remote.serve_forever, daemon=True).start()
    limits = server.FrontOptions(max_queries=1, max_queued=1, allow_federation=True)
    try:
        with api.serve(nt_path=seed_out / "claims.nt", port=0, front=limits) as running:
            url = f"http://127.0.0.1:{remote.server_address[1]}/sparql"
            status, body = get_query(
                running, f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"
            )
    finally:
        remote.shutdown()
        remote.server_close()
    assert status == 200 and _RemoteEndpoint.received == ["/sparql"]
    assert json.loads(body)["results"]["bindings"] == [
        {"x": {"type": "literal", "value": "remote"}}
    ]


@pytest.mark.parametrize(
    ("host", "extra", "allowed"),
    [
        ("127.0.0.1:7878", (), True),
        ("localhost", (), True),
        ("rebound.example:7878", (), False),
        ("rebound.example:7878", ("rebound.example",), True),
        ("127.0.0.1.evil.example", (), False),
        ("localhost:notaport", (), False),
    ],
)
def test_host_names_and_the_host_option(host: str, extra: tuple[str, ...], allowed: bool) -> None:
    assert front._host_allowed(host, extra) is allowed
