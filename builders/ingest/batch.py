"""Ingest many articles at once: extraction in parallel, writing in order.

Reading and extracting an article (``article.prepare``) is the slow part and touches no
data folder, so it runs in worker processes, each of which loads the pipeline once. The
results are written one by one in the order of the sorted input paths (``article.write``),
so the drafts, their numbers and their bytes are the same whatever the number of workers.
A file that cannot be ingested is reported with its reason and never stops the others.
Folders are read for their ``.txt``, ``.md`` and ``.html`` files, not recursively.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from builders.build import check_data_folders
from builders.errors import DataError
from builders.gazetteer import ExtendedVocabulary
from builders.ingest.article import (
    IngestOptions,
    IngestResult,
    Prepared,
    cached_extractor,
    extractor_for,
    known_entities,
    prepare,
    write,
)
from builders.ingest.extract import Extractor
from builders.ingest.textsource import HTML_SUFFIXES, MARKDOWN_SUFFIXES, TEXT_SUFFIXES

log = logging.getLogger(__name__)

SUFFIXES = frozenset((*TEXT_SUFFIXES, *MARKDOWN_SUFFIXES, *HTML_SUFFIXES))

_worker_extractor: Extractor | None = None  # one per worker process, set by _start_worker


@dataclass(frozen=True, slots=True)
class Refused:
    """A file that was not ingested, and why."""

    path: Path
    reason: str


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: each article written or already there, and each file refused."""

    results: list[tuple[Path, IngestResult]] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)

    @property
    def written(self) -> int:
        return sum(1 for _, r in self.results if not r.already_present)

    @property
    def already_present(self) -> int:
        return sum(1 for _, r in self.results if r.already_present)

    @property
    def statements(self) -> int:
        return sum(r.statement_count for _, r in self.results)

    @property
    def candidates(self) -> int:
        return sum(r.candidate_count for _, r in self.results)


def article_files(paths: Iterable[Path]) -> tuple[list[Path], list[Refused]]:
    """The article files named or held by ``paths`` (sorted, unique), and the paths that
    are neither an article file nor a folder."""
    found: set[Path] = set()
    refused: list[Refused] = []
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.iterdir() if p.is_file() and p.suffix in SUFFIXES)
        elif path.is_file():
            found.add(path)
        else:
            refused.append(Refused(path, "no such file or folder"))
    return sorted(found), refused


def _start_worker(known: ExtendedVocabulary) -> None:
    global _worker_extractor
    _worker_extractor = extractor_for(known)


def _prepare_in_worker(path: Path, options: IngestOptions) -> Prepared | Refused:
    assert _worker_extractor is not None, "the worker was started without its extractor"
    return _prepared_or_refused(path, options, _worker_extractor)


def _prepared_or_refused(
    path: Path, options: IngestOptions, extractor: Extractor
) -> Prepared | Refused:
    try:
        return prepare(path, options, extractor)
    except DataError as exc:
        return Refused(path, str(exc))


def prepare_all(
    files: list[Path],
    options: IngestOptions,
    known: ExtendedVocabulary,
    jobs: int,
    executor: Executor | None = None,
) -> Iterator[Prepared | Refused]:
    """Each file prepared, in the order of ``files``: in this process when ``jobs`` is 1,
    else in ``jobs`` worker processes (or on ``executor``, such as a Dask client's)."""
    if executor is None and jobs <= 1:
        extractor = cached_extractor(known)
        for path in files:
            yield _prepared_or_refused(path, options, extractor)
        return
    own = executor is None
    pool = executor or ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(known,)
    )
    try:
        futures = [pool.submit(_prepare_in_worker, path, options) for path in files]
        for future in futures:
            yield future.result()
    finally:
        if own:
            pool.shutdown(cancel_futures=True)


def ingest_many(
    paths: Iterable[Path],
    data_dir: Path,
    options: IngestOptions | None = None,
    jobs: int | None = None,
    progress: Callable[[Path], None] | None = None,
    executor: Executor | None = None,
) -> BatchSummary:
    """Ingest every article file in ``paths`` into ``data_dir``; ``progress`` is called
    once per file as it is finished."""
    check_data_folders(data_dir)
    known = known_entities(data_dir)
    files, refused = article_files(paths)
    summary = BatchSummary(refused=refused)
    workers = min(jobs or os.cpu_count() or 1, max(len(files), 1))
    log.info("ingesting %d files into %s with %d worker(s)", len(files), data_dir, workers)
    started = time.perf_counter()
    for item in prepare_all(files, options or IngestOptions(), known, workers, executor):
        if isinstance(item, Refused):
            summary.refused.append(item)
            path = item.path
        else:
            path = item.source_path
            try:
                summary.results.append((path, write(item, data_dir, known.all)))
            except DataError as exc:
                summary.refused.append(Refused(path, str(exc)))
        log.debug("done with %s", path)
        if progress is not None:
            progress(path)
    log.info(
        "ingested %d files in %.1f s: %d refused",
        len(files),
        time.perf_counter() - started,
        len(summary.refused),
    )
    return summary
