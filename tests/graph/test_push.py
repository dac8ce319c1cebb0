"""Pushing the built graph into a Graph Store Protocol store: a real Oxigraph server."""

from __future__ import annotations

import http.server
import threading
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
from builders.errors import PushError
from graph import api, server
from graph.cli import main
from graph.push import Credentials, default_graph_name
from graph.store import load_store

OTHER = "https://example.org/graph/other"
TINY = b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"


@pytest.fixture(scope="module")
def remote() -> Iterator[server.RunningServer]:
    """A read-write Oxigraph server in memory, standing in for a remote triple store."""
    options = server.ServeOptions(location=None, port=0, read_only=False)
    with server.start(options) as running:
        yield running


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
    remote: server.RunningServer, seed_out: Path, tmp_path: Path
) -> None:
    seed = seed_out / "claims.nt"
    tiny = tmp_path / "tiny.nt"
    tiny.write_bytes(TINY)
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
    argv = ["push", "--endpoint", remote.store_url, "--graph", graph]
    code = main([*argv, "--nt", str(seed_out / "claims.nt")])
    assert code == 0 and f"replaced graph <{graph}>" in capsys.readouterr().out
    assert isomorphic(fetch(remote.store_url, graph), held_by_oxigraph(seed_out / "claims.nt"))


def test_closed_port_is_a_clear_error(seed_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    endpoint = f"http://127.0.0.1:{server.free_port()}/store"
    with pytest.raises(PushError, match="cannot reach the store"):
        api.push(endpoint, nt_path=seed_out / "claims.nt")
    code = main(["push", "--endpoint", endpoint, "--nt", str(seed_out / "claims.nt")])
    err = capsys.readouterr().err
    assert code == 1 and "Connection refused" in err and "how to fix" in err


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every PUT with the status the test chose, and remembers what it got."""

    status = 500
    seen: ClassVar[list[tuple[str, dict[str, str], bytes]]] = []

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
    handler = type("Handler", (_Recorder,), {"seen": [], "status": 500})
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
    recorder: tuple[str, type[_Recorder]], tmp_path: Path
) -> None:
    endpoint, handler = recorder
    handler.status = 204
    tiny = tmp_path / "tiny.nt"
    tiny.write_bytes(TINY)
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
