"""A headless Chromium for the browser tests; they skip without one, unless CI requires it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from bench import chromium

REQUIRED = os.environ.get("CLAIMGRAPH_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    problem = chromium.missing()
    if problem is not None:
        if REQUIRED:
            pytest.fail(f"CLAIMGRAPH_REQUIRE_BROWSER=1 but {problem}")
        pytest.skip(f"browser tests skipped: {problem}")
    with chromium.chromium() as browser:
        yield browser
