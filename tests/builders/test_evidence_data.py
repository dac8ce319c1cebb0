"""The curated evidence: formats, references, coverage, and the seed article's verdicts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from builders.identifiers import DOI, PMCID, PMID
from builders.phrases import claim_label
from builders.records import Claim, Dataset, Direction, Evidence, Strength, Unassessable
from builders.verdicts import Assessor, Verdict, assess_claim

# Identifiers that no public page showed next to the study: DOIs facts.md marks unverified,
# and PMIDs/PMCIDs that rested only on facts.md (Boehnke 2016, Kruegel 2016) until removed.
NOT_VERIFIED = {
    "10.1016/j.jpain.2016.03.002",
    "10.1016/j.drugalcdep.2017.08.034",
    "10.1111/add.13512",
    "27001005",
    "27192616",
    "PMC5189718",
}


def test_study_identifiers_are_well_formed_and_say_where_they_were_checked(
    seed_dataset: Dataset,
) -> None:
    patterns = {"doi": DOI, "pubmed": PMID, "pmc": PMCID}
    for study in seed_dataset.evidence.studies.values():
        assert len(study.seen_at) > 5, study.key
        assert 1990 <= study.published.year <= dt.date.today().year, study.key
        for ident in study.identifiers:
            assert patterns[ident.scheme].match(ident.value), (study.key, ident)
            assert len(ident.checked_at) > 5, (study.key, ident)
            assert ident.value not in NOT_VERIFIED, (study.key, ident)


def test_no_checked_at_names_the_projects_own_notes(seed_dataset: Dataset) -> None:
    evidence = seed_dataset.evidence
    places = [s.seen_at for s in evidence.studies.values()]
    places += [i.checked_at for s in evidence.studies.values() for i in s.identifiers]
    places += [law.checked_at for law in evidence.laws]
    assert [p for p in places if "facts.md" in p.lower()] == []
    assert all("http" in law.checked_at for law in evidence.laws)


# Factual claims for which no checked source was found: their verdict is an honest
# "insufficient evidence", and each statement's note says why.
NO_SOURCE_FOUND = {
    "medical marijuana prescribed for opioid withdrawal (quantifier: some; "
    "jurisdiction: United States)",
    "medical marijuana prescribed for opioid withdrawal (quantifier: some; "
    "jurisdiction: the world)",
    "kratom used for traditional use (timeframe: for thousands of years)",
}


def test_every_seed_claim_has_evidence_a_law_or_a_reason(seed_dataset: Dataset) -> None:
    evidence = seed_dataset.evidence
    assess = Assessor(evidence)
    weighed = {line.claim for line in evidence.lines}
    marked = {mark.claim for mark in evidence.not_assessable}
    ruled = {s.claim for s in seed_dataset.statements if assess(s.claim).laws}
    claims = {s.claim for s in seed_dataset.statements}
    assert not weighed & marked
    labels = seed_dataset.vocabulary.entities
    rest = {claim_label(c, labels) for c in claims - weighed - marked - ruled}
    assert rest == NO_SOURCE_FOUND
    for statement in seed_dataset.statements:
        if claim_label(statement.claim, labels) in NO_SOURCE_FOUND:
            assert statement.note, statement.span.exact
    assert len(claims) >= 30


def test_not_assessable_is_kept_for_definitions_evaluations_and_calls_to_action(
    seed_dataset: Dataset,
) -> None:
    reasons = {mark.reason for mark in seed_dataset.evidence.not_assessable}
    assert reasons <= set(Unassessable)
    assert set(Unassessable) == {
        Unassessable.DEFINITIONAL,
        Unassessable.EVALUATIVE,
        Unassessable.PROMOTIONAL,
    }


def test_every_line_says_why_it_has_its_strength(seed_dataset: Dataset) -> None:
    for line in seed_dataset.evidence.lines:
        assert len(line.grading) > 20 and line.grading.endswith("."), line.study


def test_every_study_is_cited_and_every_line_points_at_a_known_study(
    seed_dataset: Dataset,
) -> None:
    evidence = seed_dataset.evidence
    cited = {line.study for line in evidence.lines} | {a.study for a in evidence.attributions}
    assert cited == set(evidence.studies)


def test_findings_are_single_sentences(seed_dataset: Dataset) -> None:
    for line in seed_dataset.evidence.lines:
        assert line.finding.endswith("."), line
        assert line.finding[:-1].count(". ") == 0, line


# Every verdict of the seed, re-derived from data/ in the test: the verdict over all
# evidence, the verdict as of the article's date (2020-02-21), every evidence line ("study
# direction strength") of the claim and the laws that decided it today. Changing any line's
# direction or strength, or any law, changes a row or fails the test; update the table only
# after checking the new verdict by hand.
ARTICLE_DATE = dt.date(2020, 2, 21)
Row = tuple[str, str, tuple[str, ...], tuple[str, ...]]
SEED_VERDICTS: dict[str, Row] = {
    "medical marijuana treats opioid withdrawal": (
        "insufficientEvidence",
        "insufficientEvidence",
        ("nasem-2017 qualifies strong",),
        (),
    ),
    "kratom treats opioid withdrawal": (
        "insufficientEvidence",
        "insufficientEvidence",
        ("singh-2014 qualifies moderate", "smith-lawson-2017 qualifies weak"),
        (),
    ),
    "opiates derived from opium": ("notAssessable", "notAssessable", (), ()),
    "opium is a sedative": ("notAssessable", "notAssessable", (), ()),
    "opium is a narcotic": ("notAssessable", "notAssessable", (), ()),
    "opium relieves pain": ("supported", "supported", ("corbett-2006 supports moderate",), ()),
    "opium has property addictive": (
        "supported",
        "supported",
        ("stefano-2017 supports moderate",),
        (),
    ),
    "opioids used for pain relief": (
        "supported",
        "supported",
        ("busse-2018 supports moderate",),
        (),
    ),
    "opioids acts on brain and nervous system": (
        "supported",
        "supported",
        ("kosten-george-2002 supports moderate",),
        (),
    ),
    "opioids causes euphoria": ("supported", "supported", ("wang-2019 supports moderate",), ()),
    "opioids relieves pain": ("supported", "supported", ("busse-2018 supports strong",), ()),
    "opioids has property addictive (degree: highly)": (
        "supported",
        "supported",
        ("kosten-george-2002 supports moderate", "vowles-2015 qualifies strong"),
        (),
    ),
    "opioids causes opioid addiction (quantifier: automatically)": (
        "disputed",
        "disputed",
        ("kosten-george-2002 qualifies moderate", "vowles-2015 disputes strong"),
        (),
    ),
    "opioid withdrawal causes continued opioid use": (
        "supported",
        "insufficientEvidence",
        ("pantazis-2021 supports moderate",),
        (),
    ),
    "opioid withdrawal has property distressing": ("notAssessable", "notAssessable", (), ()),
    "cold turkey method used for opioid addiction": ("notAssessable", "notAssessable", (), ()),
    "cold turkey method treats opioid addiction (quantifier: not always)": (
        "supported",
        "supported",
        ("bailey-2013 supports moderate", "kosten-george-2002 supports weak"),
        (),
    ),
    "cold turkey method has property distressing": ("notAssessable", "notAssessable", (), ()),
    "medical marijuana prescribed for opioid withdrawal (quantifier: some; "
    "jurisdiction: United States)": (
        "insufficientEvidence",
        "insufficientEvidence",
        (),
        (),
    ),
    "medical marijuana prescribed for opioid withdrawal (quantifier: some; "
    "jurisdiction: the world)": (
        "insufficientEvidence",
        "insufficientEvidence",
        (),
        (),
    ),
    "marijuana relieves pain (compared with opioids: much of)": (
        "insufficientEvidence",
        "insufficientEvidence",
        ("nasem-2017 qualifies strong",),
        (),
    ),
    "marijuana causes euphoria (compared with opioids: much of)": (
        "insufficientEvidence",
        "insufficientEvidence",
        ("hall-degenhardt-2014 supports weak",),
        (),
    ),
    "marijuana does not have property addictive": (
        "disputed",
        "disputed",
        (
            "hall-degenhardt-2014 disputes moderate",
            "hasin-2015 disputes moderate",
            "lopez-quintero-2011 disputes moderate",
            "nasem-2017 disputes strong",
            "volkow-2014 disputes moderate",
        ),
        (),
    ),
    "medical marijuana reduces use of opioids (degree: dramatically; population: chronic pain)": (
        "insufficientEvidence",
        "insufficientEvidence",
        (
            "bachhuber-2014 qualifies weak",
            "boehnke-2016 supports weak",
            "campbell-2018 disputes weak",
            "shover-2019 qualifies weak",
            "vigil-2017 supports weak",
        ),
        (),
    ),
    "opioid withdrawal has property severe": ("notAssessable", "notAssessable", (), ()),
    "opioid withdrawal does not cause death": (
        "disputed",
        "disputed",
        ("darke-2017 disputes moderate",),
        (),
    ),
    "kratom acts on brain and nervous system": (
        "insufficientEvidence",
        "insufficientEvidence",
        ("kruegel-2016 supports weak",),
        (),
    ),
    "kratom mimics opioids": (
        "supported",
        "supported",
        ("ellis-2020 supports moderate", "kruegel-2016 supports moderate"),
        (),
    ),
    "kratom acts on mu-opioid receptor": (
        "supported",
        "supported",
        ("ellis-2020 supports moderate", "kruegel-2016 supports moderate"),
        (),
    ),
    "kratom relieves opioid withdrawal": (
        "insufficientEvidence",
        "insufficientEvidence",
        (
            "garcia-romeu-2020 supports weak",
            "singh-2014 qualifies moderate",
            "smith-lawson-2017 qualifies weak",
        ),
        (),
    ),
    "kratom treats opioid addiction": (
        "insufficientEvidence",
        "insufficientEvidence",
        ("garcia-romeu-2020 supports weak", "singh-2014 qualifies moderate"),
        (),
    ),
    "marijuana legal in United States (quantifier: some)": (
        "contested",
        "contested",
        ("hasin-2017 supports moderate", "volkow-2014 supports weak"),
        ("colorado-amendment-64", "us-csa-schedule-i-marihuana"),
    ),
    "marijuana legal in the world (quantifier: some)": (
        "supported",
        "supported",
        (),
        ("canada-cannabis-act", "colorado-amendment-64", "us-csa-schedule-i-marihuana"),
    ),
    "medical marijuana legal in United States (quantifier: some)": (
        "contested",
        "contested",
        ("bachhuber-2014 supports moderate", "hasin-2017 supports moderate"),
        (
            "california-compassionate-use-act-1996",
            "colorado-amendment-64",
            "us-csa-schedule-i-marihuana",
        ),
    ),
    "medical marijuana legal in the world (quantifier: some)": (
        "supported",
        "supported",
        (),
        (
            "california-compassionate-use-act-1996",
            "canada-cannabis-act",
            "colorado-amendment-64",
            "us-csa-schedule-i-marihuana",
        ),
    ),
    "medical marijuana treats pain": (
        "supported",
        "supported",
        ("nasem-2017 supports strong",),
        (),
    ),
    "kratom legal in the world": (
        "contested",
        "contested",
        ("dea-2016-notice-of-intent qualifies weak",),
        (
            "alabama-act-2016-279",
            "dea-2016-withdrawal",
            "malaysia-poisons-act-1952",
            "thailand-narcotics-act-no-8-2021",
            "wisconsin-act-2013-351",
        ),
    ),
    "kratom has property understudied": (
        "supported",
        "insufficientEvidence",
        ("garcia-romeu-2020 supports weak", "vicknasingam-2024 supports moderate"),
        (),
    ),
    "kratom used for traditional use (timeframe: for thousands of years)": (
        "insufficientEvidence",
        "insufficientEvidence",
        (),
        (),
    ),
}


def derive(dataset: Dataset, evidence: Evidence) -> dict[str, Row]:
    assess = Assessor(evidence)
    lines: dict[Claim, list[str]] = {}
    for line in evidence.lines:
        lines.setdefault(line.claim, []).append(
            f"{line.study} {line.direction.value} {line.strength.value}"
        )
    rows = {}
    for claim in dict.fromkeys(s.claim for s in dataset.statements):
        label = claim_label(claim, dataset.vocabulary.entities)
        now, then = assess(claim), assess(claim, ARTICLE_DATE)
        rows[label] = (
            now.verdict.value,
            then.verdict.value,
            tuple(sorted(lines.get(claim, ()))),
            tuple(law.key for law in now.laws),
        )
    return rows


def test_every_seed_verdict_matches_the_table(seed_dataset: Dataset) -> None:
    assert derive(seed_dataset, seed_dataset.evidence) == SEED_VERDICTS


FLIPPED = {
    Direction.SUPPORTS: Direction.DISPUTES,
    Direction.DISPUTES: Direction.SUPPORTS,
    Direction.QUALIFIES: Direction.SUPPORTS,
}
REGRADED = {
    Strength.WEAK: Strength.MODERATE,
    Strength.MODERATE: Strength.WEAK,
    Strength.STRONG: Strength.WEAK,
}


@pytest.mark.parametrize("change", ["direction", "strength"])
def test_changing_any_line_changes_the_table(seed_dataset: Dataset, change: str) -> None:
    evidence = seed_dataset.evidence
    for index, line in enumerate(evidence.lines):
        if change == "direction":
            changed = dataclasses.replace(line, direction=FLIPPED[line.direction])
        else:
            changed = dataclasses.replace(line, strength=REGRADED[line.strength])
        lines = (*evidence.lines[:index], changed, *evidence.lines[index + 1 :])
        altered = dataclasses.replace(evidence, lines=lines)
        assert derive(seed_dataset, altered) != SEED_VERDICTS, (line.study, line.claim)


def test_verdicts_change_with_the_date_only_where_later_evidence_decides(
    seed_dataset: Dataset,
) -> None:
    changed = {label for label, (now, then, _, _) in SEED_VERDICTS.items() if now != then}
    # Pantazis 2021 and Vicknasingam 2024 are the only decisive lines published after the
    # article; Kruegel 2016 already settled kratom's opioid-like action by then.
    assert changed == {
        "opioid withdrawal causes continued opioid use",
        "kratom has property understudied",
    }


def test_indirect_evidence_never_decides_the_chronic_pain_claim(seed_dataset: Dataset) -> None:
    claim = next(s.claim for s in seed_dataset.statements if s.attributed_to)
    evidence = seed_dataset.evidence
    ecological = {"bachhuber-2014", "shover-2019"}
    for line in evidence.lines:
        if line.claim == claim and line.study in ecological:
            assert line.direction is Direction.QUALIFIES and line.strength is Strength.WEAK
    without = dataclasses.replace(
        evidence,
        lines=tuple(
            line
            for line in evidence.lines
            if not (line.claim == claim and line.study in ecological)
        ),
    )
    assert assess_claim(claim, without).verdict is assess_claim(claim, evidence).verdict
    assert assess_claim(claim, evidence).verdict is Verdict.INSUFFICIENT
    early = assess_claim(claim, evidence, dt.date(2018, 1, 1))
    assert {line.direction for line in early.counted} == {Direction.SUPPORTS, Direction.QUALIFIES}
