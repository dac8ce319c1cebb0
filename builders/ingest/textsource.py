"""Read an article to ingest: plain text, Markdown or HTML, reduced to its readable text.

The input is untrusted. It is refused, with a ``DataError`` that says how to fix it, when it
is larger than ``MAX_FILE_BYTES`` (checked before reading, and no more than that is ever
read), binary, UTF-16 or UTF-32 (by its byte-order mark) or otherwise not UTF-8, empty, or
without readable text. Line endings become ``\\n`` and a byte-order mark is dropped; plain
text is otherwise kept exactly. Markdown loses its markup, HTML keeps only the text a reader
sees (no scripts, styles, navigation or forms). Title, date, URL and publisher are taken
from the document's metadata when it has any (HTML ``<title>``, ``<meta>``, JSON-LD;
Markdown front matter and first heading), else from a date line near the top.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from builders.errors import DataError, Location
from builders.ingest.htmltext import from_html
from builders.ingest.markdowntext import from_markdown
from builders.ingest.pagemeta import SourceText, first_date
from builders.yamlsource import decode_utf8

MAX_FILE_BYTES = 8 * 1024 * 1024  # an article page, with its markup, is far smaller
MAX_TEXT_CHARS = 1_000_000  # about 170,000 words of readable text
TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
UNICODE_BOMS = (  # UTF-32 first: its little-endian mark begins like UTF-16's
    (b"\xff\xfe\x00\x00", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe", "UTF-16LE"),
    (b"\xfe\xff", "UTF-16BE"),
)
BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.epub file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}


def read_source(path: Path) -> SourceText:
    """The readable text of ``path`` (.txt, .md or .html) and its metadata."""
    kind = _kind(path)
    raw = _read_bytes(path)
    text = _decode(path, raw)
    if kind == "html":
        source = from_html(text)
    elif kind == "markdown":
        source = from_markdown(path, text)
    else:
        source = SourceText(text)
    if not source.text.strip():
        raise DataError(
            Location(path),
            "the file has no readable text"
            + (" (the HTML has no body text)" if kind == "html" else ""),
            "ingest the article's text, not an empty page or a page made of scripts",
        )
    if len(source.text) > MAX_TEXT_CHARS:
        raise DataError(
            Location(path),
            f"the readable text has {len(source.text):,} characters, more than the "
            f"limit of {MAX_TEXT_CHARS:,}",
            "ingest one article at a time; split a collection into one file per article",
        )
    return dataclasses.replace(source, published=source.published or first_date(source.text[:500]))


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    raise DataError(
        Location(path),
        f"cannot ingest '{suffix or 'no suffix'}' files",
        "save the article as .txt, .md or .html",
    )


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise DataError(Location(path), "not a regular file", "give the path of a file")
        if size > MAX_FILE_BYTES:
            raise DataError(
                Location(path),
                f"the file has {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}",
                "ingest one article at a time; save a web page as HTML without embedded media",
            )
        with path.open("rb") as stream:  # the file may have grown since stat()
            raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise DataError(
                Location(path),
                f"the file has more than the limit of {MAX_FILE_BYTES:,} bytes",
                "ingest one article at a time; save a web page as HTML without embedded media",
            )
    except OSError as exc:
        raise DataError(
            Location(path), f"cannot read the file: {exc.strerror}", "check the path"
        ) from exc
    if not raw:
        raise DataError(Location(path), "the file is empty", "give a file with the article")
    for bom, encoding in UNICODE_BOMS:
        if raw.startswith(bom):
            raise DataError(
                Location(path),
                f"the file is {encoding} text (it starts with a {encoding} byte-order mark), "
                "not UTF-8",
                f"convert it to UTF-8, e.g. iconv -f {encoding} -t UTF-8 FILE > FILE.utf8"
                f"{path.suffix}",
            )
    for magic, what in BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise DataError(
                Location(path),
                f"the file is {what}, not text",
                "convert the article to plain text, Markdown or HTML first",
            )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise DataError(
            Location(path, raw[:offset].count(b"\n") + 1),
            f"the file is binary (a NUL byte at offset {offset})",
            "convert the article to plain text, Markdown or HTML first (UTF-16 text: convert "
            "it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8)",
        )
    return raw


def _decode(path: Path, raw: bytes) -> str:
    fix = "convert it to UTF-8, e.g. iconv -f windows-1252 -t utf-8 FILE > FILE.txt"
    text = decode_utf8(path, raw, fix).removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")
