"""The details panel in real Chromium shows the claim's qualifiers and the partly-true rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.test_view_in_chromium import open_view

__all__ = ["open_view"]  # the fixture, shared with the other view tests

NOT_ALWAYS = "cold turkey method treats opioid addiction (quantifier: not always)"
KRATOM_LEGAL = "kratom legal in the world"


def test_the_details_panel_shows_what_the_label_shows(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html")
    loaded.click_row(NOT_ALWAYS)
    details = loaded.details()
    assert NOT_ALWAYS in details
    assert "This doesn\u2019t always work." in details
    assert "does not treat" not in details
    loaded.click_row(KRATOM_LEGAL)
    details = loaded.details()
    assert "contested" in details and "rule L2: partly true" in details
    assert "Alabama" in details and "Wisconsin" in details
    assert loaded.errors == []
