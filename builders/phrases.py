"""Readable phrases for claim relations and qualifiers, used to label Claim nodes.

A relation reads as its rdfs:label in ontology.ttl, and a quantifier, degree or comparison
extent as its skos:prefLabel; only the denials are kept here. A negated claim reads as a
plain English denial ("does not have property addictive").
"""

from __future__ import annotations

from builders import ontology
from builders.records import (
    Claim,
    ComparisonExtent,
    Degree,
    Entity,
    Quantifier,
    Relation,
)

# How a negated claim reads; the affirmative phrase is the relation's rdfs:label.
NEGATIONS: dict[Relation, str] = {
    Relation.ACTS_ON: "does not act on",
    Relation.DERIVED_FROM: "is not derived from",
    Relation.RELIEVES: "does not relieve",
    Relation.TREATS: "does not treat",
    Relation.REDUCES_USE_OF: "does not reduce use of",
    Relation.CAUSES: "does not cause",
    Relation.HAS_PROPERTY: "does not have property",
    Relation.PRESCRIBED_FOR: "is not prescribed for",
    Relation.USED_FOR: "is not used for",
    Relation.LEGAL_IN: "is not legal in",
    Relation.IS_A: "is not a",
    Relation.MIMICS: "does not mimic",
}


def relation_phrase(relation: Relation, negated: bool = False) -> str:
    """How ``relation`` reads in a claim label: its rdfs:label, or its denial."""
    return NEGATIONS[relation] if negated else ontology.label(relation.value)


def qualifier_phrase(value: Quantifier | Degree | ComparisonExtent) -> str:
    """How a quantifier, degree or comparison extent reads: its skos:prefLabel."""
    return ontology.pref_label(value.value)


def scope_parts(claim: Claim, entities: dict[str, Entity]) -> list[str]:
    """The claim's qualifiers as ``name: value`` phrases, in a fixed order."""
    q = claim.qualifiers
    parts = [
        ("quantifier", qualifier_phrase(q.quantifier) if q.quantifier else None),
        ("degree", qualifier_phrase(q.degree) if q.degree else None),
        ("population", entities[q.population].label if q.population else None),
        ("jurisdiction", entities[q.jurisdiction].label if q.jurisdiction else None),
        ("timeframe", q.timeframe),
    ]
    if q.comparison is not None:
        compared = entities[q.comparison.with_].label
        parts.append((f"compared with {compared}", qualifier_phrase(q.comparison.extent)))
    return [f"{name}: {value}" for name, value in parts if value]


def claim_label(claim: Claim, entities: dict[str, Entity]) -> str:
    """A one-line reading of a claim, such as 'kratom acts on mu-opioid receptor'."""
    phrase = relation_phrase(claim.relation, claim.negated)
    label = f"{entities[claim.subject].label} {phrase} {entities[claim.object].label}"
    scope = scope_parts(claim, entities)
    return f"{label} ({'; '.join(scope)})" if scope else label
