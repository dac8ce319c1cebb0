"""The one place IRIs are minted.

Every IRI comes from content, never from a counter or a random number, so that building
twice gives the same graph and ingesting an article twice adds nothing:

- entity:    ``{base}entity/{id}`` where ``id`` is the curated slug (checked by ``SLUG``)
- article:   ``{base}article/{first 16 hex of the SHA-256 of its text}``
- statement: ``{base}statement/{hash of article hash + start + end}``, with ``/target``,
  ``/quote`` and ``/position`` for its Web Annotation target and selectors
- claim:     ``{base}claim/{hash of subject, relation, object, negation and every qualifier}``
- study:     its DOI IRI ``https://doi.org/...``, else its PubMed IRI, else its PMC IRI,
  else ``{base}study/{key}`` (documents such as Federal Register notices)
- identifier record of a study: ``{base}identifier/{hash of scheme + value}``
- law:       ``{base}law/{key}`` (statutes and register notices that set legal status)
- evidence:  ``{base}evidence/{hash of study key + claim content}``
- assessment: ``{base}assessment/{hash of claim content + cut-off date, or "all"}``
- attribution inference: ``{statement IRI}/inference/{hash of authority + study key}``
- named graph of a push: ``{base}graph/claims``

Hashes are taken over curated ids, not over IRIs, so a claim keeps its hash when the
base namespace changes. ``Iris`` mints each IRI as text; ``Minter`` gives the same IRIs as
rdflib terms, to look nodes up in a graph.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

from rdflib import URIRef

from builders.records import Claim, Study
from graph.namespace import CONVERTER, DEFAULT_BASE, STUDY_SCHEMES

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HASH_LENGTH = 16
STUDY_ID_SCHEMES = tuple(record.prefix for record in STUDY_SCHEMES)  # in order of preference


# json.dumps with these options would make a new encoder for every call
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(*parts: object) -> str:
    """A short, stable hash of JSON-serializable parts (canonical JSON, SHA-256)."""
    return _digest(_CANONICAL.encode(parts))


def _digest(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _items(*parts: object) -> str:
    """The canonical JSON of ``parts`` without its brackets: the JSON of ``(*a, *b)`` is
    ``f"[{_items(*a)},{_items(*b)}]"``, so a claim's key is encoded once for every hash
    that includes it (``content_hash(study_key, *claim_key(claim))`` and the like)."""
    if len(parts) == 1 and isinstance(parts[0], str):
        return _CANONICAL.encode(parts[0])  # the encoder's own shortcut for a string
    return _CANONICAL.encode(parts)[1:-1]


def text_hash(text: str) -> str:
    """The full SHA-256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_key(claim: Claim) -> tuple[object, ...]:
    """The content that identifies a claim: two claims with equal keys are one node."""
    q = claim.qualifiers
    scope: dict[str, object] = {
        "population": q.population,
        "jurisdiction": q.jurisdiction,
        "timeframe": q.timeframe,
    }
    # Qualifiers added later enter the hash only when set, so older claims keep their IRIs.
    if q.quantifier is not None:
        scope["quantifier"] = q.quantifier.value
    if q.degree is not None:
        scope["degree"] = q.degree.value
    if q.comparison is not None:
        scope["comparison"] = [q.comparison.with_, q.comparison.extent.value]
    return (claim.subject, claim.relation.value, claim.object, claim.negated, scope)


# An absolute http(s) IRI with no character that N-Triples or Turtle would need escaped.
HTTP_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


