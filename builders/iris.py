"""The one place IRIs are minted.

Every IRI comes from content, never from a counter or a random number, so that building
twice gives the same graph and ingesting an article twice adds nothing:

- entity:    ``{base}entity/{id}`` where ``id`` is the curated slug (checked by ``SLUG``)
- article:   ``{base}article/{first 16 hex of the SHA-256 of its text}``
- statement: ``{base}statement/{hash of article hash + start + end}``, with ``/target``,
  ``/quote`` and ``/position`` for its Web Annotation target and selectors
- claim:     ``{base}claim/{hash of subject, relation, object, negation and qualifiers}``
- study:     its DOI IRI ``https://doi.org/...``, else its PubMed IRI, else a hash of its citation
- evidence:  ``{base}evidence/{hash of study IRI + claim IRI}``
- assessment:``{base}assessment/{hash of claim IRI + as-of date}``

Hashes are taken over curated ids, not over IRIs, so a claim keeps its hash when the
base namespace changes.
"""

from __future__ import annotations

import hashlib
import json
import re

from rdflib import URIRef

from builders.records import Claim, Relation
from graph.namespace import CG, DEFAULT_BASE

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HASH_LENGTH = 16


def content_hash(*parts: object) -> str:
    """A short, stable hash of JSON-serializable parts (canonical JSON, SHA-256)."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def text_hash(text: str) -> str:
    """The full SHA-256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_key(claim: Claim) -> tuple[object, ...]:
    """The content that identifies a claim: two claims with equal keys are one node."""
    q = claim.qualifiers
    return (
        claim.subject,
        claim.relation.value,
        claim.object,
        claim.negated,
        {"population": q.population, "jurisdiction": q.jurisdiction, "timeframe": q.timeframe},
    )


class Minter:
    """Mints the IRIs of one graph under a base namespace (configurable, ends in / or #)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")) or not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", base):
            raise ValueError(f"base namespace {base!r} must be an http(s) IRI ending in / or #")
        self.base = base

    def _iri(self, kind: str, local: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{local}")

    def entity(self, entity_id: str) -> URIRef:
        if not SLUG.match(entity_id):
            raise ValueError(f"entity id {entity_id!r} is not a lower-case slug")
        return self._iri("entity", entity_id)

    def article(self, sha256: str) -> URIRef:
        return self._iri("article", sha256[:HASH_LENGTH])

    def statement(self, article_sha256: str, start: int, end: int) -> URIRef:
        return self._iri("statement", content_hash(article_sha256, start, end))

    @staticmethod
    def part(resource: URIRef, name: str) -> URIRef:
        """A resource that belongs to another, such as a statement's quote selector."""
        return URIRef(f"{resource}/{name}")

    def claim(self, claim: Claim) -> URIRef:
        return self._iri("claim", content_hash(*claim_key(claim)))

    @staticmethod
    def relation(relation: Relation) -> URIRef:
        return CG[relation.value]

    @staticmethod
    def vocab(local_name: str) -> URIRef:
        """A term of the cg: vocabulary (classes, properties and named individuals)."""
        return CG[local_name]
