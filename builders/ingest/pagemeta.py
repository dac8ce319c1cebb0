"""What an article file says about itself: its text, title, date, URL and publisher.

Metadata is untrusted: ``clean`` bounds it to one line of limited length, ``web_url``
keeps only absolute http(s) URLs, and dates are read leniently (None when unreadable).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from builders.iris import HTTP_IRI

MAX_TITLE = 300  # characters of a title, publisher or other one-line metadata
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = (
    ("jan",),
    ("feb",),
    ("mar",),
    ("apr",),
    (),
    ("jun",),
    ("jul",),
    ("aug",),
    ("sep", "sept"),
    ("oct",),
    ("nov",),
    ("dec",),
)
MONTHS = {
    name: number
    for number, (full, short) in enumerate(zip(MONTH_NAMES, MONTH_ABBREVIATIONS, strict=True), 1)
    for name in (full, *short)
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = (
    re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE),  # Feb 21, 2020
    re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.IGNORECASE),  # 21 Feb 2020
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
)


@dataclass(frozen=True, slots=True)
class SourceText:
    """An article's readable text with whatever metadata the file itself gives."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    publisher: str | None = None


def first_date(text: str) -> dt.date | None:
    """The first date written out in ``text`` (``February 21, 2020``, ``2020-02-21``)."""
    found: list[tuple[int, dt.date]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = _date_of(match.groups())
            if date is not None:
                found.append((match.start(), date))
                break
    return min(found)[1] if found else None


def _date_of(groups: tuple[str | None, ...]) -> dt.date | None:
    a, b, c = (str(g) for g in groups)
    try:
        if a.isdigit() and len(a) == 4:
            return dt.date(int(a), int(b), int(c))
        if a.isdigit():
            return dt.date(int(c), MONTHS[b.lower()], int(a))
        return dt.date(int(c), MONTHS[a.lower()], int(b))
    except (ValueError, KeyError):
        return None


def iso_date(value: object) -> dt.date | None:
    """A date from metadata such as ``2020-02-21T08:00:00Z``; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    return _date_of(match.groups()) if match else first_date(value)


def clean(value: object, limit: int = MAX_TITLE) -> str | None:
    """Metadata text on one line, or None; untrusted, so bounded in length."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text[:limit] or None


def web_url(value: object) -> str | None:
    text = clean(value, 2000)
    if text and HTTP_IRI.match(text):
        return text
    return None
