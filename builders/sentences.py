"""Split a text into sentences and words, each with its code-point offsets in the text.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets) followed by
white space, perhaps an opening quote or bracket, and a capital (of any script) or a digit,
except after a known abbreviation or an initial; a blank line always ends one, so
headlines and date lines stand alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "no",
        "fig",
        "approx",
        "inc",
        "ltd",
        "jr",
        "sr",
        "al",
    }
)
# the stop, then white space and the next sentence's first character (checked in code:
# a capital in any script, or a digit); a run of stops is matched from its first only
_END = re.compile(r"(?<![.!?])[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?(\w))")
_LOOKBACK = 20  # characters before a full stop searched for an abbreviation
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Sentence:
    """``text[start:end]`` of the whole document, without surrounding white space."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Word:
    """A run of letters and digits (apostrophes inside kept), with offsets in the document."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order; their offsets index ``text`` itself."""
    sentences: list[Sentence] = []
    position = 0
    for paragraph in [*_PARAGRAPH.finditer(text), None]:
        stop = paragraph.start() if paragraph is not None else len(text)
        _split_block(text, position, stop, sentences)
        position = paragraph.end() if paragraph is not None else stop
    return sentences


def _split_block(text: str, start: int, stop: int, out: list[Sentence]) -> None:
    begin = start
    for match in _END.finditer(text, start, stop):
        if not _opens_sentence(match.group(1)):
            continue
        if match.group().startswith(".") and _abbreviation_before(text, begin, match.start()):
            continue
        _add(text, begin, match.end(), out)
        begin = match.end()
    _add(text, begin, stop, out)


def _abbreviation_before(text: str, begin: int, dot: int) -> bool:
    """Whether the word before the full stop at ``dot`` is an abbreviation or an initial."""
    head = text[max(begin, dot - _LOOKBACK) : dot]  # not the whole sentence: linear time
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", head)
    if word is None:
        return False
    token = word.group(1).lower()
    return token in ABBREVIATIONS or (len(token) == 1 and word.group(1).isupper())


def _opens_sentence(character: str) -> bool:
    """Whether a sentence can start with ``character``: an upper-case letter of any
    script ("Él", "Übersicht"), a title-case letter, or a digit."""
    return character.isupper() or character.istitle() or character.isdigit()


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(start + lead, start + lead + len(stripped), stripped))


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` with offsets in ``text``."""
    stop = len(text) if end is None else end
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, stop)]


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))
