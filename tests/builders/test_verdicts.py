"""The verdict rules, one by one, on hand-made evidence lines."""

from __future__ import annotations

import datetime as dt

import pytest

from builders.records import (
    Claim,
    Design,
    Direction,
    EvidenceLine,
    NotAssessable,
    PartialDate,
    Relation,
    Strength,
    Study,
    Unassessable,
)
from builders.verdicts import Verdict, assess, published_by

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
    mark = NotAssessable(CLAIM, Unassessable.VAGUE, "too loose")
    outcome = assess((line("old", S),), STUDIES, mark)
    assert outcome.verdict is Verdict.NOT_ASSESSABLE
    assert outcome.counted == ()
    assert "vague" in outcome.rule


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
