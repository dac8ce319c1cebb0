"""The SPARQL endpoint: the real front and its workers on a free loopback port, read-only."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from graph import api
from graph.errors import StoreError
from graph.namespace import PREFIXES
from graph.query.catalogue import catalogue
from graph.serve import server
from graph.serve.querypage import bind_values
from graph.store import diskstore

PARAMS = {
    "claims-about-substance": {"substance": "kratom"},
    "receptor-claims": {"receptor": "MOR"},
    "claim-trail": {"claim": "kratom acts on mu-opioid receptor"},
}
CONSTRUCT = """
PREFIX cg: <https://w3id.org/claimgraph/vocab#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?claim rdfs:label ?label ; cg:verdict ?verdict }
WHERE { ?claim a cg:Claim ; rdfs:label ?label ; cg:verdict ?verdict }
"""
STATEMENT_COUNT = (
    "PREFIX cg: <https://w3id.org/claimgraph/vocab#> "
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a cg:Statement }"
)


@pytest.fixture(scope="module")
def endpoint(seed_out: Path) -> Iterator[server.RunningServer]:
    with api.serve(nt_path=seed_out / "claims.nt", port=0) as running:
        yield running


def embedded_rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return sorted(tuple("" if s[n] is None else s[n].value for n in names) for s in result)


def wrapper(endpoint: server.RunningServer, query: str) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint.query_url)
    client.setQuery(query)
    return client


def get(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def send(url: str, body: bytes, content_type: str, method: str = "POST") -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=body, method=method, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_catalogue_query_through_sparqlwrapper_matches_the_embedded_store(
    endpoint: server.RunningServer, seed_store: ox.Store, name: str
) -> None:
    query = bind_values(catalogue()[name].text, PARAMS.get(name, {}))
    client = wrapper(endpoint, query)
    client.setReturnFormat(JSON)
    document = client.query().convert()
    assert isinstance(document, dict)
    names = document["head"]["vars"]
    remote = sorted(
        tuple(b.get(n, {}).get("value", "") for n in names) for b in document["results"]["bindings"]
    )
    assert remote == embedded_rows(seed_store, query)
    assert remote  # every catalogue query has answers on the seed graph


def test_ask_and_construct_through_sparqlwrapper(
    endpoint: server.RunningServer, seed_store: ox.Store
) -> None:
    for query, expected in (
        ("ASK { ?s <https://w3id.org/claimgraph/vocab#attributedTo> ?o }", True),
        ("ASK { ?s <https://w3id.org/claimgraph/vocab#noSuchProperty> ?o }", False),
    ):
        client = wrapper(endpoint, query)
        client.setReturnFormat(JSON)
        answer = client.query().convert()
        assert isinstance(answer, dict) and answer["boolean"] is expected
    client = wrapper(endpoint, CONSTRUCT)
    client.setReturnFormat(TURTLE)
    turtle = client.query().convert()
    assert isinstance(turtle, bytes)
    remote = Graph().parse(data=turtle, format="turtle")
    result = seed_store.query(CONSTRUCT)
    assert isinstance(result, ox.QueryTriples)
    embedded = Graph().parse(data=ox.serialize(result, format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert len(embedded) > 0 and isomorphic(remote, embedded)


def test_rdflib_sparqlstore_reads_the_endpoint(
    endpoint: server.RunningServer, seed_store: ox.Store
) -> None:
    remote = Graph(store=SPARQLStore(query_endpoint=endpoint.query_url, returnFormat="json"))
    query = catalogue()["claim-verdicts"].text
    answer = remote.query(query, initNs=PREFIXES)
    names = [str(v) for v in answer.vars or []]
    rows = sorted(tuple("" if r[n] is None else str(r[n]) for n in names) for r in answer)  # type: ignore[call-overload,index]
    assert rows == embedded_rows(seed_store, query)
    assert bool(remote.query("ASK { ?s ?p ?o }").askAnswer) is True


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_content_negotiation_on_get_and_post(
    endpoint: server.RunningServer, seed_store: ox.Store, accept: str, media_type: str
) -> None:
    url = f"{endpoint.query_url}?{urllib.parse.urlencode({'query': STATEMENT_COUNT})}"
    status, content_type, body = get(url, accept)
    assert status == 200 and content_type.startswith(media_type)
    text = body.decode("utf-8")
    if media_type.endswith("json"):
        value = json.loads(text)["results"]["bindings"][0]["n"]["value"]
    elif media_type.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        value = ET.fromstring(text).findtext(".//r:literal", namespaces=ns) or ""
    elif media_type == "text/csv":
        value = next(iter(csv.DictReader(io.StringIO(text))))["n"]
    else:
        value = text.splitlines()[1].split("^^")[0].strip('"')
    assert int(value) == int(embedded_rows(seed_store, STATEMENT_COUNT)[0][0]) > 0
    request = urllib.request.Request(
        endpoint.query_url,
        data=STATEMENT_COUNT.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers["Content-Type"].startswith(media_type)
        assert response.read() == body


def test_updates_and_writes_are_refused(endpoint: server.RunningServer) -> None:
    insert = b"INSERT DATA { <https://example.org/s> <https://example.org/p> 1 }"
    status, body = send(f"{endpoint.url}/update", insert, "application/sparql-update")
    assert status == 403 and b"read-only" in body
    status, _ = send(
        endpoint.query_url,
        urllib.parse.urlencode({"update": insert.decode()}).encode(),
        "application/x-www-form-urlencoded",
    )
    assert status >= 400
    triple = b"<https://example.org/s> <https://example.org/p> 1 .\n"
    status, _ = send(endpoint.store_url, triple, "application/n-triples", method="PUT")
    assert status == 403
    url = f"{endpoint.query_url}?{urllib.parse.urlencode({'query': 'ASK { ?s ?p 1 }'})}"
    assert json.loads(get(url, "application/sparql-results+json")[2])["boolean"] is False


@pytest.mark.parametrize("path", ["/store", "/no-such-path", "/update"])
def test_a_refused_large_body_still_gets_its_answer(
    endpoint: server.RunningServer, path: str
) -> None:
    """A client still sending a body must read the refusal, not a broken pipe."""
    body = b"<https://example.org/s> <https://example.org/p> 1 .\n" * 100_000  # about 5 MB
    host, port = endpoint.url.removeprefix("http://").split(":")
    for _ in range(10):
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:  # a file is sent in blocks, as a push sends one, so the refusal comes mid-body
            headers = {"Content-Type": "application/n-triples", "Connection": "close"}
            connection.request("PUT", path, body=io.BytesIO(body), headers=headers)
            status = connection.getresponse().status
        finally:
            connection.close()
        assert status in (403, 404, 405)


def test_query_page_needs_nothing_from_outside(endpoint: server.RunningServer) -> None:
    status, content_type, body = get(f"{endpoint.url}/")
    page = body.decode("utf-8")
    assert status == 200 and content_type.startswith("text/html")
    assert not re.findall(r"(?:src|href|action)\s*=", page)  # no asset, link or form to fetch
    assert (
        "connect-src 'self'"
        in urllib.request.urlopen(f"{endpoint.url}/").headers["Content-Security-Policy"]
    )
    embedded = re.search(r'<script type="application/json" id="catalogue">(.*?)</script>', page)
    assert embedded is not None
    tabs = {tab["name"]: tab for tab in json.loads(embedded.group(1))}
    for name, named in catalogue().items():  # every catalogue query is a tab with its question
        assert tabs[name]["question"] == named.question
        assert tabs[name]["query"].startswith(named.text.split("WHERE", 1)[0])
    own = tabs["new"]["query"]
    assert all(f"PREFIX {prefix}: <{iri}>" in own for prefix, iri in PREFIXES.items())


def test_a_query_past_the_time_out_is_cancelled(seed_out: Path) -> None:
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with api.serve(nt_path=seed_out / "claims.nt", port=0, timeout_s=1) as running:
        url = f"{running.query_url}?{urllib.parse.urlencode({'query': endless})}"
        _, _, body = get(url, "application/sparql-results+json")
    assert b"cancelled" in body
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)


def test_serves_the_store_folder_it_is_given(tmp_path: Path, seed_out: Path) -> None:
    tiny = tmp_path / "tiny.nt"
    tiny.write_bytes(b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    diskstore.replace_contents(tmp_path / "store", tiny, ontology=None)
    with api.serve(store=tmp_path / "store", port=0) as running:
        query = "SELECT ?s WHERE { ?s ?p ?o }"
        url = f"{running.query_url}?{urllib.parse.urlencode({'query': query})}"
        assert get(url, "text/csv")[2].decode().split() == ["s", "https://example.org/a"]


def test_a_taken_port_is_a_clear_error(seed_out: Path) -> None:
    with socket.socket() as taken:
        taken.bind((server.HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(StoreError, match=f"port {port} is taken"):
            api.serve(nt_path=seed_out / "claims.nt", port=port)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_cli_serve_prints_its_url_and_stops_its_server(
    seed_out: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    port = server.free_port()
    command = [sys.executable, "-m", "graph.cli", "serve", "--port", str(port)]
    scratch = tmp_path / "tmp"  # where the server's temporary store and log go
    scratch.mkdir()
    process = subprocess.Popen(
        [*command, "--graph-file", str(seed_out / "claims.nt")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in first
        url = f"http://127.0.0.1:{port}/query?{urllib.parse.urlencode({'query': 'ASK {}'})}"
        assert get(url, "application/sparql-results+json")[0] == 200
        assert list(scratch.iterdir())  # the temporary store is in use
    finally:
        process.send_signal(stop)
        try:
            code = process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert code == 0
    assert list(scratch.iterdir()) == []  # the signal removed the temporary store and log
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))


def test_serve_without_a_built_graph_says_to_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.cli import main

    assert main(["serve", "--graph-file", str(tmp_path / "claims.nt"), "--port", "0"]) == 1
    assert "run 'claimgraph build' first" in capsys.readouterr().err


def test_wait_reports_a_server_that_ended_by_itself(seed_out: Path) -> None:
    running = api.serve(nt_path=seed_out / "claims.nt", port=0)
    running.process.kill()
    with pytest.raises(StoreError, match="stopped by itself"):
        running.wait()
    assert running.process.poll() is not None and not running.log.exists()


@pytest.mark.parametrize(
    ("option", "value"), [("--port", "65536"), ("--port", "-1"), ("--timeout", "0")]
)
def test_cli_serve_refuses_out_of_range_numbers(
    option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.cli import main

    with pytest.raises(SystemExit) as ended:
        main(["serve", option, value])
    assert ended.value.code == 2 and f"'{value}' is not" in capsys.readouterr().err


def test_start_up_check_ignores_a_proxy(seed_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{server.free_port()}")
    with api.serve(nt_path=seed_out / "claims.nt", port=0) as running:
        assert running.process.poll() is None


def test_the_next_start_removes_what_a_killed_serve_left(
    seed_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = [sys.executable, "-m", "graph.cli", "serve", "--port", "0"]
    process = subprocess.Popen(
        [*command, "--graph-file", str(seed_out / "claims.nt")],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    try:
        assert process.stdout is not None and "/query" in process.stdout.readline()
    finally:
        process.kill()  # kill -9: nothing of its own clean-up runs
        process.wait()
    (left,) = scratch.iterdir()
    assert (left / "store").is_dir()
    unrelated = scratch / f"{server.RUN_PREFIX}not-a-run"  # no owner file: not ours to remove
    unrelated.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with api.serve(nt_path=seed_out / "claims.nt", port=0) as running:
        assert not left.exists() and unrelated.is_dir()
        assert running.log.parent.parent == scratch
    assert sorted(scratch.iterdir()) == [unrelated]
