"""Anchor a quote in its article: find it exactly once and describe where it is.

The result is a Web Annotation selector pair: the exact words with some context before
and after (TextQuoteSelector) and code-point offsets (TextPositionSelector).
"""

from __future__ import annotations

from builders.records import Span

CONTEXT = 32


class AnchorError(ValueError):
    """The quote does not occur in the text, or occurs more than once."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


def anchor(text: str, quote: str) -> Span:
    """The one span of ``text`` that equals ``quote``."""
    start = text.find(quote)
    if start < 0:
        raise AnchorError(_missing_message(text, quote), "copy the words from the article exactly")
    again = text.find(quote, start + 1)
    if again >= 0:
        raise AnchorError(
            f"the quote occurs more than once (at offsets {start} and {again})",
            "add neighbouring words from the article until the quote occurs only once",
        )
    return span_at(text, start, start + len(quote))


def span_at(text: str, start: int, end: int) -> Span:
    """The span ``text[start:end]`` with its context."""
    return Span(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def _missing_message(text: str, quote: str) -> str:
    """Say why a quote was not found, pointing at the longest matching beginning."""
    matched = 0
    for length in range(len(quote), 0, -1):
        if quote[:length] in text:
            matched = length
            break
    if matched == 0:
        return "the quote does not occur in the article"
    return (
        f"the quote does not occur in the article; its first {matched} characters do, "
        f"and it differs from the text after {quote[:matched][-20:]!r} "
        "(check apostrophes, dashes and spaces, which must match exactly)"
    )
