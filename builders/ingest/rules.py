"""The relation cues, read from ``rules/relations.yaml``, and the relations' signatures,
read from ``ontology.ttl`` (their ``rdfs:domain`` and ``rdfs:range``), so the extractor
never proposes a claim the build would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from builders import ontology
from builders.ingest.lexicon import Known
from builders.records import EntityType, Relation, SubstanceKind

PredicateKind = Literal["verb", "noun", "adjective"]


@dataclass(frozen=True, slots=True)
class Cue:
    """One rule: a word that states ``relation`` between the arguments in two slots."""

    word: str
    kind: PredicateKind
    relation: Relation
    subject: str  # a slot: "agent", "patient" or a preposition
    object: str | None  # None: the cue carries its object (``fixed_object``)
    weight: float
    negated: bool = False
    hedged: bool = False
    fixed_object: str | None = None
    subject_noun: str | None = None  # the slot must hold a noun of this group ("symptoms")
    object_noun: str | None = None
    reverse: bool = False  # "X is a side effect of Y": the noun's owner is the object
    object_classes: frozenset[str] | None = None  # narrower than the relation's range
    subject_classes: frozenset[str] | None = None  # narrower than the relation's domain
    direct_object: str | None = None  # an idiom's own object: "take the edge off Y"
    predicative: bool = False  # only as a predicate, not as a noun's modifier

    @property
    def name(self) -> str:
        where = f" {self.object}" if self.object not in (None, "agent", "patient") else ""
        idiom = f" {self.direct_object}" if self.direct_object else ""
        return f"{self.relation.value}: '{self.word}{idiom}{where}'"


@dataclass(frozen=True, slots=True)
class BareCondition:
    """A condition word used alone ("withdrawal"): the condition last named whose label
    ends with ``suffix``, else the entity named ``otherwise``."""

    word: str
    suffix: str
    otherwise: str


@dataclass(frozen=True, slots=True)
class CueTable:
    """Every cue, by word and kind of word, and the argument-noun groups."""

    by_word: dict[tuple[PredicateKind, str], tuple[Cue, ...]]
    argument_nouns: dict[str, frozenset[str]]
    bare_conditions: tuple[BareCondition, ...]
    relief_of_opposite: dict[str, str]  # "sleep": "insomnia"
    state_adjectives: dict[str, str]  # "dizzy": "dizziness"
    state_verbs: frozenset[str]  # "make", "leave": "it made me dizzy"
    experiencer_verbs: frozenset[str]  # "become", "get": "users who take it become dizzy"
    taking_verbs: frozenset[str]  # "take", "use": what "people who take X" took

    def cues(self, kind: PredicateKind, lemma: str) -> tuple[Cue, ...]:
        return self.by_word.get((kind, lemma.lower()), ())

    def noun_group(self, lemma: str) -> str | None:
        lemma = lemma.lower()
        return next((g for g, words in self.argument_nouns.items() if lemma in words), None)


def _cues(entries: list[dict[str, Any]], kind: PredicateKind) -> list[Cue]:
    out = []
    for entry in entries:
        for word in entry["words"]:
            out.append(
                Cue(
                    word=word,
                    kind=kind,
                    relation=Relation(entry["relation"]),
                    subject=entry.get("subject", "owner"),
                    object=entry.get("object"),
                    weight=float(entry["weight"]),
                    negated=bool(entry.get("negated", False)),
                    hedged=bool(entry.get("hedged", False)),
                    fixed_object=entry.get("fixed_object"),
                    subject_noun=entry.get("subject_noun"),
                    object_noun=entry.get("object_noun"),
                    reverse=bool(entry.get("reverse", False)),
                    object_classes=_classes(entry.get("object_classes")),
                    subject_classes=_classes(entry.get("subject_classes")),
                    direct_object=entry.get("direct_object"),
                    predicative=bool(entry.get("predicative", False)),
                )
            )
    return out


def _classes(names: list[str] | None) -> frozenset[str] | None:
    return frozenset(names) if names else None


@cache
def cue_table() -> CueTable:
    """The cue table shipped with the package."""
    text = resources.files("builders.ingest").joinpath("rules/relations.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    by_word: dict[tuple[PredicateKind, str], list[Cue]] = {}
    sections: tuple[tuple[str, PredicateKind], ...] = (
        ("verbs", "verb"),
        ("nouns", "noun"),
        ("adjectives", "adjective"),
    )
    for section, kind in sections:
        for cue in _cues(data[section], kind):
            by_word.setdefault((kind, cue.word), []).append(cue)
    groups = {k: frozenset(v) for k, v in data["argument_nouns"].items()}
    bare = tuple(
        BareCondition(e["word"], e["suffix"], e["otherwise"]) for e in data["bare_conditions"]
    )
    opposites = {str(k): str(v) for k, v in data["relief_of_opposite"].items()}
    states = {str(k): str(v) for k, v in data["state_adjectives"].items()}
    return CueTable(
        {k: tuple(v) for k, v in by_word.items()},
        groups,
        bare,
        opposites,
        states,
        frozenset(data["state_verbs"]),
        frozenset(data["experiencer_verbs"]),
        frozenset(data["taking_verbs"]),
    )


@dataclass(frozen=True, slots=True)
class Signature:
    """The entity types a relation accepts as subject and object (None: any thing, though
    never a property: a property is only ever what cg:hasProperty ascribes, whose range
    names it, so "for mild pain" is no use *for* "mild")."""

    domain: frozenset[str] | None
    range: frozenset[str] | None

    def accepts(self, subject: str, obj: str) -> bool:
        return _fits(self.domain, subject) and _fits(self.range, obj)

    def subject_fits(self, known: Known) -> bool:
        return _fits(self.domain, class_name(known.type, known.kind))

    def object_fits(self, known: Known) -> bool:
        return _fits(self.range, class_name(known.type, known.kind))


def _fits(classes: frozenset[str] | None, cls: str) -> bool:
    if classes is None:
        return cls != EntityType.PROPERTY.value
    return cls in classes


def class_name(entity_type: EntityType, kind: SubstanceKind | None) -> str:
    """The ontology class of an entity: its kind for substances, else its type."""
    return kind.value if kind is not None else entity_type.value


@cache
def signatures() -> dict[Relation, Signature]:
    """Each relation's domain and range, from ontology.ttl, with subclasses included."""

    def with_subclasses(cls: str | None) -> frozenset[str] | None:
        return ontology.subclasses(cls) if cls is not None else None

    return {
        relation: Signature(
            with_subclasses(ontology.domain(relation.value)),
            with_subclasses(ontology.range_(relation.value)),
        )
        for relation in Relation
    }
