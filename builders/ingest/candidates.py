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
NAME_POS = ("NOUN", "PROPN", "ADJ")
NAME_JOINTS = frozenset({"and", "of", "for", "&"})
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
    """The character span of the noun phrase ``head`` heads, or None when it is no name.

    A capitalized head takes the whole run of capitalized words around it, with "and",
    "of", "for", "&" between them and line breaks inside ("Food and Drug\nAdministration"
    as the article wrapped it); a common noun takes the compound and adjective words right
    before it ("withdrawal cramps")."""
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ or head.like_num:
        return None
    if len(head.text) < 2 or not any(ch.isalpha() for ch in head.text):
        return None
    if head.lemma_.lower() in NOT_CANDIDATES:
        return None
    if head.text[0].isupper():
        first, last = _capitalized_run(head)
        return first.idx, last.idx + len(last.text)
    words = [head]
    for child in reversed([c for c in head.lefts if c.dep_ in NAME_MODIFIERS]):
        if child.ent_type_ or child.i != words[0].i - 1 or child.pos_ in ("PRON", "DET"):
            break
        words.insert(0, child)
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _capitalized(token: Token) -> bool:
    return token.text[:1].isupper() and not token.ent_type_ and token.pos_ in NAME_POS


def _capitalized_run(head: Token) -> tuple[Token, Token]:
    doc, sent = head.doc, head.sent
    first = last = head
    index = head.i - 1
    while index >= sent.start:
        token = doc[index]
        if _capitalized(token):
            first = token
        elif not (_joint(token) and index - 1 >= sent.start and _capitalized(doc[index - 1])):
            break
        index -= 1
    index = head.i + 1
    while index < sent.end:
        token = doc[index]
        if _capitalized(token):
            last = token
        elif not (_joint(token) and index + 1 < sent.end and _capitalized(doc[index + 1])):
            break
        index += 1
    return first, last


def _joint(token: Token) -> bool:
    """What may stand inside a name: a connective, or a line break of a wrapped line."""
    return token.lower_ in NAME_JOINTS or (token.is_space and token.text.count("\n") <= 1)


def guess_type(head: Token, written: str) -> EntityType | None:
    """A type the words themselves show: an organisation's word ending the name ("...
    Council"), a place after "in"."""
    if written.split()[-1].lower() in ORGANIZATION_WORDS:
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
    seen: set[tuple[int, int]] = set()  # each place in the text counts once
    for head in sorted(unresolved, key=lambda t: t.i):
        span = phrase(head)
        if span is None or span in seen:
            continue
        seen.add(span)
        written = text[span[0] : span[1]]
        key = " ".join(written.lower().split())
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, (span[0], written, guess_type(head, written)))
    spans = {key: (start, start + len(written)) for key, (start, written, _) in first.items()}
    inside = {
        key
        for key, (a, b) in spans.items()
        if any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans.values())
    }
    kept = [(k, v) for k, v in first.items() if k not in inside]
    ordered = sorted(kept, key=lambda item: item[1][0])[:MAX_CANDIDATES]
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
