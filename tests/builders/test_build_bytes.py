"""The build writes the bytes it wrote before its writers made N-Triples text (issue 14).

Until 2026-12-03 the writers made an rdflib term for every triple and ``builders.ntriples``
wrote each as rdflib does; now they write N-Triples terms themselves. The digests below are
of ``builders.bulk.ntriples`` as the earlier writers made it (commit c23f9ff), for a
synthetic corpus and for a corpus given a record of every kind and branch the generator
leaves out (laws, qualifiers, notes, marks, background facts and awkward text). A change
that means to change the graph (a new triple, a new corpus) changes them too: the failure
prints the new digest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import replace

import pytest

from bench.corpus import CorpusSpec, generate
from builders.bulk import ntriples
from builders.iris import Iris, claim_key, content_hash
from builders.records import (
    AttributionInference,
    Background,
    BackgroundFact,
    Claim,
    Comparison,
    ComparisonExtent,
    Dataset,
    Degree,
    Design,
    Direction,
    EvidenceLine,
    ExternalId,
    Law,
    LegalStatus,
    MatchKind,
    NotAssessable,
    PartialDate,
    Qualifiers,
    Quantifier,
    Relation,
    Strength,
    Study,
    StudyId,
    Unassessable,
)
from graph.namespace import DEFAULT_BASE

AWKWARD = 'Grüße "quoted" \\ back\nslash\r\tand 東京 𝄞'
SUBSTANCE, OTHER, PLACE, REGION = (
    "substance-0000",
    "substance-0001",
    "jurisdiction-0000",
    "jurisdiction-0001",
)
ORG = "organization-0000"


def every_kind(dataset: Dataset) -> Dataset:
    """``dataset`` with one record of each kind and branch its generator does not make."""
    vocabulary = dataset.vocabulary
    entities = dict(vocabulary.entities)
    entities[SUBSTANCE] = replace(
        entities[SUBSTANCE],
        synonyms=(*entities[SUBSTANCE].synonyms, AWKWARD, "SUBSTANCE zero"),
        identifiers=(
            ExternalId("http://www.wikidata.org/entity/Q42", MatchKind.BROAD, "2026-01-02"),
            ExternalId("http://id.nlm.nih.gov/mesh/D000001", MatchKind.NARROW, "2026-01-03"),
        ),
    )
    facts = (
        *vocabulary.facts,
        BackgroundFact(SUBSTANCE, Background.HAS_CONSTITUENT, OTHER, "test"),
        BackgroundFact(OTHER, Background.EXTRACTED_FROM, SUBSTANCE, "test"),
        BackgroundFact(PLACE, Background.BROADER, REGION, "test"),
    )
    qualifiers = Qualifiers(
        population="condition-0000",
        jurisdiction=PLACE,
        timeframe="since 2019",
        quantifier=Quantifier.NOT_ALWAYS,
        degree=Degree.HIGHLY,
        comparison=Comparison(OTHER, ComparisonExtent.MORE_THAN),
    )
    legal = Claim(SUBSTANCE, Relation.LEGAL_IN, PLACE, qualifiers=qualifiers)
    denied = replace(legal, negated=True)
    first, second, *rest = dataset.statements
    statements = (
        replace(first, claim=legal, note=AWKWARD, confidence=1e-05, attributed_to=(ORG,)),
        replace(second, claim=denied, confidence=0.5),
        *rest,
    )
    articles = (
        replace(dataset.articles[0], call_to_action=AWKWARD, promotional=True),
        *dataset.articles[1:],
    )
    study = Study(
        key="study-pmc",
        title=AWKWARD,
        authors=("Ä. Author", "B. Author."),
        venue="Venue",
        published=PartialDate(2015, 3, 4),
        design=Design.COHORT,
        seen_at="https://example.org/seen",
        identifiers=(StudyId("pmc", "PMC12345", "2026-01-04"),),
        citation="81 FR 70652",
        publisher=ORG,
    )
    laws = (
        Law("law-ban", AWKWARD, "1 L 2", "Parliament", PLACE, (SUBSTANCE,),
            LegalStatus.PROHIBITS, PartialDate(2018, 5), "2026-01-05", (PLACE, REGION),
            ends=dt.date(2030, 1, 1), note=AWKWARD),
        Law("law-permit", "Permit", "3 L 4", "Council", REGION, (SUBSTANCE, OTHER),
            LegalStatus.PERMITS, PartialDate(2010), "2026-01-06", (REGION,)),
    )  # fmt: skip
    evidence = replace(
        dataset.evidence,
        studies={**dataset.evidence.studies, study.key: study},
        lines=(
            *dataset.evidence.lines,
            EvidenceLine(study.key, legal, Direction.DISPUTES, Strength.MODERATE, AWKWARD, "why"),
        ),
        not_assessable=(NotAssessable(denied, Unassessable.EVALUATIVE, AWKWARD),),
        attributions=(
            *dataset.evidence.attributions,
            AttributionInference(first.article_id, first.span.exact, ORG, study.key, AWKWARD),
        ),
        laws=laws,
        broader={**dataset.evidence.broader, PLACE: frozenset({REGION})},
    )
    return replace(
        dataset,
        vocabulary=replace(vocabulary, entities=entities, facts=facts),
        articles=articles,
        statements=statements,
        evidence=evidence,
    )


AS_OF = (dt.date(2019, 6, 1), dt.date(2024, 1, 1))
CASES: dict[str, tuple[Callable[[], Dataset], str, tuple[dt.date, ...], str]] = {
    "corpus": (
        lambda: generate(CorpusSpec(articles=40, seed=11)),
        "https://example.org/claims/",
        (),
        "3d287d38a16e8fe0b1e75fd1c5fba107170399816e5627066ea53db91308ff01",
    ),
    "every kind": (
        lambda: every_kind(generate(CorpusSpec(articles=25, seed=6, studies=60))),
        DEFAULT_BASE,
        AS_OF,
        "29fc1dafe683885a73803759233b480d0352218fdcb22ea7752de5d0f2258543",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_build_writes_the_bytes_it_wrote_before(case: str) -> None:
    make, base, as_of, expected = CASES[case]
    digest = hashlib.sha256(ntriples(make(), base, as_of)).hexdigest()
    assert digest == expected, f"{case}: the graph's bytes changed (now {digest})"


def predicates(data: bytes) -> set[bytes]:
    return {line.split(b" ", 2)[1] for line in data.splitlines()}


def test_every_kind_writes_every_property_the_seed_graph_has(seed_dataset: Dataset) -> None:
    """The digest covers what the curated data uses (extend ``every_kind`` if this fails)."""
    make, base, as_of, _ = CASES["every kind"]
    seed = ntriples(seed_dataset, as_of=AS_OF)
    assert predicates(seed) <= predicates(ntriples(make(), base, as_of))


def test_iris_encode_a_claims_key_once_for_the_hashes_that_include_it() -> None:
    claim = Claim(
        "kratom",
        Relation.LEGAL_IN,
        "united-states",
        negated=True,
        qualifiers=Qualifiers(
            population="adults",
            timeframe=AWKWARD,
            quantifier=Quantifier.SOME,
            comparison=Comparison("morphine", ComparisonExtent.AS_MUCH_AS),
        ),
    )
    iris, base = Iris(), DEFAULT_BASE
    key = claim_key(claim)
    assert iris.claim(claim) == f"{base}claim/{content_hash(*key)}"
    assert iris.evidence(AWKWARD, claim) == f"{base}evidence/{content_hash(AWKWARD, *key)}"
    day = dt.date(2020, 2, 21)
    assert iris.assessment(claim, day) == f"{base}assessment/{content_hash('2020-02-21', *key)}"
    assert iris.assessment(claim, None) == f"{base}assessment/{content_hash('all', *key)}"
