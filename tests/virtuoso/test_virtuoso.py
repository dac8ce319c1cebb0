"""claimgraph against a real Virtuoso 7: push, push again, query, bulk load, compare.

The embedded store's rows are the reference: every catalogue query sent to Virtuoso's
/sparql gives the same rows (normalized as ``bench.virtuoso`` says: booleans read in their
canonical form, rows compared sorted, truncated answers refused).
"""

from __future__ import annotations

import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench import virtuoso
from bench.virtuoso import Virtuoso, catalogue_rows, rows_of, sparql_json
from graph import api
from graph.cli import main
from graph.errors import PushError
from graph.query.catalogue import bind_names, catalogue
from graph.query.sparql import execute
from graph.store.bulkload import BulkTarget
from graph.store.memory import load_store
from graph.store.push import Credentials, default_graph_name

DBA = Credentials("dba", "dba")
GRAPH = default_graph_name()
PARAMS = {
    "claims-about-substance": {"substance": "Kratom"},
    "receptor-claims": {"receptor": "MOR"},
    "claim-trail": {"claim": "kratom acts on mu-opioid receptor"},
}
TINY = b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"


def embedded_rows(store: ox.Store, name: str) -> list[tuple[str, ...]]:
    query = catalogue()[name]
    params = PARAMS.get(name, {})
    result = execute(store, bind_names(store, query.text, params), params)
    assert isinstance(result, ox.QuerySolutions)
    variables = [v.value for v in result.variables]
    return sorted(tuple("" if s[v] is None else s[v].value for v in variables) for s in result)


def count(server: Virtuoso, graph: str) -> int:
    answer = sparql_json(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph)
    return int(rows_of(answer)[0][0])


def held(nt_path: Path) -> int:
    return len(load_store(nt_path))  # the graph and the ontology, as pushed


def test_basic_auth_is_refused_and_digest_pushes(server: Virtuoso, tmp_path: Path) -> None:
    """What Virtuoso's /sparql-graph-crud-auth takes: HTTP Digest only (Basic gets 401)."""
    tiny = tmp_path / "tiny.nt"
    tiny.write_bytes(TINY)
    url = f"{server.crud}?graph=https://example.org/graph/basic"
    basic = urllib.request.Request(
        url, data=TINY, method="PUT", headers={"Authorization": DBA.header()}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(basic, timeout=30)
    assert refused.value.code == 401  # (with no challenge at all when Basic was tried)
    anonymous = urllib.request.Request(url, method="GET")
    with pytest.raises(urllib.error.HTTPError) as challenged:
        urllib.request.urlopen(anonymous, timeout=30)
    assert challenged.value.headers["WWW-Authenticate"].startswith("Digest ")
    result = api.push(server.crud, "https://example.org/graph/basic", tiny, DBA, single_put=True)
    assert result.status in (200, 201, 204)
    assert count(server, "https://example.org/graph/basic") == held(tiny)
    with pytest.raises(PushError, match=r"refused the write.*401"):
        api.push(server.crud, "https://example.org/graph/basic", tiny, Credentials("dba", "no"))


def test_push_twice_replaces_the_graph_and_every_query_agrees(
    server: Virtuoso, seed_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = seed_out / "claims.nt"
    tiny = tmp_path / "tiny.nt"
    tiny.write_bytes(TINY)
    api.push(server.crud, GRAPH, tiny, DBA)
    assert count(server, GRAPH) == held(tiny)
    argv = ["push", "--endpoint", server.crud, "--graph-file", str(seed), "--user", "dba"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMGRAPH_PUSH_PASSWORD", "dba")
        assert main(argv) == 0 and main(argv) == 0  # twice: the second replaces the first
    assert f"replaced graph <{GRAPH}>" in capsys.readouterr().out
    assert count(server, GRAPH) == held(seed)
    store = load_store(seed)
    for name, query in catalogue().items():
        expected = embedded_rows(store, name)
        assert catalogue_rows(server, query, PARAMS.get(name, {}), GRAPH) == expected, name
    assert all(embedded_rows(store, name) for name in PARAMS)  # the parameters find rows


def test_bulk_load_replaces_the_graph_and_agrees(
    server: Virtuoso, seed_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = "https://example.org/graph/bulk"
    seed = seed_out / "claims.nt"
    tiny = tmp_path / "tiny.nt"
    tiny.write_bytes(TINY)
    target = BulkTarget(server.folder, server.sql)
    api.bulk_load(target, graph, tiny, DBA)
    assert count(server, graph) == held(tiny)
    argv = ["push", "--bulk", str(server.folder), "--isql", server.sql, "--graph-iri", graph]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMGRAPH_PUSH_PASSWORD", "dba")
        assert main([*argv, "--graph-file", str(seed), "--user", "dba"]) == 0
    assert f"replaced graph <{graph}>" in capsys.readouterr().out
    assert count(server, graph) == held(seed)
    assert list(server.folder.iterdir()) == []  # the staged file is gone
    store = load_store(seed)
    for name in ("statements", "claims-about-substance", "claim-trail"):
        assert catalogue_rows(server, catalogue()[name], PARAMS.get(name, {}), graph) == (
            embedded_rows(store, name)
        ), name


def test_bulk_load_failures_are_read_from_isql_output(
    server: Virtuoso, seed_out: Path, tmp_path: Path
) -> None:
    """isql-vt exits 0 when its SQL fails; the load still fails, with Virtuoso's words."""
    seed = seed_out / "claims.nt"
    # a folder outside DirsAllowed (not under /tmp: Virtuoso lets the loader read all of /tmp)
    with tempfile.TemporaryDirectory(dir="/var/tmp", prefix="claimgraph-") as outside:
        with pytest.raises(PushError, match=r"Access .*denied") as denied:
            target = BulkTarget(Path(outside), server.sql)
            api.bulk_load(target, "https://example.org/g/x", seed, DBA)
        assert "*** Error" in str(denied.value) and "DirsAllowed" in str(denied.value)
        assert list(Path(outside).iterdir()) == []
    with pytest.raises(PushError, match="Bad login"):
        api.bulk_load(
            BulkTarget(server.folder, server.sql), None, seed, Credentials("dba", "wrong")
        )
    assert count(server, "https://example.org/g/x") == 0


def test_the_result_limit_is_checked_not_trusted(server: Virtuoso) -> None:
    """ResultSetMaxRows would cut answers silently; an answer at the limit is refused."""
    answer = {"head": {"vars": ["x"]}, "results": {"bindings": [{}] * virtuoso.MAX_ROWS}}
    with pytest.raises(AssertionError, match="ResultSetMaxRows"):
        rows_of(answer)
    ask = sparql_json(server, "ASK { ?s ?p ?o }", GRAPH)  # ASK answers as a result set
    assert "results" in ask
