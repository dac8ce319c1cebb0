"""Batch ingest: many files at once, the same bytes whatever the number of workers, one bad
file never stopping the others, and a summary that says what happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders.ingest.batch import article_files, ingest_many
from graph.cli import main

ARTICLES = {
    "a.txt": "Kratom and the Receptor\n\nMarch 3, 2022\n\nKratom acts on the mu-opioid receptor.\n",
    "b.md": "# Opium Today\n\nApril 9, 2021\n\nOpium is a powerful sedative.\n",
    "c.html": (
        "<html><head><title>Withdrawal Notes</title>"
        '<meta name="date" content="2020-05-01"></head>'
        "<body><p>Withdrawal from opioids can be very severe.</p></body></html>"
    ),
}


def write_articles(folder: Path, extra: dict[str, bytes] | None = None) -> Path:
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, content in (extra or {}).items():
        (folder / name).write_bytes(content)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_parallel_and_sequential_ingest_write_the_same_bytes(
    tmp_path: Path, data_copy: Path
) -> None:
    sources = write_articles(tmp_path / "in")
    other = tmp_path / "other-data"
    other.mkdir()
    for path in data_copy.rglob("*"):
        if path.is_file():
            target = other / path.relative_to(data_copy)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    one = ingest_many([sources], data_copy, jobs=1)
    two = ingest_many([sources], other, jobs=2)
    assert one.written == two.written == len(ARTICLES)
    assert not one.refused and not two.refused
    assert snapshot(data_copy) == snapshot(other)
    assert one.statements > 0


def test_a_bad_file_is_refused_and_the_others_are_ingested(tmp_path: Path, data_copy: Path) -> None:
    sources = write_articles(tmp_path / "in", {"broken.txt": b"\x89PNG\r\n\x1a\n\x00\x00"})
    before = snapshot(data_copy)
    summary = ingest_many([sources, tmp_path / "missing.txt"], data_copy, jobs=1)
    assert summary.written == len(ARTICLES)
    refused = {r.path.name: r.reason for r in summary.refused}
    assert set(refused) == {"broken.txt", "missing.txt"}
    assert "PNG" in refused["broken.txt"]
    added = set(snapshot(data_copy)) - set(before)
    assert len(added) == 3 * len(ARTICLES)


def test_ingesting_the_same_folder_twice_adds_nothing(tmp_path: Path, data_copy: Path) -> None:
    sources = write_articles(tmp_path / "in")
    ingest_many([sources], data_copy, jobs=1)
    after_first = snapshot(data_copy)
    again = ingest_many([sources], data_copy, jobs=1)
    assert again.written == 0 and again.already_present == len(ARTICLES)
    assert snapshot(data_copy) == after_first


def test_folders_are_read_for_article_files_only(tmp_path: Path) -> None:
    sources = write_articles(tmp_path / "in", {"notes.csv": b"a,b\n"})
    files, refused = article_files([sources])
    assert [f.name for f in files] == sorted(ARTICLES)
    assert not refused


def test_the_cli_prints_a_summary_and_fails_when_a_file_is_refused(
    tmp_path: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = write_articles(tmp_path / "in", {"empty.txt": b""})
    code = main(["ingest", str(sources), "--data", str(data_copy), "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"articles: {len(ARTICLES)} written, 0 already there, 1 refused" in out
    assert "refused" in err and "empty.txt" in err
