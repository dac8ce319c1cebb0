"""The benchmark runs end to end at a small size, and both engines give the same answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.scale import BASELINE_QUERIES, main, markdown, run
from graph.query.catalogue import catalogue


def test_benchmark_measures_every_part_at_a_small_size(tmp_path: Path) -> None:
    (report,) = run([30_000], seed=6, rdflib_timeout_s=20, work=tmp_path)
    assert 15_000 < report.triples < 60_000
    # the on-disk store holds the built graph and the ontology, no more and no less
    assert report.store_triples > report.triples
    assert report.build_s > 0 and report.build_peak_mb > 0 and report.rdflib_load_s > 0
    assert [q.name for q in report.queries] == sorted(catalogue())
    compared = [q for q in report.queries if q.same_answer is not None]
    assert len(compared) >= len(report.queries) - 1  # rdflib may be stopped on one query
    assert all(q.same_answer for q in compared), [q.name for q in compared if not q.same_answer]
    assert sum(q.rows for q in report.queries) > 0
    # every rewritten query ran in its earlier form too, with the same answer
    rewritten = {q.name for q in report.queries if q.same_as_baseline is not None}
    assert rewritten == {p.stem for p in BASELINE_QUERIES.glob("*.rq")}
    assert {"claim-trail", "claims-about-substance", "receptor-claims"} <= rewritten
    assert all(q.same_as_baseline for q in report.queries if q.name in rewritten)
    assert all(q.rows > 0 for q in report.queries if q.name in rewritten)
    assert report.oxigraph_roundtrip_s > 0
    text = markdown(
        [report],
        {"date": "d", "uname": "u", "cpu": "c", "memory": "m", "python": "3", "versions": "v"},
    )
    assert all(name in text for name in catalogue())
    assert "Rewritten queries at" in text and "| claim-trail | " in text


def test_command_line_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scale.json"
    argv = [
        "--sizes",
        "1000",
        "--rdflib-timeout",
        "30",
        "--work",
        str(tmp_path),
        "--json",
        str(out),
    ]
    assert main(argv) == 0
    assert "| query |" in capsys.readouterr().out
    assert '"machine"' in out.read_text(encoding="utf-8")
