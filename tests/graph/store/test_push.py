"""Pushing the built graph into a Graph Store Protocol store: a real Oxigraph server."""

from __future__ import annotations

import http.server
import io
import socket
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from builders import paths
from graph import api
from graph.cli import main
from graph.errors import PushError
from graph.serve import server
from graph.store.memory import load_store
from graph.store.push import PROGRESS_MIN_BYTES, Credentials, default_graph_name, push

OTHER = "https://example.org/graph/other"
TINY = b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"


@pytest.fixture(scope="module")
def remote() -> Iterator[server.RunningServer]:
    """A read-write Oxigraph server in memory, standing in for a remote triple store."""
    options = server.ServeOptions(location=None, port=0, read_only=False)
    with server.start(options) as running:
        yield running


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A one-triple N-Triples file."""
    path = tmp_path / "tiny.nt"
    path.write_bytes(TINY)
    return path


def fetch(store_url: str, graph: str) -> Graph:
    url = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return Graph().parse(data=response.read(), format="nt")


def expected(nt_path: Path) -> Graph:
    """The built graph and the ontology: what a push sends."""
    graph = Graph().parse(nt_path, format="nt")
    graph.parse(paths.ONTOLOGY, format="turtle")
    return graph


def held_by_oxigraph(nt_path: Path) -> Graph:
    """What an Oxigraph store holds after loading the same (the embedded store's contents).

    Oxigraph stores xsd:nonNegativeInteger values (the selectors' offsets) as xsd:integer,
    so a graph read back from an Oxigraph server is compared with the embedded store.
    """
    dump = ox.serialize(load_store(nt_path), format=ox.RdfFormat.N_QUADS)
    return Graph().parse(data=dump, format="nt")


def test_push_twice_leaves_one_copy_and_replaces_the_graph(
    remote: server.RunningServer, seed_out: Path, tiny: Path
) -> None:
    seed = seed_out / "claims.nt"
    api.push(remote.store_url, OTHER, tiny)
    first = api.push(remote.store_url, nt_path=seed)
    second = api.push(remote.store_url, nt_path=seed)
    assert first.graph == second.graph == default_graph_name()
    assert first.status in (200, 201, 204) and second.triples == first.triples
    pushed = fetch(remote.store_url, default_graph_name())
    assert len(pushed) == first.triples and isomorphic(pushed, held_by_oxigraph(seed))
    assert isomorphic(fetch(remote.store_url, OTHER), held_by_oxigraph(tiny))
    api.push(remote.store_url, OTHER, seed)  # a push replaces the graph's old contents
    assert isomorphic(fetch(remote.store_url, OTHER), held_by_oxigraph(seed))


def test_cli_push_names_the_graph(
    remote: server.RunningServer, seed_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = "https://example.org/graph/cli"
    argv = ["push", "--endpoint", remote.store_url, "--graph-iri", graph]
    code = main([*argv, "--graph-file", str(seed_out / "claims.nt")])
    assert code == 0 and f"replaced graph <{graph}>" in capsys.readouterr().out
    assert isomorphic(fetch(remote.store_url, graph), held_by_oxigraph(seed_out / "claims.nt"))


def test_closed_port_is_a_clear_error(seed_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    endpoint = f"http://127.0.0.1:{server.free_port()}/store"
    with pytest.raises(PushError, match="cannot reach the store"):
        api.push(endpoint, nt_path=seed_out / "claims.nt")
    code = main(["push", "--endpoint", endpoint, "--graph-file", str(seed_out / "claims.nt")])
    err = capsys.readouterr().err
    assert code == 1 and "Connection refused" in err and "how to fix" in err


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every PUT with the status the test chose, and remembers what it got."""

    status = 500
    seen: ClassVar[list[tuple[str, dict[str, str], bytes]]] = []
    deleted: ClassVar[list[str]] = []

    def do_DELETE(self) -> None:
        type(self).deleted.append(self.path)
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append((self.path, dict(self.headers), body))
        message = b"disk full" if self.status >= 400 else b""
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(message)))
        self.end_headers()
        self.wfile.write(message)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, type[_Recorder]]]:
    handler = type("Handler", (_Recorder,), {"seen": [], "deleted": [], "status": 500})
    httpd = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/store", handler
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def test_http_500_is_a_clear_error(recorder: tuple[str, type[_Recorder]], seed_out: Path) -> None:
    endpoint, _ = recorder
    with pytest.raises(PushError, match=r"HTTP 500.*disk full") as caught:
        api.push(endpoint, nt_path=seed_out / "claims.nt")
    assert "the store answered with an error" in str(caught.value)


