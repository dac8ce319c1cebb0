"""The command line: formats, listing, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from graph.cli import main
from graph.query.catalogue import catalogue


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_queries_lists_every_named_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "queries")
    assert code == 0
    for name, query in catalogue().items():
        assert name in out and query.question in out
    assert "claims-about-substance --param substance=..." in out


def test_formats(seed_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = str(seed_out / "claims.nt")
    args = ("query", "attributed-statements", "--graph-file", graph)
    _, out, _ = run(capsys, *args, "--format", "json")
    bindings = json.loads(out)["results"]["bindings"]
    assert {b["authority"]["value"] for b in bindings} == {
        "American Medical Association",
        "The Journal of Pain",
    }
    _, out, _ = run(capsys, *args, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["authority"] for r in rows} == {"American Medical Association", "The Journal of Pain"}
    _, out, _ = run(capsys, *args, "--format", "tsv")
    assert out.splitlines()[0].split("\t") == ["?article", "?authority", "?quote", "?claimLabel"]
    _, out, _ = run(capsys, *args)
    assert out.splitlines()[0].split() == ["article", "authority", "quote", "claimLabel"]
    assert out.rstrip().endswith("(2 rows)")


def test_query_file_and_inline_sparql(
    seed_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a cg:Article }", encoding="utf-8")
    code, out, _ = run(
        capsys, "query", str(query), "--graph-file", str(seed_out / "claims.nt"), "-f", "csv"
    )
    assert (code, out.split()) == (0, ["n", "1"])
    code, out, _ = run(
        capsys,
        "query",
        "ASK { ?s cg:attributedTo ?o }",
        "--graph-file",
        str(seed_out / "claims.nt"),
    )
    assert (code, out) == (0, "true\n")


def test_syntax_error_exits_2_with_position(
    seed_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "query", "SELECT ?x WHERE { ?x ?y }", "--graph-file", str(seed_out / "claims.nt")
    )
    assert code == 2
    assert "SPARQL syntax error: error at 1:" in err


def test_unknown_query_name_exits_2(seed_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "query", "no-such-query", "--graph-file", str(seed_out / "claims.nt")
    )
    assert code == 2 and "neither a named query" in err


def test_query_before_build_says_to_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "query", "statements", "--graph-file", str(tmp_path / "none.nt"))
    assert code == 1 and "run 'claimgraph build' first" in err
