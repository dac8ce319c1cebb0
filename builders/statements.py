"""Load data/statements/*.yaml: what each article says, one entry per atomic claim.

A file names its ``article`` and its ``status`` (``reviewed`` or ``draft``) and lists
``statements``. Each entry quotes the article exactly, gives the normalized claim
(``subject``, ``relation``, ``object``, ``negated``, ``qualifiers``), its ``modality``,
and who the article credits (``attributed_to``). The quote is anchored here: it must occur
in the article exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builders.anchoring import AnchorError, anchor
from builders.errors import DataError, Location
from builders.records import (
    Article,
    Claim,
    EntityType,
    Modality,
    Provenance,
    Qualifiers,
    Relation,
    Statement,
    Vocabulary,
)
from builders.yamlsource import Fields, Node, load_yaml, require_mapping

STATUSES = ("reviewed", "draft")
STATEMENT_FIELDS = {
    "quote",
    "subject",
    "relation",
    "object",
    "negated",
    "modality",
    "qualifiers",
    "attributed_to",
    "note",
    "provenance",
    "confidence",
}
QUALIFIER_TYPES = {"population": EntityType.CONDITION, "jurisdiction": EntityType.JURISDICTION}


@dataclass(frozen=True, slots=True)
class StatementFile:
    """The statements of one article, with the file's review status."""

    path: Path
    article_id: str
    status: str
    statements: tuple[Statement, ...]


class _Reader:
    """Checks one statements file against the vocabulary and its article."""

    def __init__(self, vocabulary: Vocabulary, article: Article) -> None:
        self.vocabulary = vocabulary
        self.article = article

    def entity(self, fields: Fields, field: str, wanted: EntityType | None = None) -> str:
        entity_id = fields.text(field, example="kratom")
        return self.check_entity(fields, field, entity_id, wanted)

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
        nested = fields.mapping("qualifiers", {"population", "jurisdiction", "timeframe"})
        if nested is None:
            return Qualifiers()
        values = {
            name: self.entity(nested, name, wanted) if name in nested.node else None
            for name, wanted in QUALIFIER_TYPES.items()
        }
        return Qualifiers(timeframe=nested.optional_text("timeframe"), **values)

    def statement(self, node: Node, prefix: str) -> Statement:
        fields = Fields(node, prefix, STATEMENT_FIELDS)
        quote = fields.text("quote", example="Kratom is already legal")
        try:
            span = anchor(self.article.text, quote)
        except AnchorError as exc:
            raise fields.error("quote", exc.problem, exc.fix) from None
        relations = tuple(r.value for r in Relation)
        claim = Claim(
            subject=self.entity(fields, "subject"),
            relation=Relation(fields.choice("relation", relations)),
            object=self.entity(fields, "object"),
            negated=fields.boolean("negated", default=False),
            qualifiers=self.qualifiers(fields),
        )
        provenance = Provenance(
            fields.choice(
                "provenance", tuple(p.value for p in Provenance), Provenance.CURATED.value
            )
        )
        return Statement(
            article_id=self.article.id,
            span=span,
            claim=claim,
            modality=Modality(fields.choice("modality", tuple(m.value for m in Modality))),
            provenance=provenance,
            confidence=self.confidence(fields, provenance),
            attributed_to=tuple(
                self.check_entity(fields, "attributed_to", org, EntityType.ORGANIZATION)
                for org in fields.text_list("attributed_to")
            ),
            note=fields.optional_text("note"),
        )

    @staticmethod
    def confidence(fields: Fields, provenance: Provenance) -> float | None:
        value = fields.node.get("confidence")
        if provenance is Provenance.CURATED:
            if value is not None:
                raise fields.error(
                    "confidence",
                    "curated statements carry no confidence",
                    "remove 'confidence', or set provenance: ruleExtracted",
                )
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise fields.error(
                "confidence",
                f"expected a number from 0 to 1, found {value!r}",
                "write the extractor's confidence, e.g. confidence: 0.8",
            )
        return float(value)


def load_statement_file(
    path: Path, vocabulary: Vocabulary, articles: dict[str, Article]
) -> StatementFile:
    """Read and check one statements file."""
    top = require_mapping(load_yaml(path), Location(path), "a statements file")
    fields = Fields(top, "", {"article", "status", "statements"})
    article_id = fields.text("article", example="000_5d16975f47f5a72c")
    article = articles.get(article_id)
    if article is None:
        raise fields.error(
            "article",
            f"no article '{article_id}' in data/articles",
            f"add data/articles/{article_id}.txt or correct the name",
        )
    status = fields.choice("status", STATUSES, "reviewed")
    reader = _Reader(vocabulary, article)
    seen: dict[tuple[int, int], Location] = {}
    statements = []
    for node, prefix in fields.items("statements"):
        statement = reader.statement(node, prefix)
        key = (statement.span.start, statement.span.end)
        if key in seen:
            raise DataError(
                node.where("quote", prefix),
                f"this quote is the same span as the statement at {seen[key]}",
                "quote the words of each atomic claim, so that spans differ",
            )
        seen[key] = node.where("quote", prefix)
        statements.append(statement)
    return StatementFile(path, article_id, status, tuple(statements))
