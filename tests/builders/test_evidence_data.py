"""The curated evidence: formats, references, coverage, and the seed article's verdicts."""

from __future__ import annotations

import datetime as dt

import pytest

from builders.identifiers import DOI, PMCID, PMID
from builders.records import Dataset, Direction
from builders.verdicts import Verdict, assess_claim
from graph import api

# Identifiers ../shared/reference/facts.md marks unverified, which no page showed either.
NOT_VERIFIED = {
    "10.1016/j.jpain.2016.03.002",
    "10.1016/j.drugalcdep.2017.08.034",
    "10.1111/add.13512",
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


def test_every_seed_claim_has_evidence_or_a_reason(seed_dataset: Dataset) -> None:
    evidence = seed_dataset.evidence
    weighed = {line.claim for line in evidence.lines}
    marked = {mark.claim for mark in evidence.not_assessable}
    claims = {s.claim for s in seed_dataset.statements}
    assert claims <= weighed | marked
    assert not weighed & marked
    assert len(claims) >= 30


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


VERDICTS_NOW = {
    "marijuana does not have property addictive": "disputed",
    "medical marijuana reduces use of opioids (population: chronic pain)": "disputed",
    "opioid withdrawal does not cause death": "disputed",
    "kratom acts on mu-opioid receptor": "supported",
    "kratom mimics opioids": "supported",
    "kratom legal in United States": "supported",
    "marijuana relieves pain": "supported",
    "medical marijuana treats pain": "supported",
    "opioids relieves pain": "supported",
    "kratom relieves opioid withdrawal": "insufficientEvidence",
    "kratom treats opioid withdrawal": "insufficientEvidence",
    "kratom treats opioid addiction": "insufficientEvidence",
    "medical marijuana treats opioid withdrawal": "insufficientEvidence",
    "cold turkey method does not treat opioid addiction": "insufficientEvidence",
    "opiates derived from opium": "notAssessable",
    "marijuana mimics opioids": "notAssessable",
}


@pytest.mark.parametrize(("claim", "verdict"), sorted(VERDICTS_NOW.items()))
def test_seed_verdicts_over_all_evidence(claim: str, verdict: str) -> None:
    rows = {row.claim: row.verdict for row in api.verdicts()}
    assert rows[claim] == verdict


def test_seed_verdicts_on_the_article_date_differ_only_where_later_evidence_decides() -> None:
    now = {row.claim: row.verdict for row in api.verdicts()}
    then = {row.claim: row.verdict for row in api.verdicts(as_of=dt.date(2020, 2, 21))}
    changed = {claim: (then[claim], now[claim]) for claim in now if then[claim] != now[claim]}
    # Ellis et al. (March 2020) is the only decisive support for "kratom mimics opioids".
    assert changed == {"kratom mimics opioids": ("insufficientEvidence", "supported")}


def test_before_the_disputing_studies_the_chronic_pain_claim_had_only_weak_support(
    seed_dataset: Dataset,
) -> None:
    claim = next(s.claim for s in seed_dataset.statements if s.attributed_to)
    early = assess_claim(claim, seed_dataset.evidence, dt.date(2018, 1, 1))
    assert early.verdict is Verdict.INSUFFICIENT
    assert {line.direction for line in early.counted} == {Direction.SUPPORTS}
    assert assess_claim(claim, seed_dataset.evidence).verdict is Verdict.DISPUTED
