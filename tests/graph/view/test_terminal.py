"""A long command shows its steps on a terminal, and nothing anywhere else."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from rich.console import Console

from builders.build import BuildOptions
from graph import api
from graph.view import terminal


def _console(is_terminal: bool) -> Console:
    return Console(file=io.StringIO(), force_terminal=is_terminal, width=100)


def test_a_build_on_a_terminal_shows_each_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    with terminal.steps(console=_console(True)) as shown:
        api.build(BuildOptions(out_dir=tmp_path / "out"), store=tmp_path / "store")
    assert shown is not None
    assert any(step.startswith("reading the curated data") for step in shown.steps)
    assert any("store" in step for step in shown.steps[1:])  # the store load is a step too
    assert capsys.readouterr().out == ""  # the steps never reach standard output
    assert (root.level, root.handlers) == (level, handlers)  # logging as it was


@pytest.mark.parametrize(("is_terminal", "enabled"), [(False, True), (True, False)])
def test_nothing_is_shown_off_a_terminal_or_with_quiet(is_terminal: bool, enabled: bool) -> None:
    console = _console(is_terminal)
    with terminal.steps(enabled, console) as shown:
        logging.getLogger("builders.build").info("a step")
    assert shown is None
    assert isinstance(console.file, io.StringIO) and console.file.getvalue() == ""
