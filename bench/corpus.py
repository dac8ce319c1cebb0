"""A synthetic corpus of health articles as the build's typed records, reproducible from a seed.

``generate(CorpusSpec(articles=3000, seed=6))`` returns a ``Dataset`` like the one
``builders.build.load_dataset`` reads from data/: a vocabulary of hundreds of substances
with receptors, conditions, organizations and jurisdictions; articles whose text is made
of sentences, each statement anchored in its article by ``builders.anchoring``; studies,
evidence lines, not-assessable marks and attribution inferences.

The spread follows what curated articles look like: a few substances are written about
far more often than the rest (Zipf's law), so the same claim recurs across articles
and dates; most statements are asserted, some hedged or speculative; about one in five
credits an authority; most claims have evidence of mixed direction and strength. The
vocabulary and the first studies make about 20,000 triples and each article about 350
more, so 2,800 articles make about a million.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

from builders.anchoring import anchor
from builders.iris import text_hash
from builders.phrases import claim_label
from builders.records import (
    Article,
    AttributionInference,
    Claim,
    Dataset,
    Design,
    Direction,
    Entity,
    EntityType,
    Evidence,
    EvidenceLine,
    ExternalId,
    MatchKind,
    Modality,
    NotAssessable,
    PartialDate,
    Provenance,
    Qualifiers,
    Relation,
    Statement,
    Strength,
    Study,
    StudyId,
    SubstanceKind,
    Unassessable,
    Vocabulary,
)
from graph.namespace import CONVERTER

TRIPLES_PER_ARTICLE = 500  # with its share of studies
FIXED_TRIPLES = 26_000  # the vocabulary and the first 300 studies
SYLLABLES = (
    "ka", "tro", "mi", "na", "zol", "pen", "ta", "dol", "ri", "xa", "lo", "can", "bi", "mor",
    "phi", "ne", "ve", "sta", "lu", "qui", "do", "ter", "fen", "gly", "co", "sil", "um", "ar",
)  # fmt: skip
OBJECT_TYPES: dict[Relation, tuple[str, ...]] = {
    Relation.ACTS_ON: ("receptor",),
    Relation.DERIVED_FROM: ("substance",),
    Relation.RELIEVES: ("condition",),
    Relation.TREATS: ("condition",),
    Relation.REDUCES_USE_OF: ("substance",),
    Relation.CAUSES: ("condition",),
    Relation.HAS_PROPERTY: ("property",),
    Relation.PRESCRIBED_FOR: ("condition",),
    Relation.USED_FOR: ("condition",),
    Relation.LEGAL_IN: ("jurisdiction",),
    Relation.IS_A: ("substance",),
    Relation.MIMICS: ("substance",),
}
RELATION_WEIGHTS = (14, 4, 14, 12, 6, 10, 8, 5, 8, 6, 6, 4)
START = dt.date(2012, 1, 1)
DAYS = 12 * 365


@dataclass(frozen=True, slots=True)
class CorpusSpec:
    """How big a corpus to make, and the seed that makes it reproducible."""

    articles: int
    seed: int = 6
    substances: int = 400
    receptors: int = 40
    conditions: int = 150
    organizations: int = 80
    jurisdictions: int = 40
    properties: int = 20
    studies: int = 0  # 0: one study for every two articles, at least 300

    @property
    def study_count(self) -> int:
        return self.studies or max(300, self.articles // 2)


def articles_for(triples: int) -> int:
    """About how many articles make a graph of ``triples`` triples (with the default spec)."""
    return max(1, round((triples - FIXED_TRIPLES) / TRIPLES_PER_ARTICLE))


class _Generator:
    def __init__(self, spec: CorpusSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.entities: dict[str, Entity] = {}
        self.by_type: dict[str, list[str]] = {}
        self.zipf: dict[str, list[float]] = {}

    def word(self, parts: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(parts))

    def add_entities(self, kind: str, count: int, entity_type: EntityType) -> None:
        ids = self.by_type.setdefault(kind, [])
        for number in range(count):
            entity_id = f"{kind}-{number:04d}"
            name = f"{self.word(self.rng.randint(2, 4)).capitalize()} {kind} {number}"
            substance_kind = (
                self.rng.choice(list(SubstanceKind))
                if entity_type is EntityType.SUBSTANCE
                else None
            )
            identifiers = tuple(
                ExternalId(
                    iri=CONVERTER.expand_strict(f"chebi:{100000 + len(self.entities)}"),
                    match=self.rng.choice((MatchKind.EXACT, MatchKind.EXACT, MatchKind.CLOSE)),
                    checked_at=f"https://www.ebi.ac.uk/chebi/{100000 + len(self.entities)}",
                )
                for _ in range(1 if self.rng.random() < 0.7 else 0)
                if entity_type is EntityType.SUBSTANCE
            )
            synonyms = tuple(
                f"{self.word(3)} {number}" for _ in range(self.rng.choice((0, 0, 1, 2, 3)))
            )
            self.entities[entity_id] = Entity(
                id=entity_id,
                label=name,
                type=entity_type,
                definition=f"A synthetic {kind} made for benchmarks ({name}).",
                kind=substance_kind,
                synonyms=synonyms,
                identifiers=identifiers,
            )
            ids.append(entity_id)

    def vocabulary(self) -> Vocabulary:
        spec = self.spec
        self.add_entities("substance", spec.substances, EntityType.SUBSTANCE)
        self.add_entities("receptor", spec.receptors, EntityType.RECEPTOR)
        self.add_entities("condition", spec.conditions, EntityType.CONDITION)
        self.add_entities("organization", spec.organizations, EntityType.ORGANIZATION)
        self.add_entities("jurisdiction", spec.jurisdictions, EntityType.JURISDICTION)
        self.add_entities("property", spec.properties, EntityType.PROPERTY)
        return Vocabulary(entities=self.entities, facts=())

    def popular(self, kind: str) -> str:
        """An entity of ``kind``: the n-th is drawn with weight 1/n (Zipf's law)."""
        ids = self.by_type[kind]
        weights = self.zipf.get(kind)
        if weights is None:
            weights = self.zipf[kind] = list(
                itertools.accumulate(1 / n for n in range(1, len(ids) + 1))
            )
        return self.rng.choices(ids, cum_weights=weights)[0]

    def claim(self) -> Claim:
        relation = self.rng.choices(list(Relation), RELATION_WEIGHTS)[0]
        subject = self.popular("substance")
        obj = self.popular(OBJECT_TYPES[relation][0])
        if obj == subject:
            obj = self.by_type["substance"][-1 - self.by_type["substance"].index(subject)]
        population = self.popular("condition") if self.rng.random() < 0.1 else None
        jurisdiction = self.popular("jurisdiction") if self.rng.random() < 0.05 else None
        return Claim(
            subject=subject,
            relation=relation,
            object=obj,
            negated=self.rng.random() < 0.1,
            qualifiers=Qualifiers(population=population, jurisdiction=jurisdiction),
        )

    def sentence(self, label: str, index: int) -> str:
        return f"Point {index}: {label}, the writer says, citing note {self.rng.randint(1, 99)}."

    def article(self, number: int) -> tuple[Article, list[Statement]]:
        claims = [self.claim() for _ in range(max(3, int(self.rng.gauss(12, 4))))]
        title = f"Article {number}: what {self.entities[claims[0].subject].label} can do"
        labels = [claim_label(claim, self.entities) for claim in claims]
        text = " ".join([title + ".", *(self.sentence(x, i) for i, x in enumerate(labels))])
        text += "\n"
        sha = text_hash(text)
        article = Article(
            id=f"article-{number:06d}",
            title=title,
            published=START + dt.timedelta(days=self.rng.randrange(DAYS)),
            text=text,
            sha256=sha,
            url=f"https://example.org/articles/{number}",
            publisher=f"Publisher {number % 97}",
            promotional=self.rng.random() < 0.3,
        )
        statements = []
        for index, claim in enumerate(claims):
            span = anchor(text, f"Point {index}: {labels[index]}")
            extracted = self.rng.random() < 0.3
            credited = self.rng.random() < 0.2
            statements.append(
                Statement(
                    article_id=article.id,
                    span=span,
                    claim=claim,
                    modality=self.rng.choices(list(Modality), (70, 22, 8))[0],
                    provenance=Provenance.RULE_EXTRACTED if extracted else Provenance.CURATED,
                    confidence=round(self.rng.uniform(0.5, 1.0), 2) if extracted else None,
                    attributed_to=(self.popular("organization"),) if credited else (),
                )
            )
        return article, statements

    def study(self, number: int) -> Study:
        year = self.rng.randint(1995, 2024)
        month = self.rng.choice((None, self.rng.randint(1, 12)))
        day = self.rng.randint(1, 28) if month is not None and self.rng.random() < 0.5 else None
        identifiers = []
        if self.rng.random() < 0.85:
            identifiers.append(
                StudyId("doi", f"10.{1000 + number % 800}/bench.{number}", "https://doi.org")
            )
        if self.rng.random() < 0.6:
            identifiers.append(StudyId("pubmed", str(20000000 + number), "https://pubmed"))
        return Study(
            key=f"study-{number:05d}",
            title=f"A {self.word(3)} study of {self.word(2)} number {number}",
            authors=tuple(f"{self.word(2).capitalize()} A" for _ in range(self.rng.randint(1, 6))),
            venue=f"Journal of {self.word(3).capitalize()}",
            published=PartialDate(year, month, day),
            design=self.rng.choice(list(Design)),
            seen_at=f"https://example.org/studies/{number}",
            identifiers=tuple(identifiers),
            citation=None if identifiers else f"{number} FR {self.rng.randint(1000, 99999)}",
            publisher=self.popular("organization") if self.rng.random() < 0.2 else None,
        )

    def evidence(self, statements: Sequence[Statement]) -> Evidence:
        studies = {s.key: s for s in (self.study(n) for n in range(self.spec.study_count))}
        keys = list(studies)
        lines: list[EvidenceLine] = []
        marks: list[NotAssessable] = []
        for claim in dict.fromkeys(s.claim for s in statements):
            label = claim_label(claim, self.entities)
            if self.rng.random() < 0.05:
                marks.append(NotAssessable(claim, self.rng.choice(list(Unassessable)), "Vague."))
            for key in self.rng.sample(keys, self.rng.choice((0, 1, 1, 2, 2, 3, 4))):
                lines.append(
                    EvidenceLine(
                        study=key,
                        claim=claim,
                        direction=self.rng.choices(list(Direction), (55, 30, 15))[0],
                        strength=self.rng.choices(list(Strength), (20, 45, 35))[0],
                        finding=f"Finding of {key} about {label}.",
                    )
                )
        attributions = [
            AttributionInference(s.article_id, s.span.exact, s.attributed_to[0], key, "Cited.")
            for s in statements
            if s.attributed_to and self.rng.random() < 0.3
            for key in (self.rng.choice(keys),)
        ]
        return Evidence(studies, tuple(lines), tuple(marks), tuple(attributions))


def generate(spec: CorpusSpec) -> Dataset:
    """A synthetic dataset of ``spec.articles`` articles; the same spec gives the same data."""
    generator = _Generator(spec)
    vocabulary = generator.vocabulary()
    articles: list[Article] = []
    statements: list[Statement] = []
    for number in range(spec.articles):
        article, made = generator.article(number)
        articles.append(article)
        statements.extend(made)
    return Dataset(
        vocabulary=vocabulary,
        articles=tuple(articles),
        statements=tuple(statements),
        evidence=generator.evidence(statements),
    )


def sample_params(dataset: Dataset) -> dict[str, dict[str, str]]:
    """Values for the catalogue's parameters that have answers in ``dataset``."""
    first = dataset.statements[0].claim
    receptor = next(
        (s.claim.object for s in dataset.statements if s.claim.relation is Relation.ACTS_ON),
        "receptor-0000",
    )
    return {
        "claims-about-substance": {"substance": first.subject},
        "receptor-claims": {"receptor": receptor},
        "claim-trail": {"claim": claim_label(first, dataset.vocabulary.entities)},
    }
