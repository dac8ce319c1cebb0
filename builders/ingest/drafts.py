"""Write extracted proposals as a draft statements file, in the curated files' format.

Every quote must anchor (``builders.anchoring.anchor``): occur in the article exactly once,
and no two statements may share a span. A proposal's words are widened one word at a time,
to the right and then to the left, until both hold. The YAML is written by PyYAML's safe
dumper, so article text never breaks the file, and the same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from builders.anchoring import span_at
from builders.candidates import Candidate
from builders.claims import QUALIFIER_TYPES
from builders.ingest.extract import (
    MAX_PROPOSALS_PER_SENTENCE,
    MAX_SENTENCE_CHARS,
    Proposal,
    Sentence,
    Skipped,
)
from builders.records import Span

MAX_WIDENING = 80  # words; a proposal that still cannot be quoted uniquely is dropped
HEADER = """\
# Draft statements proposed by claimgraph's rule-based extractor (provenance: ruleExtracted).
# Review every entry against the article: correct it, delete it, or add what the rules missed.
# To accept an entry as curated, delete its 'provenance' and 'confidence' lines. Add each of
# the 'candidates' to data/vocabulary/ (or drop it) and delete the list; then set
# status: reviewed. Until then, 'claimgraph build' leaves this file out, and
# 'claimgraph build --include-drafts' includes it marked as extracted by rule.
"""
_NEXT_WORD = re.compile(r"\s*\S+")


@dataclass(frozen=True, slots=True)
class DraftEntry:
    """One draft statement: what the rules propose and the span of the article quoted."""

    span: Span
    proposal: Proposal

    @property
    def quote(self) -> str:
        return self.span.exact


def unique_span(text: str, start: int, end: int, used: set[tuple[int, int]]) -> Span | None:
    """``text[start:end]`` widened until it anchors once and is unused: one word at a
    time, alternately to the right and to the left (a side that has no word left is
    skipped), at most ``MAX_WIDENING`` times; None when it never does."""
    spans = _widenings(text, start, end)
    first = _first_unique(text, spans)
    if first is None:
        return None
    for span_start, span_end in spans[first:]:
        if (span_start, span_end) not in used:
            return span_at(text, span_start, span_end)
    return None


def _widenings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` and its widenings, each one word wider than the one before."""
    spans = [(start, end)]
    for step in range(MAX_WIDENING - 1):
        right = _NEXT_WORD.match(text, end)
        left = _previous_word(text, start)
        if right and (step % 2 == 0 or left is None):
            end = right.end()
        elif left is not None:
            start = left
        else:
            break
        spans.append((start, end))
    return spans


def _previous_word(text: str, start: int) -> int | None:
    """Where the word before ``start`` begins (scanning back, not the whole prefix)."""
    position = start
    while position > 0 and text[position - 1].isspace():
        position -= 1
    if position == 0:
        return None
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _first_unique(text: str, spans: list[tuple[int, int]]) -> int | None:
    """The index of the first span that occurs once in ``text``, by binary search: each
    span contains the one before, so once a span is unique every wider one is too."""
    low, high = 0, len(spans)
    while low < high:
        middle = (low + high) // 2
        if _occurs_once(text, *spans[middle]):
            high = middle
        else:
            low = middle + 1
    return low if low < len(spans) else None


def _occurs_once(text: str, start: int, end: int) -> bool:
    quote = text[start:end]
    return text.rfind(quote, 0, end - 1) < 0 and text.find(quote, start + 1) < 0


def statement_entries(text: str, proposals: tuple[Proposal, ...]) -> list[DraftEntry]:
    """One draft entry per proposal that can be quoted (repeats of a claim at the same
    words are one entry)."""
    used: set[tuple[int, int]] = set()
    seen: set[tuple[object, ...]] = set()
    entries = []
    for proposal in proposals:
        key = (proposal.claim, proposal.start, proposal.end)
        if key in seen:
            continue
        seen.add(key)
        span = unique_span(text, proposal.start, proposal.end, used)
        if span is None:
            continue
        used.add((span.start, span.end))
        entries.append(DraftEntry(span, proposal))
    return entries


def _yaml_entry(draft: DraftEntry) -> dict[str, Any]:
    """The entry as the statements file writes it, fields in the curated files' order."""
    proposal = draft.proposal
    claim = proposal.claim
    entry: dict[str, Any] = {
        "quote": draft.quote,
        "subject": claim.subject,
        "relation": claim.relation.value,
        "object": claim.object,
    }
    if claim.negated:
        entry["negated"] = True
    qualifiers = {
        name: value
        for name in (*QUALIFIER_TYPES, "timeframe")
        if (value := getattr(claim.qualifiers, name))
    }
    if qualifiers:
        entry["qualifiers"] = qualifiers
    entry["modality"] = proposal.modality.value
    if proposal.attributed_to:
        entry["attributed_to"] = list(proposal.attributed_to)
    entry["provenance"] = "ruleExtracted"
    entry["confidence"] = proposal.confidence
    entry["note"] = "rules: " + "; ".join(proposal.cues)
    return entry


def skipped_notes(text: str, skipped: Sequence[Skipped]) -> tuple[str, ...]:
    """Comments for the draft's header about the sentences the rules skipped."""
    notes = []
    long = [s.sentence for s in skipped if s.reason == "long"]
    crowded = [s.sentence for s in skipped if s.reason == "crowded"]
    if long:
        notes.append(
            f"NOTE: the rules did not read {len(long)} sentence(s) longer than "
            f"{MAX_SENTENCE_CHARS:,} characters (line {_lines(text, long)}): read them yourself."
        )
    if crowded:
        notes.append(
            f"NOTE: only the first {MAX_PROPOSALS_PER_SENTENCE} statements of "
            f"{len(crowded)} sentence(s) were proposed (line {_lines(text, crowded)})."
        )
    return tuple(notes)


def _lines(text: str, sentences: list[Sentence], shown: int = 10) -> str:
    numbers = [str(text.count("\n", 0, s.start) + 1) for s in sentences[:shown]]
    more = f" and {len(sentences) - shown} more" if len(sentences) > shown else ""
    return ", ".join(numbers) + more


def render_draft(
    article_id: str,
    entries: Sequence[DraftEntry],
    candidates: tuple[Candidate, ...],
    notes: Sequence[str] = (),
) -> bytes:
    """The draft statements file of one article; ``notes`` are one-line header comments."""
    document: dict[str, Any] = {
        "article": article_id,
        "status": "draft",
        "statements": [_yaml_entry(entry) for entry in entries],
    }
    if candidates:
        document["candidates"] = [_yaml_candidate(c) for c in candidates]
    body = yaml.safe_dump(
        document, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False
    )
    comments = "".join(f"# {' '.join(note.split())}\n" for note in notes)
    return (HEADER + comments + body).encode("utf-8")


def _yaml_candidate(candidate: Candidate) -> dict[str, Any]:
    entry: dict[str, Any] = {"text": candidate.text, "occurrences": candidate.occurrences}
    if candidate.type is not None:
        entry["type"] = candidate.type.value
    if candidate.suggestions:
        entry["suggestions"] = list(candidate.suggestions)
    return entry


def render_metadata(title: str, published: str, url: str | None, publisher: str | None) -> bytes:
    """The article's metadata file (title, published, url, publisher)."""
    meta: dict[str, Any] = {"title": title, "published": published}
    if url:
        meta["url"] = url
    if publisher:
        meta["publisher"] = publisher
    body = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1_000_000)
    header = "# Metadata written by claimgraph ingest; check it against the source.\n"
    return (header + body).encode("utf-8")
