"""The verdict rules: how a claim's evidence lines become an Assessment.

Verdicts are derived at build time, never typed by hand. The rules, in order (the README
repeats them):

1. A claim the curators mark not assessable (definitional, evaluative, vague or out of
   scope) is **not assessable**, whatever evidence exists.
2. Only evidence lines whose study was surely published by the cut-off date count (a study
   dated only to its year or month counts from the last day of that year or month). With
   no cut-off, every line counts.
3. A line is *decisive* when it supports or disputes the claim with moderate or strong
   strength. Weak lines and lines that only qualify the claim are kept in the graph and
   shown to readers, but they do not decide a verdict.
4. Decisive support and decisive dispute: **contested**.
5. Decisive support only: **supported**.
6. Decisive dispute only: **disputed**.
7. Otherwise (no lines, weak lines only, or qualifying lines only): **insufficient evidence**.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from builders.records import (
    Claim,
    Direction,
    Evidence,
    EvidenceLine,
    NotAssessable,
    Strength,
    Study,
)


class Verdict(StrEnum):
    """The outcome of the rules; each is a named individual of cg:Verdict."""

    SUPPORTED = "supported"
    DISPUTED = "disputed"
    CONTESTED = "contested"
    INSUFFICIENT = "insufficientEvidence"
    NOT_ASSESSABLE = "notAssessable"


DECISIVE_STRENGTHS = frozenset({Strength.MODERATE, Strength.STRONG})


@dataclass(frozen=True, slots=True)
class Outcome:
    """A verdict, the rule that gave it, and the evidence lines that were counted."""

    verdict: Verdict
    rule: str
    counted: tuple[EvidenceLine, ...]


def published_by(study: Study, cutoff: dt.date | None) -> bool:
    """True when ``study`` was surely published on or before ``cutoff`` (or no cut-off)."""
    return cutoff is None or study.published.latest() <= cutoff


def assess(
    lines: tuple[EvidenceLine, ...],
    studies: dict[str, Study],
    marker: NotAssessable | None = None,
    cutoff: dt.date | None = None,
) -> Outcome:
    """Apply the rules above to one claim's evidence lines."""
    if marker is not None:
        return Outcome(
            Verdict.NOT_ASSESSABLE, f"rule 1: marked not assessable ({marker.reason.value})", ()
        )
    counted = tuple(line for line in lines if published_by(studies[line.study], cutoff))
    decisive = {
        line.direction
        for line in counted
        if line.strength in DECISIVE_STRENGTHS and line.direction is not Direction.QUALIFIES
    }
    if decisive == {Direction.SUPPORTS, Direction.DISPUTES}:
        return Outcome(Verdict.CONTESTED, "rule 4: decisive support and decisive dispute", counted)
    if decisive == {Direction.SUPPORTS}:
        return Outcome(Verdict.SUPPORTED, "rule 5: decisive support only", counted)
    if decisive == {Direction.DISPUTES}:
        return Outcome(Verdict.DISPUTED, "rule 6: decisive dispute only", counted)
    return Outcome(Verdict.INSUFFICIENT, "rule 7: no decisive evidence", counted)


class Assessor:
    """Assesses claims against the curated evidence, each claim's lines and mark found once."""

    def __init__(self, evidence: Evidence) -> None:
        self.studies = evidence.studies
        grouped: dict[Claim, list[EvidenceLine]] = {}
        for line in evidence.lines:
            grouped.setdefault(line.claim, []).append(line)
        self.lines = {claim: tuple(lines) for claim, lines in grouped.items()}
        self.marks: dict[Claim, NotAssessable] = {}
        for mark in evidence.not_assessable:
            self.marks.setdefault(mark.claim, mark)

    def __call__(self, claim: Claim, cutoff: dt.date | None = None) -> Outcome:
        """The verdict on ``claim`` (as of ``cutoff``)."""
        return assess(self.lines.get(claim, ()), self.studies, self.marks.get(claim), cutoff)


def assess_claim(claim: Claim, evidence: Evidence, cutoff: dt.date | None = None) -> Outcome:
    """The verdict on ``claim`` from all the curated evidence (as of ``cutoff``)."""
    return Assessor(evidence)(claim, cutoff)
