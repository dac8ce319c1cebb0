from __future__ import annotations

import pytest

from builders.anchoring import CONTEXT, AnchorError, anchor

TEXT = "Kratom is legal. Kratom is also showing great promise.\xa0 It won\u2019t kill you."


def test_offsets_select_the_quote() -> None:
    span = anchor(TEXT, "showing great promise")
    assert TEXT[span.start : span.end] == "showing great promise"
    assert span.prefix == TEXT[max(0, span.start - CONTEXT) : span.start]
    assert span.suffix == TEXT[span.end : span.end + CONTEXT]


def test_offsets_count_code_points_not_bytes() -> None:
    span = anchor(TEXT, "kill you")
    assert span.start == TEXT.index("kill you")
    assert len(TEXT[: span.start].encode("utf-8")) > span.start  # the text has multi-byte chars


def test_missing_quote_points_at_the_difference() -> None:
    with pytest.raises(AnchorError, match="differs from the text after") as info:
        anchor(TEXT, "It won't kill you")  # straight apostrophe; the text has a curly one
    assert "apostrophes" in str(info.value)


def test_ambiguous_quote_is_an_error() -> None:
    with pytest.raises(AnchorError, match=r"occurs more than once \(at offsets 0 and 17\)"):
        anchor(TEXT, "Kratom is")
