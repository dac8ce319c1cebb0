"""Vocabulary candidates: names in an article that the vocabulary does not know.

The extractor cannot ground what the vocabulary lacks, so instead of dropping it silently a
draft lists it under ``candidates:`` for the reviewer, who adds each to data/vocabulary/ or
deletes it. Candidates come from three rules:

- capitalized names that are no entity ("Food and Drug Administration", "Idaho"), not
  counting a lone capitalized word that opens a sentence or headline-style lines;
- words with a drug-name stem ("oxycodone", "diazepam");
- the words after a relation cue, or a clause's own subject, that named no entity
  ("used for treating addiction" gives "treating addiction").

In the statements file each candidate has ``text`` (as it occurs in the article),
``occurrences`` and, when the rules can tell, a suggested ``type``. Only drafts list
candidates: a reviewed file has resolved them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from builders.mentions import normalize
from builders.pagemeta import MONTH_NAMES
from builders.records import Article, EntityType
from builders.yamlsource import Fields

if TYPE_CHECKING:  # only for annotations: loading statements need not load the extractor
    from builders.extract import Extraction

CANDIDATE_FIELDS = frozenset({"text", "occurrences", "type"})
MAX_CANDIDATES = 200
_WORD = r"[A-Z][\w\u2019'-]*"
_NAME = re.compile(rf"{_WORD}(?:\s+(?:(?:of|and|for|the|on|de|&)\s+)*{_WORD})*")
_STEM = re.compile(
    r"\b[a-z]+(?:codone|morphone|azepam|azolam|barbital|caine|fentanil|fentanyl|profen|oxetine"
    r"|triptan|statin|sartan|olol|pril|dipine|cillin|cycline|floxacin|setron|prazole|cannabinol"
    r"|nabinol|amfetamine|amphetamine|orphan|oxone|adol)\b"
)
ORGANIZATION_WORDS = frozenset(
    {
        "administration",
        "agency",
        "association",
        "institute",
        "institutes",
        "department",
        "center",
        "centers",
        "centre",
        "society",
        "college",
        "university",
        "journal",
        "organization",
        "organisation",
        "council",
        "board",
        "commission",
        "office",
        "foundation",
        "academy",
        "ministry",
    }
)
NOT_NAMES = frozenset(
    {
        "i",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "in",
        "on",
        "if",
        "as",
        "at",
        "to",
        "for",
        "and",
        "but",
        "or",
        "so",
        "we",
        "you",
        "they",
        "he",
        "she",
        "dr",
        "mr",
        "mrs",
        "ms",
        *MONTH_NAMES,
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)
FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "your",
        "their",
        "its",
        "his",
        "her",
        "our",
        "my",
        "some",
        "many",
        "more",
        "most",
        "much",
        "very",
        "so",
        "such",
        "any",
        "all",
        "those",
        "these",
        "this",
        "that",
        "other",
        "also",
        "even",
        "great",
        "real",
    }
)
STOP_WORDS = frozenset(
    {
        "and",
        "or",
        "but",
        "when",
        "while",
        "which",
        "that",
        "who",
        "to",
        "for",
        "in",
        "on",
        "with",
        "by",
        "as",
        "at",
        "of",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "it",
        "they",
        "you",
        "we",
        "than",
        "because",
        "if",
        "can",
        "may",
        "will",
        "not",
    }
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name for the vocabulary: how the article writes it, how often, and a type guess."""

    text: str
    occurrences: int
    type: EntityType | None = None


