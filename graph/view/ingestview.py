"""What ``claimgraph ingest`` prints: one article's files, or a batch's progress and summary.

On a terminal a batch shows a rich progress bar on standard error (unless ``-q``);
elsewhere (a pipe, CI) it prints nothing until the summary, so logs stay short.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from builders.ingest.article import IngestOptions, IngestResult
from builders.ingest.batch import BatchSummary, article_files, ingest_many


def report_one(result: IngestResult) -> None:
    if result.already_present:
        print(f"already there as {result.article_id}; nothing written")
        return
    for path in result.written:
        print(f"wrote {path}")
    print(
        f"draft: {result.statement_count} statements, {result.candidate_count} vocabulary"
        " candidates; review it, then set status: reviewed"
    )
    if result.skipped_sentences:
        print(f"{result.skipped_sentences} sentences were too long to read (see the draft's notes)")


def run_batch(
    paths: list[Path],
    data_dir: Path,
    options: IngestOptions,
    jobs: int | None,
    show_progress: bool = True,
) -> BatchSummary:
    """Ingest ``paths`` with a progress bar on a terminal (unless not ``show_progress``),
    then print the summary."""
    files, _ = article_files(paths)
    console = Console(stderr=True)
    if show_progress and console.is_terminal:
        columns = (
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
        )
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("", total=len(files))
            summary = ingest_many(
                paths,
                data_dir,
                options,
                jobs,
                progress=lambda p: bar.update(task, advance=1, description=p.name),
            )
    else:
        summary = ingest_many(paths, data_dir, options, jobs)
    print_summary(summary)
    return summary


def print_summary(summary: BatchSummary) -> None:
    for path, result in summary.results:
        state = (
            "already there" if result.already_present else f"{result.statement_count} statements"
        )
        print(f"{path}: {result.article_id} ({state})")
    for refused in summary.refused:
        print(f"refused {refused.path}: {refused.reason}", file=sys.stderr)
    print(
        f"articles: {summary.written} written, {summary.already_present} already there, "
        f"{len(summary.refused)} refused; statements: {summary.statements}; "
        f"candidates: {summary.candidates}"
    )
