"""The drawing benchmark's browser timings work at a small size (figures not checked)."""

from __future__ import annotations

from typing import Any

from bench import draw


def test_small_page_becomes_interactive(browser: Any) -> None:
    [row] = draw.run([60], browser=browser, timeout_s=10)
    assert row.interactive_s is not None  # the project's page settles and marks itself ready
    assert row.layer_s is not None and row.filter_s is not None
