"""Reading articles to ingest: readable text and metadata, and refusing bad files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import NoReturn

import pytest

from builders.errors import DataError
from builders.ingest import textsource
from builders.ingest.textsource import MAX_FILE_BYTES, read_source

RESOURCES = Path(__file__).parents[2] / "resources" / "ingest"


def test_html_keeps_only_readable_text_and_reads_metadata() -> None:
    source = read_source(RESOURCES / "page.html")
    assert source.text == (
        "Kratom Facts\n\n"
        "Kratom acts on the mu-opioid receptor & may relieve pain.\n\n"
        "Kratom is not legal in every US state.\n"
    )
    assert source.title == "Kratom Facts"
    assert source.published == dt.date(2021, 7, 9)
    assert source.url == "https://blog.example.org/kratom-facts"
    assert source.publisher == "Example Health Blog"


def test_markdown_loses_its_markup_and_keeps_front_matter() -> None:
    source = read_source(RESOURCES / "note.md")
    assert source.text == (
        "Opioids: a short note\n\n"
        "Opioids relieve pain, but they can be addictive.\n\n"
        "Opioids act on the mu-opioid receptor.\n"
    )
    assert (source.title, source.published, source.url) == (
        "Opioids: a short note",
        dt.date(2022, 1, 15),
        "https://notes.example.org/opioids",
    )


def test_plain_text_is_kept_but_for_line_endings_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffTitle\r\n\r\nMarch 3, 2023\r\n\r\nKratom   is  legal.\r\n".encode())
    source = read_source(path)
    assert source.text == "Title\n\nMarch 3, 2023\n\nKratom   is  legal.\n"
    assert source.published == dt.date(2023, 3, 3)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\n\t\n", "no readable text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        ("data.txt", b"Kratom\x00\x01\x02\x03 is legal", "binary (a NUL byte at offset 6)"),
        ("latin1.txt", "Caf\u00e9 kratom".encode("latin-1"), "not valid UTF-8 (byte 0xe9"),
        ("report.pdf", b"%PDF-1.7", "cannot ingest '.pdf' files"),
        ("utf16.txt", "Kratom is legal.".encode("utf-16-le"), "binary (a NUL byte at offset 1)"),
        ("bom16.txt", "\ufeffKratom is legal.".encode("utf-16-le"), "UTF-16LE text"),
        ("bom16be.md", "\ufeffKratom is legal.".encode("utf-16-be"), "UTF-16BE text"),
        ("bom32.html", "\ufeffKratom is legal.".encode("utf-32-le"), "UTF-32LE text"),
    ],
)
def test_bad_files_are_refused_with_a_fix(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        read_source(path)
    assert problem in caught.value.problem
    assert caught.value.fix
    assert caught.value.where.path == path


def test_html_without_a_body_is_refused() -> None:
    with pytest.raises(DataError) as caught:
        read_source(RESOURCES / "no-body.html")
    assert "the HTML has no body text" in caught.value.problem


def test_a_50_mb_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # sparse: no 50 MB written to disk
        stream.truncate(50 * 1024 * 1024)

    def no_reading(self: Path, *args: object, **kwargs: object) -> NoReturn:
        raise AssertionError(f"{self} was opened, but its size alone refuses it")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(DataError) as caught:
        read_source(path)
    assert f"the file has 52,428,800 bytes, more than the limit of {MAX_FILE_BYTES:,}" in (
        caught.value.problem
    )


def test_no_more_than_the_limit_is_read_when_the_size_was_misreported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"Kratom is legal. " * 100)
    real_stat = Path.stat
    small = os.stat_result((*real_stat(path)[:6], 10, 0, 0, 0))  # says 10 bytes

    def stat(self: Path, **kwargs: bool) -> os.stat_result:
        return small if self == path else real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    monkeypatch.setattr(textsource, "MAX_FILE_BYTES", 100)
    with pytest.raises(DataError) as caught:
        read_source(path)
    assert "more than the limit of 100 bytes" in caught.value.problem


def test_html_keeps_only_the_documents_title_and_what_is_shown(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Kratom Facts</title></head><body>"
        '<header><svg viewBox="0 0 1 1"><title>menu icon</title></svg></header>'
        "<div hidden><div>Hidden one.</div><p>Hidden two.</div>"
        '<p aria-hidden="true">Decoration <span>too</span>.</p><div/>'
        "<p>Kratom relieves pain.</p><p>Opium is a narcotic.</p></body></html>",
        encoding="utf-8",
    )
    source = read_source(path)
    assert source.title == "Kratom Facts"
    assert source.text == "Kratom relieves pain.\n\nOpium is a narcotic.\n"


def test_html5_may_leave_out_body_and_close_of_head(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>T</title><meta charset=utf-8>"
        "<p>May 2, 2020</p><p>Opium relieves pain.</p></html>",
        encoding="utf-8",
    )
    source = read_source(path)
    assert (source.title, source.published) == ("T", dt.date(2020, 5, 2))
    assert source.text == "May 2, 2020\n\nOpium relieves pain.\n"


def test_unreadable_json_ld_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(
        '<html><head><title>T</title><script type="application/ld+json">'
        + "[" * 200_000
        + "</script></head><body><p>May 1, 2020</p><p>Kratom relieves pain.</p></body></html>",
        encoding="utf-8",
    )
    source = read_source(path)
    assert (source.title, source.text) == ("T", "May 1, 2020\n\nKratom relieves pain.\n")


def test_markdown_front_matter_that_is_no_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: Kratom\ndate: [2020-01-01\n---\n\nKratom relieves pain.\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        read_source(path)
    assert caught.value.where.path == path and caught.value.where.line == 3  # the date line
    assert "front matter" in caught.value.problem and "not valid YAML" in caught.value.problem
    assert "--title" in caught.value.fix


def test_a_rule_between_dashes_is_no_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("---\nKratom relieves pain.\n---\n\nOpium is a narcotic.\n", encoding="utf-8")
    assert read_source(path).text == "Kratom relieves pain.\n\nOpium is a narcotic.\n"
