"""Vocabulary candidates: the names an article gives to what the extractor could not ground.

A candidate is a real noun phrase standing where the extractor looked for an argument (a
relation's subject or object, a reporting verb's source, a place after "in") that named no
known entity. It is the head noun or proper noun of that slot with the compound, adjective
and flat-name words before it, as the article writes it ("Food and Drug Administration",
"withdrawal cramps"). Pronouns, determiners, numbers and one-letter words never are. Each
comes with its count, a type when the slot tells one, and the ids of the three closest
known names (RapidFuzz's token-set ratio over every label and synonym), so the reviewer
can map it to an existing entity instead of adding a duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process
from spacy.tokens import Token

from builders.candidates import Candidate
from builders.ingest.lexicon import Lexicon
from builders.records import EntityType

MAX_CANDIDATES = 200
MAX_SUGGESTIONS = 3
MIN_SIMILARITY = 60.0
NAME_MODIFIERS = ("compound", "amod", "flat", "nmod:poss")
NOT_CANDIDATES = frozenset(
    {"thing", "way", "people", "person", "one", "lot", "kind", "part", "time", "case"}
)
ORGANIZATION_WORDS = frozenset(
    {
        "administration",
        "agency",
        "association",
        "institute",
        "department",
        "center",
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


def phrase(head: Token) -> tuple[int, int] | None:
    """The character span of the noun phrase ``head`` heads, or None when it is no name."""
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ or head.like_num:
        return None
    if len(head.text) < 2 or not any(ch.isalpha() for ch in head.text):
        return None
    if head.lemma_.lower() in NOT_CANDIDATES:
        return None
    words = [head]
    for child in reversed([c for c in head.lefts if c.dep_ in NAME_MODIFIERS]):
        if child.ent_type_ or child.i != words[0].i - 1 or child.pos_ in ("PRON", "DET"):
            break
        words.insert(0, child)
    for child in head.rights:
        if child.dep_ == "flat" and child.i == words[-1].i + 1:
            words.append(child)
    return words[0].idx, words[-1].idx + len(words[-1].text)


def guess_type(head: Token) -> EntityType | None:
    """A type the words themselves show: an organisation's head word, a place after "in"."""
    if head.lemma_.lower() in ORGANIZATION_WORDS:
        return EntityType.ORGANIZATION
    if head.pos_ == "PROPN" and any(c.dep_ == "case" and c.lower_ == "in" for c in head.children):
        return EntityType.JURISDICTION
    return None


def find_candidates(
    text: str, unresolved: Iterable[Token], lexicon: Lexicon
) -> tuple[Candidate, ...]:
    """Candidates for the vocabulary, in order of first occurrence."""
    first: dict[str, tuple[int, str, EntityType | None]] = {}
    counts: dict[str, int] = {}
    for head in sorted(unresolved, key=lambda t: t.i):
        span = phrase(head)
        if span is None:
            continue
        written = text[span[0] : span[1]]
        key = " ".join(written.lower().split())
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, (span[0], written, guess_type(head)))
    ordered = sorted(first.items(), key=lambda item: item[1][0])[:MAX_CANDIDATES]
    choices = {i: name.text.lower() for i, name in enumerate(lexicon.names)}
    out = []
    for key, (_, written, kind) in ordered:
        out.append(Candidate(written, counts[key], kind, _suggestions(key, choices, lexicon)))
    return tuple(out)


def _suggestions(key: str, choices: dict[int, str], lexicon: Lexicon) -> tuple[str, ...]:
    found: list[str] = []
    for _, score, index in process.extract(
        key, choices, scorer=fuzz.token_set_ratio, limit=MAX_SUGGESTIONS * 4
    ):
        entity = lexicon.names[index].entity
        if score >= MIN_SIMILARITY and entity not in found:
            found.append(entity)
        if len(found) == MAX_SUGGESTIONS:
            break
    return tuple(found)
