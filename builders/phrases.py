"""Readable phrases for claim relations and qualifiers, used to label Claim nodes.

ontology.ttl gives each relation the same phrase as its rdfs:label, and each quantifier,
degree and comparison extent the same phrase as its skos:prefLabel (a test checks this).
A negated claim reads as a plain English denial ("does not have property addictive").
"""

from __future__ import annotations

from builders.records import (
    Claim,
    ComparisonExtent,
    Degree,
    Entity,
    Quantifier,
    Relation,
)

PHRASES: dict[Relation, tuple[str, str]] = {
    Relation.ACTS_ON: ("acts on", "does not act on"),
    Relation.DERIVED_FROM: ("derived from", "is not derived from"),
    Relation.RELIEVES: ("relieves", "does not relieve"),
    Relation.TREATS: ("treats", "does not treat"),
    Relation.REDUCES_USE_OF: ("reduces use of", "does not reduce use of"),
    Relation.CAUSES: ("causes", "does not cause"),
    Relation.HAS_PROPERTY: ("has property", "does not have property"),
    Relation.PRESCRIBED_FOR: ("prescribed for", "is not prescribed for"),
    Relation.USED_FOR: ("used for", "is not used for"),
    Relation.LEGAL_IN: ("legal in", "is not legal in"),
    Relation.IS_A: ("is a", "is not a"),
    Relation.MIMICS: ("mimics", "does not mimic"),
}

QUANTIFIER_PHRASES: dict[Quantifier, str] = {
    Quantifier.SOME: "some",
    Quantifier.MOST: "most",
    Quantifier.ALL: "all",
    Quantifier.NOT_ALWAYS: "not always",
    Quantifier.AUTOMATICALLY: "automatically",
}

DEGREE_PHRASES: dict[Degree, str] = {
    Degree.SLIGHTLY: "slightly",
    Degree.HIGHLY: "highly",
    Degree.DRAMATICALLY: "dramatically",
}

EXTENT_PHRASES: dict[ComparisonExtent, str] = {
    ComparisonExtent.MUCH_OF: "much of",
    ComparisonExtent.AS_MUCH_AS: "as much as",
    ComparisonExtent.MORE_THAN: "more than",
    ComparisonExtent.LESS_THAN: "less than",
}


def scope_parts(claim: Claim, entities: dict[str, Entity]) -> list[str]:
    """The claim's qualifiers as ``name: value`` phrases, in a fixed order."""
    q = claim.qualifiers
    parts = [
        ("quantifier", QUANTIFIER_PHRASES[q.quantifier] if q.quantifier else None),
        ("degree", DEGREE_PHRASES[q.degree] if q.degree else None),
        ("population", entities[q.population].label if q.population else None),
        ("jurisdiction", entities[q.jurisdiction].label if q.jurisdiction else None),
        ("timeframe", q.timeframe),
    ]
    if q.comparison is not None:
        compared = entities[q.comparison.with_].label
        parts.append((f"compared with {compared}", EXTENT_PHRASES[q.comparison.extent]))
    return [f"{name}: {value}" for name, value in parts if value]


def claim_label(claim: Claim, entities: dict[str, Entity]) -> str:
    """A one-line reading of a claim, such as 'kratom acts on mu-opioid receptor'."""
    positive, negative = PHRASES[claim.relation]
    phrase = negative if claim.negated else positive
    label = f"{entities[claim.subject].label} {phrase} {entities[claim.object].label}"
    scope = scope_parts(claim, entities)
    return f"{label} ({'; '.join(scope)})" if scope else label
