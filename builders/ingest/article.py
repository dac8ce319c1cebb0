"""Ingest an article: its text, metadata and a draft statements file, into a data folder.

``ingest`` reads a .txt, .md or .html file (``builders.textsource``), extracts statements
by rule (``builders.extract``) and writes three files, each complete or not at all
(a temporary file, then a hard link that fails if the name exists), in this order:

- ``statements/NNN_HASH.yaml``: the draft (``status: draft``), with vocabulary candidates;
- ``articles/NNN_HASH.yaml``: title, published, url, publisher;
- ``articles/NNN_HASH.txt``: the readable text, where HASH is the first 16 hex of its SHA-256
  and NNN the next free number. It comes last, so an interrupted ingest leaves no article
  without its metadata, and ingesting again completes it (files it wrote with the same bytes
  are kept).

Before anything is written, the three files are loaded by the same loaders as curated data,
so a draft always builds. An article whose text is already in the folder is not written
again; no existing file is ever replaced.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from builders import paths
from builders.articles import load_article
from builders.build import check_data_folders
from builders.candidates import Candidate
from builders.errors import DataError, Location
from builders.gazetteer import ExtendedVocabulary, gazetteer_folder, with_gazetteer
from builders.ingest.candidates import find_candidates
from builders.ingest.drafts import (
    DraftEntry,
    render_draft,
    render_metadata,
    skipped_notes,
    statement_entries,
)
from builders.ingest.extract import Extractor
from builders.ingest.pagemeta import MAX_TITLE, clean, web_url
from builders.ingest.textsource import read_source
from builders.iris import HASH_LENGTH, text_hash
from builders.records import Vocabulary
from builders.serialize import publish_new
from builders.statements import load_statement_file
from builders.vocabulary import load_vocabulary
from builders.yamlsource import read_text


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Metadata given by the user; each overrides what the file itself says."""

    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting did: the article's name, the files written, what the draft holds."""

    article_id: str
    written: tuple[Path, ...]
    statement_count: int
    candidate_count: int
    already_present: bool = False
    skipped_sentences: int = 0  # too long for the rules, or with too many proposals


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article read and extracted, not yet named or written: the part of ingest that
    takes time and touches no data folder, so that many can run in parallel."""

    source_path: Path
    text: str
    sha: str
    title: str
    published: dt.date
    url: str | None
    publisher: str | None
    entries: tuple[DraftEntry, ...]
    candidates: tuple[Candidate, ...]
    notes: tuple[str, ...]
    skipped_sentences: int


def prepare(source_path: Path, options: IngestOptions, extractor: Extractor) -> Prepared:
    """Read ``source_path`` and extract its draft statements (raises ``DataError``)."""
    if options.url is not None and web_url(options.url) != options.url:
        raise DataError(
            Location(source_path), f"'{options.url}' is not an http(s) URL", "write the full URL"
        )
    source = read_source(source_path)
    title = clean(options.title) or source.title or _first_line(source.text)
    if title is None:
        raise DataError(
            Location(source_path),
            "the article has no title in its metadata or first line",
            "pass --title 'The article title'",
        )
    published = options.published or source.published
    if published is None:
        raise DataError(
            Location(source_path),
            "no publication date found in the article or its metadata",
            "pass --date YYYY-MM-DD",
        )
    extraction = extractor.extract(source.text, title)
    return Prepared(
        source_path=source_path,
        text=source.text,
        sha=text_hash(source.text),
        title=title,
        published=published,
        url=options.url or source.url,
        publisher=clean(options.publisher) or source.publisher,
        entries=tuple(statement_entries(source.text, extraction.proposals)),
        candidates=find_candidates(source.text, extraction.unresolved, extractor.lexicon),
        notes=skipped_notes(source.text, extraction.skipped),
        skipped_sentences=len(extraction.skipped),
    )


def write(prepared: Prepared, data_dir: Path, vocabulary: Vocabulary) -> IngestResult:
    """Name the prepared article and write its three files into ``data_dir``."""
    articles = data_dir / "articles"
    for existing in sorted(articles.glob("*.txt")):
        if text_hash(read_text(existing)) == prepared.sha:
            return IngestResult(existing.stem, (), 0, 0, already_present=True)
    name = _article_name(data_dir, prepared.sha)
    # the article's text last: until it is there, the article is not in the folder
    contents = {
        data_dir / "statements" / f"{name}.yaml": render_draft(
            name, prepared.entries, prepared.candidates, prepared.notes
        ),
        articles / f"{name}.yaml": render_metadata(
            prepared.title, prepared.published.isoformat(), prepared.url, prepared.publisher
        ),
        articles / f"{name}.txt": prepared.text.encode("utf-8"),
    }
    _check(contents, data_dir, vocabulary)
    _publish(_unwritten(contents))
    return IngestResult(
        article_id=name,
        written=tuple(contents),
        statement_count=len(prepared.entries),
        candidate_count=len(prepared.candidates),
        skipped_sentences=prepared.skipped_sentences,
    )


def ingest(
    source_path: Path,
    data_dir: Path = paths.DATA_DIR,
    options: IngestOptions | None = None,
    extractor: Extractor | None = None,
) -> IngestResult:
    """Add the article at ``source_path`` to ``data_dir`` with a draft of its statements."""
    check_data_folders(data_dir)
    known = known_entities(data_dir)
    prepared = prepare(
        source_path, options or IngestOptions(), extractor or cached_extractor(known)
    )
    return write(prepared, data_dir, known.all)


def known_entities(data_dir: Path) -> ExtendedVocabulary:
    """What the extractor may ground names to: the curated vocabulary and the gazetteer."""
    vocabulary_dir = data_dir / "vocabulary"
    return with_gazetteer(load_vocabulary(vocabulary_dir), gazetteer_folder(vocabulary_dir))


def extractor_for(known: ExtendedVocabulary) -> Extractor:
    if known.gazetteer is None:
        return Extractor(known.curated)
    return Extractor(known.curated, known.gazetteer.entries.values(), known.gazetteer.absorbed)


_EXTRACTORS: dict[str, Extractor] = {}


def cached_extractor(known: ExtendedVocabulary) -> Extractor:
    """One extractor per vocabulary content in this process: loading the pipeline and its
    matcher takes seconds, and the same vocabulary always gives the same extractor."""
    digest = text_hash(known.identity)
    if digest not in _EXTRACTORS:
        _EXTRACTORS.clear()
        _EXTRACTORS[digest] = extractor_for(known)
    return _EXTRACTORS[digest]


def _first_line(text: str) -> str | None:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return clean(line) if 0 < len(line) <= MAX_TITLE else None


def _article_name(data_dir: Path, sha: str) -> str:
    """``NNN_HASH``: the name an interrupted ingest of the same text left, else the next
    number not used by any article or statements file."""
    suffix = f"_{sha[:HASH_LENGTH]}"
    stems = {
        path.stem
        for folder in (data_dir / "articles", data_dir / "statements")
        for path in folder.glob("*.yaml")
    }
    numbered = [(int(m.group(1)), stem) for stem in stems if (m := re.match(r"^(\d+)_", stem))]
    for _, stem in sorted(numbered):
        if stem.endswith(suffix):
            return stem
    numbers = [n for n, _ in numbered] + [
        int(m.group(1))
        for path in (data_dir / "articles").glob("*.txt")
        if (m := re.match(r"^(\d+)_", path.stem))
    ]
    return f"{max(numbers, default=-1) + 1:03d}{suffix}"


def _unwritten(contents: dict[Path, bytes]) -> dict[Path, bytes]:
    """The files still to write: one an interrupted ingest already wrote with the same
    bytes is kept; any other existing file stops ingest, as it is never replaced."""
    pending = {}
    for path, content in contents.items():
        if not path.exists():
            pending[path] = content
        elif path.read_bytes() != content:
            raise DataError(
                Location(path),
                "the file already exists and is never overwritten by ingest",
                "move it away if you mean to ingest the article again",
            )
    return pending


def _publish(contents: dict[Path, bytes]) -> None:
    try:
        publish_new(contents)
    except FileExistsError as exc:
        raise DataError(
            Location(Path(exc.filename2 or exc.filename or "")),
            "the file appeared while ingesting and is never overwritten by ingest",
            "make sure no other ingest runs on the same data folder, then try again",
        ) from None
    except OSError as exc:
        raise DataError(
            Location(Path(exc.filename or "")),
            f"cannot write the file: {exc.strerror}",
            "check that the data folder is writable and on a disk with space",
        ) from None


def _check(contents: dict[Path, bytes], data_dir: Path, vocabulary: Vocabulary) -> None:
    """Load the new files with the curated data's loaders, in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        copies: dict[Path, Path] = {}
        for path, content in contents.items():
            copy = Path(scratch) / path.relative_to(data_dir)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(content)
            copies[copy] = path
        [text_copy] = [c for c in copies if c.suffix == ".txt"]
        [draft_copy] = [c for c in copies if c.parent.name == "statements"]
        try:
            article = load_article(text_copy)
            load_statement_file(draft_copy, vocabulary, {article.id: article})
        except DataError as exc:
            target = copies.get(exc.where.path, exc.where.path)
            raise DataError(
                Location(target, exc.where.line, exc.where.field),
                f"ingest made a file that does not load ({exc.problem}); this is an internal "
                "error of the rule-based extractor, and nothing was written",
                "please report it with the article file; meanwhile curate the article by hand",
            ) from exc