class Iris:
    """Mints the IRIs of one graph under a base namespace (configurable, ends in / or #),
    as text (``builders.terms.Nodes`` writes them as N-Triples terms)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")) or not HTTP_IRI.match(base):
            raise ValueError(f"base namespace {base!r} must be an http(s) IRI ending in / or #")
        self.base = base
        # a claim is minted many times per build, and its key enters other hashes:
        # the key's canonical JSON items and the claim's IRI
        self._claims: dict[Claim, tuple[str, str]] = {}

    def _iri(self, kind: str, local: str) -> str:
        return f"{self.base}{kind}/{local}"

    def entity(self, entity_id: str) -> str:
        if not SLUG.match(entity_id):
            raise ValueError(f"entity id {entity_id!r} is not a lower-case slug")
        return self._iri("entity", entity_id)

    def article(self, sha256: str) -> str:
        return self._iri("article", sha256[:HASH_LENGTH])

    def statement(self, article_sha256: str, start: int, end: int) -> str:
        return self._iri("statement", content_hash(article_sha256, start, end))

    @staticmethod
    def part(resource: str, name: str) -> str:
        """A resource that belongs to another, such as a statement's quote selector."""
        return f"{resource}/{name}"

    def _claim(self, claim: Claim) -> tuple[str, str]:
        known = self._claims.get(claim)
        if known is None:
            key = _items(*claim_key(claim))  # content_hash(*claim_key(claim)), encoded once
            known = self._claims[claim] = (key, self._iri("claim", _digest(f"[{key}]")))
        return known

    def claim(self, claim: Claim) -> str:
        return self._claim(claim)[1]

    def study(self, study: Study) -> str:
        """The study's DOI IRI, else PubMed, else PMC, else one minted from its key."""
        for scheme in STUDY_ID_SCHEMES:
            value = study.identifier(scheme)
            if value is not None:
                return self.study_id(scheme, value)
        if not SLUG.match(study.key):
            raise ValueError(f"study key {study.key!r} is not a lower-case slug")
        return self._iri("study", study.key)

    @staticmethod
    def study_id(scheme: str, value: str) -> str:
        """The resolver IRI of a DOI, PMID or PMCID (``doi``, ``pubmed`` or ``pmc``)."""
        if scheme not in STUDY_ID_SCHEMES:
            raise ValueError(f"unknown study identifier scheme {scheme!r}")
        return CONVERTER.expand_strict(f"{scheme}:{value}")

    def identifier_record(self, scheme: str, value: str) -> str:
        """The record saying where a study identifier was checked (DOIs compared lower-case)."""
        return self._iri("identifier", content_hash(scheme, value.lower()))

    def law(self, key: str) -> str:
        if not SLUG.match(key):
            raise ValueError(f"law key {key!r} is not a lower-case slug")
        return self._iri("law", key)

    def evidence(self, study_key: str, claim: Claim) -> str:
        key = self._claim(claim)[0]  # content_hash(study_key, *claim_key(claim))
        return self._iri("evidence", _digest(f"[{_items(study_key)},{key}]"))

    def assessment(self, claim: Claim, cutoff: dt.date | None) -> str:
        scope = cutoff.isoformat() if cutoff else "all"
        key = self._claim(claim)[0]  # content_hash(scope, *claim_key(claim))
        return self._iri("assessment", _digest(f"[{_items(scope)},{key}]"))

    def inference(self, statement: str, authority: str, study_key: str) -> str:
        return self.part(statement, f"inference/{content_hash(authority, study_key)}")

    def dataset_graph(self) -> str:
        """The named graph that ``claimgraph push`` replaces in a remote store by default."""
        return self._iri("graph", "claims")


class Minter:
    """The IRIs of ``Iris`` as rdflib terms, for code that looks nodes up in an rdflib graph."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.iris = Iris(base)
        self.base = base

    def entity(self, entity_id: str) -> URIRef:
        return URIRef(self.iris.entity(entity_id))

    def article(self, sha256: str) -> URIRef:
        return URIRef(self.iris.article(sha256))

    def statement(self, article_sha256: str, start: int, end: int) -> URIRef:
        return URIRef(self.iris.statement(article_sha256, start, end))

    def claim(self, claim: Claim) -> URIRef:
        return URIRef(self.iris.claim(claim))

    def study(self, study: Study) -> URIRef:
        """The study's DOI IRI, else PubMed, else PMC, else one minted from its key."""
        return URIRef(self.iris.study(study))

    @staticmethod
    def study_id(scheme: str, value: str) -> URIRef:
        """The resolver IRI of a DOI, PMID or PMCID (``doi``, ``pubmed`` or ``pmc``)."""
        return URIRef(Iris.study_id(scheme, value))

    def dataset_graph(self) -> URIRef:
        """The named graph that ``claimgraph push`` replaces in a remote store by default."""
        return URIRef(self.iris.dataset_graph())
