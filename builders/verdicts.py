"""The verdict rules: how a claim's evidence lines become an Assessment.

Verdicts are derived at build time, never typed by hand. The rules, in order (the README
repeats them):

1. A claim the curators mark not assessable (a definition, an evaluation no study could
   test, or a promotional call to action) is **not assessable**, whatever evidence exists.
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

A legal-status claim (``legalIn``) is weighed against laws instead, whenever a recorded law
on its substance is in force on the cut-off (a law counts from its effective date until
it ends; with no cut-off, the laws in force today). A law on a substance also governs the
narrower substances (a marijuana ban covers medical marijuana, and so does a law that
legalizes marijuana), never the broader ones. For each place (the
claim's jurisdiction and every jurisdiction within it) the latest law in force decides
whether the substance is prohibited or permitted there.

- L1. Prohibited by the claimed place's own law: **disputed** ("legal in X" is false in X).
- L2. Not prohibited by the place's own law but prohibited in some places within it:
  **contested** (partly true); the rule names the places and laws that prohibit it.
- L3. Permitted, and prohibited nowhere in or within the place: **supported**.
- L4. A claim with a ``some`` or ``most`` quantifier ("legal in some states") is
  **supported** when some place within permits the substance and the place's own law does
  not prohibit it; **contested** when places within permit it but the place's own law
  prohibits it (it is legal only under the lower law); **disputed** when none permits it.

A negated legal claim ("not legal in X") swaps supported and disputed. Not-assessable
marks (rule 1) still come first.
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
    Law,
    LegalStatus,
    NotAssessable,
    Quantifier,
    Relation,
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
    """A verdict, the rule that gave it, and the evidence lines and laws that were counted."""

    verdict: Verdict
    rule: str
    counted: tuple[EvidenceLine, ...]
    laws: tuple[Law, ...] = ()


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


PARTIAL_QUANTIFIERS = frozenset({Quantifier.SOME, Quantifier.MOST})
NEGATED = {
    Verdict.SUPPORTED: Verdict.DISPUTED,
    Verdict.DISPUTED: Verdict.SUPPORTED,
    Verdict.CONTESTED: Verdict.CONTESTED,
}


def _where(law: Law) -> str:
    return f"{law.place_label} ({law.citation}, from {law.effective.iso()})"


def assess_legal(
    claim: Claim,
    laws: tuple[Law, ...],
    broader: dict[str, frozenset[str]],
    cutoff: dt.date | None = None,
) -> Outcome | None:
    """Rules L1-L4 for a ``legalIn`` claim, or None when no recorded law governs it."""
    if claim.relation is not Relation.LEGAL_IN:
        return None
    place, substance = claim.object, claim.subject
    governs = {substance} | set(broader.get(substance, ()))
    applicable = [
        law
        for law in laws
        if law.in_force(cutoff) and place in law.places and governs & set(law.substances)
    ]
    if not applicable:
        return None
    deciding: dict[str, Law] = {}  # the latest law in force in each place
    for law in sorted(applicable, key=lambda law: (law.effective.latest(), law.key)):
        deciding[law.jurisdiction] = law
    own = deciding.get(place)
    within = [law for where, law in sorted(deciding.items()) if where != place]
    banned = [law for law in within if law.status is LegalStatus.PROHIBITS]
    permitted = [law for law in within if law.status is LegalStatus.PERMITS]
    own_bans = own is not None and own.status is LegalStatus.PROHIBITS
    counted = tuple(sorted(deciding.values(), key=lambda law: law.key))
    listed = "; ".join(_where(law) for law in banned)
    if claim.qualifiers.quantifier in PARTIAL_QUANTIFIERS:
        allowed = permitted + ([own] if own is not None and not own_bans else [])
        if not allowed:
            verdict, rule = Verdict.DISPUTED, "rule L4: permitted in no place within"
        elif own_bans:
            assert own is not None
            verdict = Verdict.CONTESTED
            rule = (
                "rule L4: partly true, permitted within by "
                + "; ".join(_where(law) for law in permitted)
                + f" but prohibited by {_where(own)}"
            )
        else:
            verdict = Verdict.SUPPORTED
            rule = "rule L4: permitted in " + "; ".join(_where(law) for law in allowed)
    elif own_bans:
        assert own is not None
        verdict, rule = Verdict.DISPUTED, f"rule L1: prohibited by {_where(own)}"
    elif banned:
        verdict = Verdict.CONTESTED
        rule = (
            f"rule L2: partly true, not prohibited by the place's own law; prohibited in {listed}"
        )
    else:
        verdict, rule = Verdict.SUPPORTED, "rule L3: permitted and prohibited nowhere within"
    if claim.negated:
        verdict = NEGATED[verdict]
        rule += " (the claim is negated)"
    return Outcome(verdict, rule, (), counted)


class Assessor:
    """Assesses claims against the curated evidence, each claim's lines and mark found once."""

    def __init__(self, evidence: Evidence) -> None:
        self.studies = evidence.studies
        self.laws = evidence.laws
        self.broader = evidence.broader
        grouped: dict[Claim, list[EvidenceLine]] = {}
        for line in evidence.lines:
            grouped.setdefault(line.claim, []).append(line)
        self.lines = {claim: tuple(lines) for claim, lines in grouped.items()}
        self.marks: dict[Claim, NotAssessable] = {}
        for mark in evidence.not_assessable:
            self.marks.setdefault(mark.claim, mark)

    def __call__(self, claim: Claim, cutoff: dt.date | None = None) -> Outcome:
        """The verdict on ``claim`` (as of ``cutoff``)."""
        lines = self.lines.get(claim, ())
        mark = self.marks.get(claim)
        if mark is None:
            legal = assess_legal(claim, self.laws, self.broader, cutoff)
            if legal is not None:
                counted = tuple(
                    line for line in lines if published_by(self.studies[line.study], cutoff)
                )
                return Outcome(legal.verdict, legal.rule, counted, legal.laws)
        return assess(lines, self.studies, mark, cutoff)


def assess_claim(claim: Claim, evidence: Evidence, cutoff: dt.date | None = None) -> Outcome:
    """The verdict on ``claim`` from all the curated evidence (as of ``cutoff``)."""
    return Assessor(evidence)(claim, cutoff)
