"""Read a normalized claim (subject, relation, object, negated, qualifiers) from a record.

Statements and evidence lines both name claims this way; both check here that every
entity exists in the vocabulary, has the type its field needs, and that subject and
object fit the relation's domain and range in ontology.ttl. The qualifier keys and their
closed sets of values are described in the README ("The model").
"""

from __future__ import annotations

from builders.records import (
    Claim,
    Comparison,
    ComparisonExtent,
    Degree,
    EntityType,
    Qualifiers,
    Quantifier,
    Relation,
    Vocabulary,
)
from builders.signatures import Signatures, load_signatures
from builders.yamlsource import Fields

CLAIM_FIELDS = frozenset({"subject", "relation", "object", "negated", "qualifiers"})
QUALIFIER_TYPES = {"population": EntityType.CONDITION, "jurisdiction": EntityType.JURISDICTION}
QUALIFIER_CHOICES = {"quantifier": Quantifier, "degree": Degree}
QUALIFIER_FIELDS = frozenset({*QUALIFIER_TYPES, *QUALIFIER_CHOICES, "timeframe", "comparison"})
COMPARISON_FIELDS = frozenset({"with", "extent"})


class ClaimReader:
    """Checks claim fields and entity references against one vocabulary and the ontology."""

    def __init__(self, vocabulary: Vocabulary, signatures: Signatures | None = None) -> None:
        self.vocabulary = vocabulary
        self.signatures = signatures or load_signatures()

    def entity(self, fields: Fields, field: str, wanted: EntityType | None = None) -> str:
        """The entity id in ``field``, which must exist (and be of type ``wanted``)."""
        return self.check_entity(fields, field, fields.text(field, example="kratom"), wanted)

    def check_entity(
        self, fields: Fields, field: str, entity_id: str, wanted: EntityType | None
    ) -> str:
        entity = self.vocabulary.entities.get(entity_id)
        if entity is None:
            raise fields.error(
                field,
                f"unknown entity '{entity_id}'",
                "use an id from data/vocabulary/*.yaml or add the entity there",
            )
        if wanted is not None and entity.type is not wanted:
            raise fields.error(
                field,
                f"'{entity_id}' is of type {entity.type.value}, not {wanted.value}",
                f"name an entity of type {wanted.value}",
            )
        return entity_id

    def comparison(self, fields: Fields) -> Comparison | None:
        nested = fields.mapping("comparison", COMPARISON_FIELDS)
        if nested is None:
            return None
        return Comparison(
            with_=self.entity(nested, "with"),
            extent=nested.member("extent", ComparisonExtent),
        )

    def qualifiers(self, fields: Fields) -> Qualifiers:
        nested = fields.mapping("qualifiers", QUALIFIER_FIELDS)
        if nested is None:
            return Qualifiers()
        present = nested.node
        return Qualifiers(
            population=self.entity(nested, "population", EntityType.CONDITION)
            if "population" in present
            else None,
            jurisdiction=self.entity(nested, "jurisdiction", EntityType.JURISDICTION)
            if "jurisdiction" in present
            else None,
            timeframe=nested.optional_text("timeframe"),
            quantifier=nested.member("quantifier", Quantifier) if "quantifier" in present else None,
            degree=nested.member("degree", Degree) if "degree" in present else None,
            comparison=self.comparison(nested),
        )

    def check_signature(self, fields: Fields, claim: Claim) -> None:
        """Subject and object must be instances of the relation's domain and range."""
        bad = self.signatures.violation(claim, self.vocabulary.entities)
        if bad is not None:
            raise fields.error(
                bad.field,
                f"'{bad.entity}' is a {bad.found}, but the {bad.role} of "
                f"'{claim.relation.value}' in ontology.ttl is {bad.wanted}",
                f"name an entity of type {bad.wanted} as the {bad.field}, or choose a relation "
                f"whose {bad.role} admits a {bad.found}",
            )

    def claim(self, fields: Fields) -> Claim:
        """The claim whose fields sit directly in ``fields``."""
        claim = Claim(
            subject=self.entity(fields, "subject"),
            relation=fields.member("relation", Relation),
            object=self.entity(fields, "object"),
            negated=fields.boolean("negated", default=False),
            qualifiers=self.qualifiers(fields),
        )
        self.check_signature(fields, claim)
        return claim
