"""Typed records: what the curated files say, checked, before any RDF is made.

Records hold curated identifiers (entity ids such as ``kratom``), never IRIs;
``builders.iris`` turns them into IRIs and ``builders.to_rdf`` into triples.
"""

from __future__ import annotations

import calendar
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
    """A source text with its metadata. ``text`` is the exact decoded file content, less
    a leading byte order mark; ``byte_order_mark`` says whether the file had one."""

    id: str
    title: str
    published: dt.date
    text: str
    sha256: str
    url: str | None = None
    publisher: str | None = None
    promotional: bool = False
    call_to_action: str | None = None
    byte_order_mark: bool = False


class Quantifier(StrEnum):
    """How many cases, places or people a claim covers; each is a SKOS concept in ontology.ttl.

    ``notAlways`` is a quantifier, never a negation: the claim holds in some cases only.
    """

    SOME = "some"
    MOST = "most"
    ALL = "all"
    NOT_ALWAYS = "notAlways"
    AUTOMATICALLY = "automatically"


class Degree(StrEnum):
    """How large a claimed effect or how marked a claimed property is."""

    SLIGHTLY = "slightly"
    HIGHLY = "highly"
    DRAMATICALLY = "dramatically"


class ComparisonExtent(StrEnum):
    """How a claimed effect measures against the effect of the entity it is compared with."""

    MUCH_OF = "muchOf"
    AS_MUCH_AS = "asMuchAs"
    MORE_THAN = "moreThan"
    LESS_THAN = "lessThan"


@dataclass(frozen=True, slots=True)
class Comparison:
    """The entity a claim is measured against (``with``) and by how much."""

    with_: str
    extent: ComparisonExtent


@dataclass(frozen=True, slots=True)
class Qualifiers:
    """Optional scope of a claim: who, where, when, how many, how much, compared with what."""

    population: str | None = None
    jurisdiction: str | None = None
    timeframe: str | None = None
    quantifier: Quantifier | None = None
    degree: Degree | None = None
    comparison: Comparison | None = None


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


class Design(StrEnum):
    """What kind of study or report an evidence source is; individuals in ontology.ttl."""

    CONSENSUS_REPORT = "consensusReport"
    SYSTEMATIC_REVIEW = "systematicReview"
    NARRATIVE_REVIEW = "narrativeReview"
    COHORT = "cohortStudy"
    CROSS_SECTIONAL_SURVEY = "crossSectionalSurvey"
    ECOLOGICAL = "ecologicalStudy"
    IN_VITRO = "inVitroPharmacology"
    IN_SILICO = "inSilicoModelling"
    COMMENTARY = "commentary"
    REGULATORY = "regulatoryStatement"


class Direction(StrEnum):
    """How an evidence line bears on its claim; each maps to a CiTO property."""

    SUPPORTS = "supports"
    DISPUTES = "disputes"
    QUALIFIES = "qualifies"


class Strength(StrEnum):
    """How much weight an evidence line carries for its claim (the curator's grading)."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"


class Unassessable(StrEnum):
    """Why a claim cannot be weighed against evidence: the only three reasons allowed."""

    DEFINITIONAL = "definitional"
    EVALUATIVE = "evaluative"
    PROMOTIONAL = "promotionalCall"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A publication date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """``2016``, ``2016-06`` or ``2016-06-01``: the xsd:gYear, gYearMonth or date form."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def latest(self) -> dt.date:
        """The last day the date may stand for: the study was surely out by then."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)


@dataclass(frozen=True, slots=True)
class StudyId:
    """A DOI, PMID or PMCID of a study, with where it was seen next to the study's title."""

    scheme: str  # "doi", "pubmed" or "pmc": graph.namespace.STUDY_SCHEMES
    value: str
    checked_at: str


@dataclass(frozen=True, slots=True)
class Study:
    """A study, review or report that evidence lines cite."""

    key: str
    title: str
    authors: tuple[str, ...]
    venue: str
    published: PartialDate
    design: Design
    seen_at: str
    identifiers: tuple[StudyId, ...] = ()
    citation: str | None = None  # for documents without DOI or PMID, e.g. "81 FR 70652"
    publisher: str | None = None  # an Organization entity id

    def identifier(self, scheme: str) -> str | None:
        return next((i.value for i in self.identifiers if i.scheme == scheme), None)


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """One study bearing on one claim: direction, strength, finding and why that strength."""

    study: str
    claim: Claim
    direction: Direction
    strength: Strength
    finding: str
    grading: str = ""


class LegalStatus(StrEnum):
    """What a law does to the substances it names; individuals of cg:LegalStatus."""

    PROHIBITS = "prohibits"
    PERMITS = "permits"


@dataclass(frozen=True, slots=True)
class Law:
    """A statute, register notice or act that sets a substance's legal status in one place.

    ``effective`` is the day the law took effect, or, where that day was not seen, the
    earliest checked date by which it was surely in force; ``ends`` the day it stopped
    applying (repeal, de-listing), if it has. ``places`` is its jurisdiction followed by
    every jurisdiction that contains it, from the vocabulary's ``broader`` facts.
    """

    key: str
    title: str
    citation: str
    issuer: str
    jurisdiction: str
    substances: tuple[str, ...]
    status: LegalStatus
    effective: PartialDate
    checked_at: str
    places: tuple[str, ...] = ()
    place_label: str = ""
    ends: dt.date | None = None
    note: str | None = None

    def in_force(self, cutoff: dt.date | None) -> bool:
        """True when the law surely applied on ``cutoff`` (with no cut-off: applies today)."""
        if cutoff is None:
            return self.ends is None
        return self.effective.latest() <= cutoff and (self.ends is None or cutoff < self.ends)


@dataclass(frozen=True, slots=True)
class NotAssessable:
    """A claim the curators mark as not assessable, with the kind of reason and why."""

    claim: Claim
    reason: Unassessable
    explanation: str


@dataclass(frozen=True, slots=True)
class AttributionInference:
    """A curator's inference: the credited authority most likely meant this study."""

    article_id: str
    quote: str
    authority: str
    study: str
    basis: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything under data/evidence/."""

    studies: dict[str, Study] = field(default_factory=dict)
    lines: tuple[EvidenceLine, ...] = ()
    not_assessable: tuple[NotAssessable, ...] = ()
    attributions: tuple[AttributionInference, ...] = ()
    laws: tuple[Law, ...] = ()
    broader: dict[str, frozenset[str]] = field(default_factory=dict)
    """Each entity's broader entities (transitively), from the vocabulary's facts."""


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything the build reads from data/, checked and cross-referenced."""

    vocabulary: Vocabulary
    articles: tuple[Article, ...]
    statements: tuple[Statement, ...]
    evidence: Evidence = field(default_factory=Evidence)
