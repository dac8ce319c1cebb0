"""Readable phrases for claim relations, used to label Claim nodes.

ontology.ttl gives each relation the same phrase as its rdfs:label (a test checks this).
"""

from __future__ import annotations

from builders.records import Claim, Entity, Relation

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


def claim_label(claim: Claim, entities: dict[str, Entity]) -> str:
    """A one-line reading of a claim, such as 'kratom acts on mu-opioid receptor'."""
    positive, negative = PHRASES[claim.relation]
    phrase = negative if claim.negated else positive
    label = f"{entities[claim.subject].label} {phrase} {entities[claim.object].label}"
    q = claim.qualifiers
    scope = [
        f"{name}: {value}"
        for name, value in (
            ("population", entities[q.population].label if q.population else None),
            ("jurisdiction", entities[q.jurisdiction].label if q.jurisdiction else None),
            ("timeframe", q.timeframe),
        )
        if value
    ]
    return f"{label} ({'; '.join(scope)})" if scope else label
