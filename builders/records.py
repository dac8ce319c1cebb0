"""Typed records: what the curated files say, checked, before any RDF is made.

Records hold curated identifiers (entity ids such as ``kratom``), never IRIs;
``builders.iris`` turns them into IRIs and ``builders.to_rdf`` into triples.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """The classes of things claims are about; each is a class in ontology.ttl."""

    SUBSTANCE = "Substance"
    RECEPTOR = "Receptor"
    CONDITION = "Condition"
    ORGANIZATION = "Organization"
    JURISDICTION = "Jurisdiction"
    METHOD = "Method"
    ANATOMY = "AnatomicalEntity"
    PROPERTY = "Property"


class SubstanceKind(StrEnum):
    """The kinds of substance; each is a subclass of cg:Substance in ontology.ttl."""

    PLANT = "Plant"
    COMPOUND = "Compound"
    DRUG_CLASS = "DrugClass"
    PREPARATION = "Preparation"


class MatchKind(StrEnum):
    """How an entity relates to an external identifier: a SKOS mapping property."""

    EXACT = "exactMatch"
    CLOSE = "closeMatch"
    BROAD = "broadMatch"
    NARROW = "narrowMatch"


class Modality(StrEnum):
    """How firmly a statement puts its claim."""

    ASSERTED = "asserted"
    HEDGED = "hedged"
    SPECULATIVE = "speculative"


class Relation(StrEnum):
    """The closed set of claim relations; each is declared in ontology.ttl."""

    ACTS_ON = "actsOn"
    DERIVED_FROM = "derivedFrom"
    RELIEVES = "relieves"
    TREATS = "treats"
    REDUCES_USE_OF = "reducesUseOf"
    CAUSES = "causes"
    HAS_PROPERTY = "hasProperty"
    PRESCRIBED_FOR = "prescribedFor"
    USED_FOR = "usedFor"
    LEGAL_IN = "legalIn"
    IS_A = "isA"
    MIMICS = "mimics"


class Background(StrEnum):
    """Relations between entities that the vocabulary states as background, not as claims."""

    HAS_CONSTITUENT = "hasConstituent"
    EXTRACTED_FROM = "extractedFrom"
    BROADER = "broader"


class Provenance(StrEnum):
    """How a statement entered the data."""

    CURATED = "curated"
    RULE_EXTRACTED = "ruleExtracted"


@dataclass(frozen=True, slots=True)
class ExternalId:
    """A public identifier of an entity, as its canonical IRI, and where it was checked."""

    iri: str
    match: MatchKind
    checked_at: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A thing claims are about: substance, receptor, condition, organization and so on."""

    id: str
    label: str
    type: EntityType
    definition: str
    kind: SubstanceKind | None = None
    synonyms: tuple[str, ...] = ()
    identifiers: tuple[ExternalId, ...] = ()


@dataclass(frozen=True, slots=True)
class BackgroundFact:
    """A relation between two entities that the vocabulary states as settled background."""

    subject: str
    relation: Background
    object: str
    source: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """All entities by id, and the background facts between them."""

    entities: dict[str, Entity]
    facts: tuple[BackgroundFact, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """A source text with its metadata. ``text`` is the exact decoded file content."""

    id: str
    title: str
    published: dt.date
    text: str
    sha256: str
    url: str | None = None
    publisher: str | None = None
    promotional: bool = False
    call_to_action: str | None = None


@dataclass(frozen=True, slots=True)
class Qualifiers:
    """Optional scope of a claim: who, where and when it is said to hold."""

    population: str | None = None
    jurisdiction: str | None = None
    timeframe: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A normalized proposition; two equal ``Claim`` values are the same claim node."""

    subject: str
    relation: Relation
    object: str
    negated: bool = False
    qualifiers: Qualifiers = field(default_factory=Qualifiers)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a quote sits in its article: code-point offsets with some context."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing one article says, anchored to its exact words."""

    article_id: str
    span: Span
    claim: Claim
    modality: Modality
    provenance: Provenance = Provenance.CURATED
    confidence: float | None = None
    attributed_to: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything the build reads from data/, checked and cross-referenced."""

    vocabulary: Vocabulary
    articles: tuple[Article, ...]
    statements: tuple[Statement, ...]
