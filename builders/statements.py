"""Load data/statements/*.yaml: what each article says, one entry per atomic claim.

A file names its ``article`` and its ``status`` (``reviewed`` or ``draft``) and lists
``statements``. Each entry quotes the article exactly, gives the normalized claim
(``subject``, ``relation``, ``object``, ``negated``, ``qualifiers``), its ``modality``,
and who the article credits (``attributed_to``). The quote is anchored here: it must occur
in the article exactly once. A draft may list no statements yet, and may list
``candidates``: names the article uses that the vocabulary lacks (``builders.candidates``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builders.anchoring import AnchorError, anchor
from builders.candidates import Candidate, read_candidates
from builders.claims import CLAIM_FIELDS, ClaimReader
from builders.errors import FirstSeen, Location
from builders.records import (
    Article,
    EntityType,
    Modality,
    Provenance,
    Statement,
    Vocabulary,
)
from builders.yamlsource import Fields, Node, load_yaml, require_mapping

STATUSES = ("reviewed", "draft")
STATEMENT_FIELDS = CLAIM_FIELDS | {
    "quote",
    "modality",
    "attributed_to",
    "note",
    "provenance",
    "confidence",
}


@dataclass(frozen=True, slots=True)
class StatementFile:
    """The statements of one article, with the file's review status."""

    path: Path
    article_id: str
    status: str
    statements: tuple[Statement, ...]
    candidates: tuple[Candidate, ...] = ()


class _Reader:
    """Checks one statements file against the vocabulary and its article."""

    def __init__(self, vocabulary: Vocabulary, article: Article) -> None:
        self.claims = ClaimReader(vocabulary)
        self.article = article

    def statement(self, node: Node, prefix: str) -> Statement:
        fields = Fields(node, prefix, STATEMENT_FIELDS)
        quote = fields.text("quote", example="Kratom is already legal")
        try:
            span = anchor(self.article.text, quote)
        except AnchorError as exc:
            raise fields.error("quote", exc.problem, exc.fix) from None
        claim = self.claims.claim(fields)
        provenance = fields.member("provenance", Provenance, Provenance.CURATED)
        return Statement(
            article_id=self.article.id,
            span=span,
            claim=claim,
            modality=fields.member("modality", Modality),
            provenance=provenance,
            confidence=self.confidence(fields, provenance),
            attributed_to=tuple(
                self.claims.check_entity(fields, "attributed_to", org, EntityType.ORGANIZATION)
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
    fields = Fields(top, "", {"article", "status", "statements", "candidates"})
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
    spans: FirstSeen[tuple[int, int]] = FirstSeen()
    statements = []
    empty_draft = status == "draft" and top.get("statements") == []
    for node, prefix in [] if empty_draft else fields.items("statements"):
        statement = reader.statement(node, prefix)
        spans.add(
            (statement.span.start, statement.span.end),
            node.where("quote", prefix),
            "this quote is the same span as the statement",
            "quote the words of each atomic claim, so that spans differ",
        )
        statements.append(statement)
    candidates = read_candidates(fields, article, status)
    return StatementFile(path, article_id, status, tuple(statements), candidates)