def test_sends_ntriples_with_credentials_to_the_named_graph(
    recorder: tuple[str, type[_Recorder]], tiny: Path
) -> None:
    endpoint, handler = recorder
    handler.status = 204
    result = api.push(endpoint, OTHER, tiny, Credentials("ana", "s3cret"))
    assert result.status == 204 and result.triples > 1  # the graph and the ontology
    path, headers, body = handler.seen[-1]
    assert path == f"/store?{urllib.parse.urlencode({'graph': OTHER})}"
    assert headers["Content-Type"] == "application/n-triples"
    assert headers["Authorization"] == "Basic YW5hOnMzY3JldA=="
    assert isomorphic(Graph().parse(data=body, format="nt"), expected(tiny))


def test_a_read_only_store_refuses_the_write(tmp_path: Path, seed_out: Path) -> None:
    with api.serve(nt_path=seed_out / "claims.nt", port=0) as read_only:
        with pytest.raises(PushError, match=r"refused the write.*403"):
            api.push(read_only.store_url, nt_path=seed_out / "claims.nt")
        with pytest.raises(PushError, match="does not take Graph Store Protocol writes"):
            api.push(f"{read_only.url}/no-such-path", nt_path=seed_out / "claims.nt")


def test_bad_endpoint_and_missing_password(
    seed_out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(PushError, match="not an http"):
        api.push("localhost:7878/store", nt_path=seed_out / "claims.nt")
    monkeypatch.delenv("CLAIMGRAPH_PUSH_PASSWORD", raising=False)
    code = main(["push", "--endpoint", "http://127.0.0.1:9/store", "--user", "ana"])
    assert code == 1 and "CLAIMGRAPH_PUSH_PASSWORD" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("endpoint", "problem"),
    [
        ("http://127.0.0.1:7878/store#top", "fragment"),
        ("http://127.0.0.1:7878/store#", "fragment"),
        ("http://127.0.0.1:7878/store?graph=https://example.org/g", "already names the graph"),
        ("http://127.0.0.1:7878/store?default", "already names the graph"),
        ("http://ana:s3cret@127.0.0.1:7878/store", "user name or password"),
        ("http://ana:s3cret?x@127.0.0.1:7878/store", "not a valid URL"),
        ("http://ana:pa/s3cret@127.0.0.1:7878/store", "not a valid URL"),
        ("http://127.0.0.1:99999/store", "not a valid URL"),
        ("ftp://127.0.0.1/store", "not an http"),
    ],
)
def test_an_endpoint_that_would_write_elsewhere_is_refused_before_sending(
    recorder: tuple[str, type[_Recorder]], tiny: Path, endpoint: str, problem: str
) -> None:
    _, handler = recorder
    with pytest.raises(PushError, match=problem) as caught:
        api.push(endpoint, nt_path=tiny)
    assert "s3cret" not in str(caught.value) and "how to fix" in str(caught.value)
    assert handler.seen == [] and handler.deleted == []


def test_the_endpoints_own_query_is_kept_and_the_graph_is_encoded(
    recorder: tuple[str, type[_Recorder]], tiny: Path
) -> None:
    endpoint, handler = recorder
    handler.status = 204
    graph = "https://example.org/graph/a?b=c&d"
    push(f"{endpoint}?repository=main", tiny, graph, ontology=None)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(handler.seen[0][0]).query)
    assert query == {"repository": ["main"], "graph": [graph]}


