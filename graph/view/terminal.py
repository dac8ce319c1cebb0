"""What a long command shows on a terminal while it works: its current step.

Builds, store loads and endpoint start-ups log one INFO line per step (``-v`` prints them).
On a terminal, and unless ``-q``, the step being done is also shown as one transient
spinner line on standard error, so a large build is never silent; nothing is shown when
standard error is a file or a pipe, and standard output is never touched.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.status import Status

WATCHED = ("builders", "graph")  # the loggers whose INFO lines are steps


class _StepHandler(logging.Handler):
    """Shows each step's message as the spinner's text."""

    def __init__(self, status: Status) -> None:
        super().__init__(logging.INFO)
        self.status = status
        self.steps: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".", 1)[0] in WATCHED:
            message = record.getMessage()
            self.steps.append(message)
            self.status.update(message)


@contextmanager
def steps(enabled: bool = True, console: Console | None = None) -> Iterator[_StepHandler | None]:
    """While the block runs, show its logged steps on a terminal; yields the handler (or None
    when nothing is shown)."""
    console = console or Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield None
        return
    root = logging.getLogger()
    previous = root.level
    with console.status("starting", spinner="dots") as status:
        handler = _StepHandler(status)
        root.addHandler(handler)
        root.setLevel(min(previous or logging.WARNING, logging.INFO))
        try:
            yield handler
        finally:
            root.removeHandler(handler)
            root.setLevel(previous)
