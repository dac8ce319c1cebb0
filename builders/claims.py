"""Read a normalized claim (subject, relation, object, negated, qualifiers) from a record.

Statements and evidence lines both name claims this way; both check here that every
entity exists in the vocabulary and has the type its field needs.
"""

from __future__ import annotations

from builders.records import Claim, EntityType, Qualifiers, Relation, Vocabulary
from builders.yamlsource import Fields

CLAIM_FIELDS = frozenset({"subject", "relation", "object", "negated", "qualifiers"})
QUALIFIER_TYPES = {"population": EntityType.CONDITION, "jurisdiction": EntityType.JURISDICTION}


class ClaimReader:
    """Checks claim fields and entity references against one vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

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

    def qualifiers(self, fields: Fields) -> Qualifiers:
        nested = fields.mapping("qualifiers", {*QUALIFIER_TYPES, "timeframe"})
        if nested is None:
            return Qualifiers()
        values = {
            name: self.entity(nested, name, wanted) if name in nested.node else None
            for name, wanted in QUALIFIER_TYPES.items()
        }
        return Qualifiers(timeframe=nested.optional_text("timeframe"), **values)

    def claim(self, fields: Fields) -> Claim:
        """The claim whose fields sit directly in ``fields``."""
        return Claim(
            subject=self.entity(fields, "subject"),
            relation=fields.member("relation", Relation),
            object=self.entity(fields, "object"),
            negated=fields.boolean("negated", default=False),
            qualifiers=self.qualifiers(fields),
        )