def find_candidates(text: str, extraction: Extraction) -> tuple[Candidate, ...]:
    """Candidates for the vocabulary in ``text``, in order of first occurrence."""
    known = [(m.start, m.end) for m in extraction.mentions]
    found: dict[str, tuple[int, str, EntityType | None]] = {}
    counts: dict[str, int] = {}

    def add(start: int, phrase: str, kind: EntityType | None) -> None:
        end = start + len(phrase)
        if any(a < end and start < b for a, b in known):
            return
        key = " ".join(normalize(w) for w in re.findall(r"[^\W_]+", phrase))
        if not key:
            return
        counts[key] = counts.get(key, 0) + 1
        if key not in found:
            found[key] = (start, phrase, kind)

    for sentence in extraction.sentences:
        if _headline(sentence.text):
            continue
        for match in _NAME.finditer(text, sentence.start, sentence.end):
            name, start = _trim_name(match.group(), match.start(), match.start() == sentence.start)
            if name:
                add(start, name, _guess(name, text[max(0, start - 4) : start]))
        for match in _STEM.finditer(text, sentence.start, sentence.end):
            add(match.start(), match.group(), EntityType.SUBSTANCE)
    for start, end in extraction.unresolved:
        phrase = _noun_phrase(text, start, end)
        if phrase is not None:
            add(*phrase, None)
    ordered = sorted(found.items(), key=lambda item: item[1][0])[:MAX_CANDIDATES]
    return tuple(Candidate(phrase, counts[key], kind) for key, (_, phrase, kind) in ordered)


def _headline(sentence: str) -> bool:
    """A title-case line, in which capitals say nothing about names."""
    tokens = re.findall(r"[^\W\d_]+", sentence)
    capitals = sum(1 for t in tokens if t[0].isupper())
    return len(tokens) >= 3 and capitals >= 0.6 * len(tokens)


def _trim_name(name: str, start: int, opens_sentence: bool) -> tuple[str | None, int]:
    """``name`` (found at ``start``) without leading words that are no names, as a slice
    of the article: a name wrapped across lines or written with two spaces stays as written."""
    parts = list(re.finditer(r"\S+", name))
    while parts and parts[0].group().lower().strip(".") in NOT_NAMES:
        parts = parts[1:]
        opens_sentence = False
    if not parts or (opens_sentence and len(parts) == 1) or len(parts) > 8:
        return None, start
    return name[parts[0].start() :], start + parts[0].start()


def _guess(name: str, before: str) -> EntityType | None:
    words = name.lower().split()
    if words[-1] in ORGANIZATION_WORDS or (len(name) >= 2 and name.isupper()):
        return EntityType.ORGANIZATION
    if before.lower().endswith("in "):
        return EntityType.JURISDICTION
    return None


def _noun_phrase(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Up to three content words from ``start``: the unknown argument of a cue."""
    chosen: list[re.Match[str]] = []
    for match in re.finditer(r"[^\W_][\w\u2019'-]*|[^\w\s]", text[start:end]):
        word = match.group().lower()
        if not chosen and (word in FUNCTION_WORDS or word.endswith("ly")):
            continue
        if word in STOP_WORDS or not word[0].isalnum() or len(chosen) == 3:
            break
        chosen.append(match)
    if not chosen or all(len(m.group()) < 4 for m in chosen):
        return None
    first, last = chosen[0], chosen[-1]
    return start + first.start(), text[start + first.start() : start + last.end()]


def read_candidates(fields: Fields, article: Article, status: str) -> tuple[Candidate, ...]:
    """The ``candidates`` of a statements file, checked against its article."""
    if "candidates" not in fields.node:
        return ()
    if status != "draft":
        raise fields.error(
            "candidates",
            "a reviewed file still lists vocabulary candidates",
            "add each candidate to data/vocabulary/ or drop it, then delete 'candidates'",
        )
    if fields.node["candidates"] in (None, []):
        return ()
    out = []
    for node, prefix in fields.items("candidates"):
        entry = Fields(node, prefix, CANDIDATE_FIELDS)
        text = entry.text("text", example="Food and Drug Administration")
        if text not in article.text:
            raise entry.error(
                "text",
                "this text does not occur in the article",
                "copy the name from the article exactly, or delete the candidate",
            )
        occurrences = node.get("occurrences", 1)
        if isinstance(occurrences, bool) or not isinstance(occurrences, int) or occurrences < 1:
            raise entry.error(
                "occurrences",
                f"expected a whole number of 1 or more, found {occurrences!r}",
                "write how often the name occurs, e.g. occurrences: 2",
            )
        kind = entry.member("type", EntityType) if "type" in node else None
        out.append(Candidate(text, occurrences, kind))
    return tuple(out)
