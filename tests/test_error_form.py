"""Every message has one form, written in one place: ``builders.errors.explained``."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from builders import paths
from builders.errors import ClaimgraphError, DataError, Location, explained
from graph.errors import PushError, QueryError, StoreError

WRITERS = {Path("builders/errors.py")}  # the one module that spells "how to fix"


def test_no_module_formats_how_to_fix_by_hand() -> None:
    spelled = [
        f"{path.relative_to(paths.PROJECT_ROOT)}:{number}"
        for package in ("builders", "graph")
        for path in sorted((paths.PROJECT_ROOT / package).rglob("*.py"))
        if path.relative_to(paths.PROJECT_ROOT) not in WRITERS
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if '"  how to fix' in line or "\\n  how to fix" in line
    ]
    assert spelled == [], "raise Error(problem, fix, where) instead of formatting: " + str(spelled)


@pytest.mark.parametrize("error", [ClaimgraphError, QueryError, StoreError, PushError])
def test_every_error_keeps_its_parts_and_prints_the_one_form(
    error: type[ClaimgraphError],
) -> None:
    raised = error("no such store folder", "build one first", Path("/tmp/store"))
    assert (raised.problem, raised.fix, raised.where) == (
        "no such store folder",
        "build one first",
        Path("/tmp/store"),
    )
    assert str(raised) == "/tmp/store: no such store folder\n  how to fix: build one first"
    assert str(error("the query is too long")) == "the query is too long"
    again = pickle.loads(pickle.dumps(raised))  # batch ingest sends errors between processes
    assert str(again) == str(raised)


def test_data_errors_share_the_form() -> None:
    error = DataError(Location(Path("data/a.yaml"), 3, "quote"), "does not match", "copy it")
    assert str(error) == explained("does not match", "copy it", "data/a.yaml:3: field 'quote'")