@pytest.mark.parametrize("graph", ["claims", "graph/claims", "https://example.org/a b", ""])
def test_a_graph_name_that_is_not_an_absolute_iri_is_refused(
    recorder: tuple[str, type[_Recorder]],
    seed_out: Path,
    graph: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    endpoint, handler = recorder
    argv = [
        "push",
        "--endpoint",
        endpoint,
        "--graph-iri",
        graph,
        "--graph-file",
        str(seed_out / "claims.nt"),
    ]
    code = main(argv)
    assert code == 1 and "is not an absolute IRI" in capsys.readouterr().err
    assert handler.seen == []


def test_the_default_graph_follows_the_base(
    recorder: tuple[str, type[_Recorder]], tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint, handler = recorder
    handler.status = 201
    assert default_graph_name("https://example.org/kb/") == "https://example.org/kb/graph/claims"
    code = main(
        [
            "push",
            "--endpoint",
            endpoint,
            "--graph-file",
            str(tiny),
            "--base",
            "https://example.org/kb/",
        ]
    )
    assert code == 0 and "<https://example.org/kb/graph/claims>" in capsys.readouterr().out
    assert "graph=https%3A%2F%2Fexample.org%2Fkb%2Fgraph%2Fclaims" in handler.seen[0][0]
    assert (
        main(["push", "--endpoint", endpoint, "--graph-file", str(tiny), "--base", "not a base"])
        == 1
    )
    assert "--base" in capsys.readouterr().err


def test_a_broken_graph_file_is_an_error_and_nothing_is_sent(
    recorder: tuple[str, type[_Recorder]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint, handler = recorder
    broken = tmp_path / "broken.nt"
    broken.write_bytes(TINY + b"<https://example.org/a> <b> .\n")
    code = main(["push", "--endpoint", endpoint, "--graph-file", str(broken)])
    err = capsys.readouterr().err
    assert code == 1 and str(broken) in err and "nothing was sent" in err
    assert "Traceback" not in err and handler.seen == []


def test_the_password_stays_out_of_reprs() -> None:
    assert "s3cret" not in repr(Credentials("ana", "s3cret"))


def test_a_graph_file_without_a_final_line_end_is_pushed(
    recorder: tuple[str, type[_Recorder]], tmp_path: Path
) -> None:
    endpoint, handler = recorder
    handler.status = 204
    unended = tmp_path / "unended.nt"
    unended.write_bytes(TINY.rstrip(b"\n"))
    api.push(endpoint, OTHER, unended)
    body = handler.seen[0][2]
    assert isomorphic(Graph().parse(data=body, format="nt"), expected(unended))


def test_an_address_that_does_not_speak_http_is_a_clear_error(
    recorder: tuple[str, type[_Recorder]], tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint, handler = recorder
    with pytest.raises(PushError, match="no HTTP answer"):
        api.push(endpoint.replace("/store", "/a store"), nt_path=tiny)
    assert handler.seen == []
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def greet_like_ssh() -> None:
            connection, _ = listener.accept()
            with connection:
                connection.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
                while connection.recv(65536):
                    pass

        thread = threading.Thread(target=greet_like_ssh, daemon=True)
        thread.start()
        port = listener.getsockname()[1]
        code = main(
            ["push", "--endpoint", f"http://127.0.0.1:{port}/store", "--graph-file", str(tiny)]
        )
        thread.join(10)
    err = capsys.readouterr().err
    assert code == 1 and "no HTTP answer" in err and "Traceback" not in err


def test_push_deletes_then_puts_unless_told_a_single_put(
    recorder: tuple[str, type[_Recorder]], tiny: Path
) -> None:
    endpoint, handler = recorder
    handler.status = 204
    api.push(endpoint, OTHER, tiny)
    target = f"/store?{urllib.parse.urlencode({'graph': OTHER})}"
    assert handler.deleted == [target] and [seen[0] for seen in handler.seen] == [target]
    api.push(endpoint, OTHER, tiny, single_put=True)
    assert handler.deleted == [target] and len(handler.seen) == 2


def test_a_store_that_never_answers_times_out(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as listener:  # accepts the connection, then says nothing
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}/store"
        began = time.monotonic()
        with pytest.raises(PushError, match="did not answer within 1 s"):
            api.push(endpoint, OTHER, tiny, timeout_s=1)
        code = main(["push", "--endpoint", endpoint, "--graph-file", str(tiny), "--timeout", "1"])
        assert time.monotonic() - began < 30
    err = capsys.readouterr().err
    assert code == 1 and "did not answer within 1 s" in err and "--timeout" in err


def test_the_timeout_option_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["push", "--endpoint", "http://127.0.0.1:9/store", "--timeout", "0"])
    assert stopped.value.code == 2 and "a time-out in seconds" in capsys.readouterr().err


def test_push_shows_progress_for_a_large_body_on_a_terminal(
    recorder: tuple[str, type[_Recorder]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    endpoint, handler = recorder
    handler.status = 204
    large = tmp_path / "large.nt"
    with large.open("wb") as out:  # about 9 MB, over the progress threshold
        for number in range(150_000):
            out.write(
                f'<https://example.org/s{number}> <https://example.org/p> "{number}" .\n'.encode()
            )
    assert large.stat().st_size > PROGRESS_MIN_BYTES
    shown = io.StringIO()
    api.push(endpoint, OTHER, large, progress=shown)
    lines = shown.getvalue().split("\r")
    assert len(lines) > 10 and lines[-1].endswith("(100%)\n")
    assert "push: sent" in lines[1] and " of " in lines[1]
    assert len(handler.seen[-1][2]) > large.stat().st_size  # the whole body, ontology too
    # small bodies, and output that is no terminal, show nothing
    api.push(endpoint, OTHER, tiny_file(tmp_path), progress=shown)
    assert shown.getvalue().count("(100%)") == 1
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert (
        main(["push", "--endpoint", endpoint, "--graph-iri", OTHER, "--graph-file", str(large)])
        == 0
    )
    assert "(100%)" in capsys.readouterr().err


def tiny_file(folder: Path) -> Path:
    path = folder / "tiny-again.nt"
    path.write_bytes(TINY)
    return path
