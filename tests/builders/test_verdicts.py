"""The verdict rules, one by one, on hand-made evidence lines."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from builders.records import (
    Claim,
    Dataset,
    Design,
    Direction,
    EvidenceLine,
    Law,
    LegalStatus,
    NotAssessable,
    PartialDate,
    Qualifiers,
    Quantifier,
    Relation,
    Strength,
    Study,
    Unassessable,
)
from builders.verdicts import Assessor, Verdict, assess, assess_legal, published_by

CLAIM = Claim("kratom", Relation.ACTS_ON, "mu-opioid-receptor")


def study(key: str, published: PartialDate) -> Study:
    return Study(
        key=key,
        title="A study",
        authors=("Author A",),
        venue="A journal",
        published=published,
        design=Design.COHORT,
        seen_at="a test",
        citation="test",
    )


STUDIES = {
    "old": study("old", PartialDate(2015)),
    "march-2020": study("march-2020", PartialDate(2020, 3)),
    "day": study("day", PartialDate(2020, 2, 21)),
}


def line(key: str, direction: Direction, strength: Strength = Strength.MODERATE) -> EvidenceLine:
    return EvidenceLine(key, CLAIM, direction, strength, "finding")


S, D, Q = Direction.SUPPORTS, Direction.DISPUTES, Direction.QUALIFIES


@pytest.mark.parametrize(
    ("lines", "verdict"),
    [
        ((), Verdict.INSUFFICIENT),
        ((line("old", S),), Verdict.SUPPORTED),
        ((line("old", D, Strength.STRONG),), Verdict.DISPUTED),
        ((line("old", S), line("day", D)), Verdict.CONTESTED),
        ((line("old", S, Strength.WEAK),), Verdict.INSUFFICIENT),
        ((line("old", Q, Strength.STRONG),), Verdict.INSUFFICIENT),
        ((line("old", S, Strength.WEAK), line("day", D)), Verdict.DISPUTED),
        ((line("old", S), line("day", Q, Strength.STRONG)), Verdict.SUPPORTED),
    ],
)
def test_rules_over_all_evidence(lines: tuple[EvidenceLine, ...], verdict: Verdict) -> None:
    assert assess(lines, STUDIES).verdict is verdict


def test_a_not_assessable_mark_wins_over_evidence() -> None:
    mark = NotAssessable(CLAIM, Unassessable.EVALUATIVE, "a judgement")
    outcome = assess((line("old", S),), STUDIES, mark)
    assert outcome.verdict is Verdict.NOT_ASSESSABLE
    assert outcome.counted == ()
    assert "evaluative" in outcome.rule


def test_a_cutoff_drops_later_studies_and_says_which_lines_counted() -> None:
    lines = (line("old", S), line("march-2020", D))
    assert assess(lines, STUDIES).verdict is Verdict.CONTESTED
    before = assess(lines, STUDIES, cutoff=dt.date(2020, 2, 21))
    assert before.verdict is Verdict.SUPPORTED
    assert [counted.study for counted in before.counted] == ["old"]


def test_a_study_dated_by_month_counts_only_after_the_month_ends() -> None:
    march = STUDIES["march-2020"]
    assert not published_by(march, dt.date(2020, 3, 30))
    assert published_by(march, dt.date(2020, 3, 31))
    assert published_by(STUDIES["day"], dt.date(2020, 2, 21))
    assert not published_by(STUDIES["day"], dt.date(2020, 2, 20))
    assert published_by(march, None)


def test_partial_dates() -> None:
    assert PartialDate(2016).latest() == dt.date(2016, 12, 31)
    assert PartialDate(2016, 2).latest() == dt.date(2016, 2, 29)
    assert PartialDate(2016, 2).iso() == "2016-02"
    assert PartialDate(2016, 2, 3).iso() == "2016-02-03"


# --- legal status: rules L1-L4 ---------------------------------------------------------

PLACES = {"state-a": frozenset({"nation"}), "state-b": frozenset({"nation"})}


def law(
    key: str,
    where: str,
    status: LegalStatus,
    effective: PartialDate,
    ends: dt.date | None = None,
) -> Law:
    return Law(
        key=key,
        title=key,
        citation=f"Act {key}",
        issuer="a legislature",
        jurisdiction=where,
        substances=("leaf",),
        status=status,
        effective=effective,
        checked_at="https://example.org/law",
        places=(where, *sorted(PLACES.get(where, ()))),
        place_label=where.title(),
        ends=ends,
    )


P, X = LegalStatus.PERMITS, LegalStatus.PROHIBITS
NATION_PERMITS = law("n1", "nation", P, PartialDate(2016, 10, 13))
A_BANS = law("a1", "state-a", X, PartialDate(2016, 5, 10))
B_PERMITS = law("b1", "state-b", P, PartialDate(2012, 12, 10))
NATION_BANS = law("n2", "nation", X, PartialDate(1971))


def legal(quantifier: Quantifier | None = None, negated: bool = False) -> Claim:
    return Claim("leaf", Relation.LEGAL_IN, "nation", negated, Qualifiers(quantifier=quantifier))


@pytest.mark.parametrize(
    ("laws", "claim", "verdict", "rule"),
    [
        ((NATION_PERMITS,), legal(), Verdict.SUPPORTED, "rule L3"),
        ((NATION_PERMITS, A_BANS), legal(), Verdict.CONTESTED, "rule L2: partly true"),
        ((A_BANS,), legal(), Verdict.CONTESTED, "prohibited in State-A"),
        ((NATION_BANS, B_PERMITS), legal(), Verdict.DISPUTED, "rule L1: prohibited by Nation"),
        ((NATION_BANS, B_PERMITS), legal(Quantifier.SOME), Verdict.CONTESTED, "rule L4"),
        ((NATION_PERMITS, B_PERMITS), legal(Quantifier.SOME), Verdict.SUPPORTED, "rule L4"),
        ((A_BANS,), legal(Quantifier.SOME), Verdict.DISPUTED, "permitted in no place"),
        ((NATION_BANS,), legal(negated=True), Verdict.SUPPORTED, "negated"),
        ((NATION_PERMITS, A_BANS), legal(negated=True), Verdict.CONTESTED, "negated"),
    ],
)
def test_legal_status_rules(
    laws: tuple[Law, ...], claim: Claim, verdict: Verdict, rule: str
) -> None:
    outcome = assess_legal(claim, laws, PLACES)
    assert outcome is not None
    assert outcome.verdict is verdict
    assert rule in outcome.rule


def test_a_ban_enacted_after_the_cutoff_does_not_count() -> None:
    laws = (NATION_PERMITS, A_BANS)
    before_ban = assess_legal(legal(), laws, PLACES, dt.date(2016, 5, 9))
    assert before_ban is None  # no law in force yet: the evidence rules decide
    between = assess_legal(legal(), laws, PLACES, dt.date(2016, 6, 1))
    assert between is not None and between.verdict is Verdict.CONTESTED
    assert [counted.key for counted in between.laws] == ["a1"]
    after = assess_legal(legal(), laws, PLACES, dt.date(2020, 2, 21))
    assert after is not None and {counted.key for counted in after.laws} == {"a1", "n1"}


def test_a_law_that_ended_no_longer_counts() -> None:
    delisted = law("a2", "state-a", X, PartialDate(1979), ends=dt.date(2021, 8, 24))
    then = assess_legal(legal(), (NATION_PERMITS, delisted), PLACES, dt.date(2020, 2, 21))
    assert then is not None and then.verdict is Verdict.CONTESTED
    now = assess_legal(legal(), (NATION_PERMITS, delisted), PLACES)
    assert now is not None and now.verdict is Verdict.SUPPORTED


def test_a_law_on_a_substance_covers_the_narrower_ones() -> None:
    narrower = Claim("leaf-extract", Relation.LEGAL_IN, "nation")
    broader = {**PLACES, "leaf-extract": frozenset({"leaf"})}
    outcome = assess_legal(narrower, (NATION_BANS,), broader)
    assert outcome is not None and outcome.verdict is Verdict.DISPUTED
    permitted = assess_legal(narrower, (NATION_PERMITS,), broader)
    assert permitted is not None and permitted.verdict is Verdict.SUPPORTED
    broad = Claim("leaf", Relation.LEGAL_IN, "nation")
    only_extract = dataclasses.replace(NATION_PERMITS, substances=("leaf-extract",))
    assert assess_legal(broad, (only_extract,), broader) is None  # never upwards


KRATOM_US = Claim("kratom", Relation.LEGAL_IN, "united-states")


def test_kratom_in_the_united_states_on_the_article_date(seed_dataset: Dataset) -> None:
    outcome = Assessor(seed_dataset.evidence)(KRATOM_US, dt.date(2020, 2, 21))
    assert outcome.verdict is Verdict.CONTESTED
    assert outcome.rule.startswith("rule L2: partly true")
    assert "Alabama" in outcome.rule and "Wisconsin" in outcome.rule
    assert "Thailand" not in outcome.rule  # another country is not within the United States
    assert {law.key for law in outcome.laws} == {
        "dea-2016-withdrawal",
        "alabama-act-2016-279",
        "wisconsin-act-2013-351",
    }


def test_kratom_in_the_united_states_today_and_before_the_bans(seed_dataset: Dataset) -> None:
    assess_ = Assessor(seed_dataset.evidence)
    today = assess_(KRATOM_US)
    assert today.verdict is Verdict.CONTESTED and "Alabama" in today.rule
    early_2016 = assess_(KRATOM_US, dt.date(2016, 1, 1))
    assert early_2016.verdict is Verdict.CONTESTED
    assert "Wisconsin" in early_2016.rule and "Alabama" not in early_2016.rule
    before_any = assess_(KRATOM_US, dt.date(2014, 1, 1))
    assert before_any.laws == () and before_any.verdict is Verdict.INSUFFICIENT


def test_marijuana_is_not_legal_federally(seed_dataset: Dataset) -> None:
    assess_ = Assessor(seed_dataset.evidence)
    federal = assess_(Claim("marijuana", Relation.LEGAL_IN, "united-states"))
    assert federal.verdict is Verdict.DISPUTED
    assert federal.rule.startswith("rule L1: prohibited by United States (21 U.S.C. 812")
    medical = assess_(Claim("medical-marijuana", Relation.LEGAL_IN, "united-states"))
    assert medical.verdict is Verdict.DISPUTED  # the federal schedule covers medical use
    in_some_states = assess_(
        Claim(
            "marijuana",
            Relation.LEGAL_IN,
            "united-states",
            False,
            Qualifiers(quantifier=Quantifier.SOME),
        )
    )
    assert in_some_states.verdict is Verdict.CONTESTED
    assert "Colorado" in in_some_states.rule
    as_of_2010 = assess_(
        Claim(
            "marijuana",
            Relation.LEGAL_IN,
            "united-states",
            False,
            Qualifiers(quantifier=Quantifier.SOME),
        ),
        dt.date(2010, 1, 1),
    )
    assert as_of_2010.verdict is Verdict.DISPUTED  # Colorado's amendment came in 2012
