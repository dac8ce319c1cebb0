"""Typed records to an rdflib graph: ``to_rdf(dataset) -> Graph``, with no I/O.

``emit`` writes the same triples to any ``builders.sink.TripleSink``; ``to_rdf`` is
``emit`` into a new graph.

The graph never asserts a claim's own triple (``kratom cg:actsOn ...``): a claim exists
only as a Claim node with ``cg:subject``, ``cg:predicate`` and ``cg:object``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from builders.evidence_to_rdf import EvidenceWriter, statement_index
from builders.iris import Minter, content_hash
from builders.nameindex import add_lookup_keys
from builders.phrases import claim_label
from builders.records import (
    Article,
    Claim,
    Dataset,
    Entity,
    Statement,
    Vocabulary,
)
from builders.sink import TripleSink
from graph.namespace import CG, DEFAULT_BASE, OA, SCHEMA, new_graph

BACKGROUND_PREDICATES = {
    "hasConstituent": CG.hasConstituent,
    "extractedFrom": CG.extractedFrom,
    "broader": SKOS.broader,
}


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


class _Writer:
    def __init__(self, graph: TripleSink, minter: Minter, vocabulary: Vocabulary) -> None:
        self.g = graph
        self.mint = minter
        self.vocabulary = vocabulary
        self.claims_written: set[URIRef] = set()

    def entity(self, entity: Entity) -> None:
        node = self.mint.entity(entity.id)
        cls = entity.kind.value if entity.kind is not None else entity.type.value
        self.g.add((node, RDF.type, CG[cls]))
        self.g.add((node, RDFS.label, _en(entity.label)))
        self.g.add((node, DCTERMS.identifier, Literal(entity.id)))
        self.g.add((node, SKOS.definition, _en(entity.definition)))
        for synonym in entity.synonyms:
            self.g.add((node, SKOS.altLabel, _en(synonym)))
        add_lookup_keys(self.g, node, (entity.id, entity.label, *entity.synonyms))
        for ext in entity.identifiers:
            target = URIRef(ext.iri)
            self.g.add((node, SKOS[ext.match.value], target))
            mapping = self.mint.part(node, f"mapping/{content_hash(ext.iri)}")
            self.g.add((mapping, RDF.type, CG.Mapping))
            self.g.add((mapping, CG.mappedEntity, node))
            self.g.add((mapping, CG.mappingPredicate, SKOS[ext.match.value]))
            self.g.add((mapping, CG.mappedTo, target))
            self.g.add((mapping, CG.checkedAt, Literal(ext.checked_at)))

    def article(self, article: Article) -> URIRef:
        node = self.mint.article(article.sha256)
        self.g.add((node, RDF.type, CG.Article))
        self.g.add((node, SCHEMA.headline, Literal(article.title)))
        self.g.add((node, SCHEMA.datePublished, Literal(article.published, datatype=XSD.date)))
        self.g.add((node, DCTERMS.identifier, Literal(article.id)))
        self.g.add((node, CG.sha256, Literal(article.sha256)))
        self.g.add((node, CG.promotional, Literal(article.promotional)))
        if article.url:
            self.g.add((node, SCHEMA.url, URIRef(article.url)))
        if article.publisher:
            self.g.add((node, CG.publisherName, Literal(article.publisher)))
        if article.call_to_action:
            self.g.add((node, CG.callToAction, Literal(article.call_to_action)))
        return node

    def claim(self, claim: Claim) -> URIRef:
        node = self.mint.claim(claim)
        if node in self.claims_written:  # a claim stated again adds no triples
            return node
        self.claims_written.add(node)
        entity = self.mint.entity
        self.g.add((node, RDF.type, CG.Claim))
        label = claim_label(claim, self.vocabulary.entities)
        self.g.add((node, RDFS.label, _en(label)))
        add_lookup_keys(self.g, node, (label,))
        self.g.add((node, CG.subject, entity(claim.subject)))
        self.g.add((node, CG.predicate, self.mint.relation(claim.relation)))
        self.g.add((node, CG.object, entity(claim.object)))
        self.g.add((node, CG.negated, Literal(claim.negated)))
        q = claim.qualifiers
        if q.population:
            self.g.add((node, CG.population, entity(q.population)))
        if q.jurisdiction:
            self.g.add((node, CG.jurisdiction, entity(q.jurisdiction)))
        if q.timeframe:
            self.g.add((node, CG.timeframe, Literal(q.timeframe)))
        if q.quantifier:
            self.g.add((node, CG.quantifier, self.mint.vocab(q.quantifier.value)))
        if q.degree:
            self.g.add((node, CG.degree, self.mint.vocab(q.degree.value)))
        if q.comparison:
            self.g.add((node, CG.comparedWith, entity(q.comparison.with_)))
            self.g.add((node, CG.comparisonExtent, self.mint.vocab(q.comparison.extent.value)))
        return node

    def statement(self, statement: Statement, article: Article) -> None:
        span = statement.span
        article_node = self.mint.article(article.sha256)
        node = self.mint.statement(article.sha256, span.start, span.end)
        target = self.mint.part(node, "target")
        quote = self.mint.part(node, "quote")
        position = self.mint.part(node, "position")
        g = self.g
        g.add((node, RDF.type, CG.Statement))
        g.add((node, CG.statedIn, article_node))
        g.add((node, CG.expresses, self.claim(statement.claim)))
        g.add((node, CG.modality, CG[statement.modality.value]))
        g.add((node, CG.provenance, CG[statement.provenance.value]))
        if statement.confidence is not None:
            confidence = Decimal(repr(statement.confidence))  # a float is no valid xsd:decimal
            g.add((node, CG.confidence, Literal(confidence, datatype=XSD.decimal)))
        for org in statement.attributed_to:
            g.add((node, CG.attributedTo, self.mint.entity(org)))
        if statement.note:
            g.add((node, RDFS.comment, _en(statement.note)))
        g.add((node, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, article_node))
        g.add((target, OA.hasSelector, quote))
        g.add((target, OA.hasSelector, position))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(span.exact)))
        g.add((quote, OA.prefix, Literal(span.prefix)))
        g.add((quote, OA.suffix, Literal(span.suffix)))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        g.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))

    def contradictions(self, claims: set[Claim]) -> None:
        """Link each claim to its twin that differs only in negation, both ways."""
        for claim in claims:
            twin = Claim(
                claim.subject, claim.relation, claim.object, not claim.negated, claim.qualifiers
            )
            if twin in claims:
                self.g.add((self.mint.claim(claim), CG.contradicts, self.mint.claim(twin)))


def to_rdf(dataset: Dataset, base: str = DEFAULT_BASE, as_of: tuple[dt.date, ...] = ()) -> Graph:
    """The whole dataset as one graph under ``base``, assessed also as of each ``as_of``."""
    graph = new_graph(base)
    emit(dataset, graph, base, as_of)
    return graph


def emit(
    dataset: Dataset,
    graph: TripleSink,
    base: str = DEFAULT_BASE,
    as_of: tuple[dt.date, ...] = (),
) -> None:
    """Add the triples of the whole dataset to ``graph`` (any sink, such as an rdflib graph)."""
    writer = _Writer(graph, Minter(base), dataset.vocabulary)
    for entity in dataset.vocabulary.entities.values():
        writer.entity(entity)
    for fact in dataset.vocabulary.facts:
        graph.add(
            (
                writer.mint.entity(fact.subject),
                BACKGROUND_PREDICATES[fact.relation.value],
                writer.mint.entity(fact.object),
            )
        )
    articles = {article.id: article for article in dataset.articles}
    for article in dataset.articles:
        writer.article(article)
    for statement in dataset.statements:
        writer.statement(statement, articles[statement.article_id])
    writer.contradictions({s.claim for s in dataset.statements})
    evidence = EvidenceWriter(graph, writer.mint, dataset)
    evidence.write(as_of, statement_index(writer.mint, dataset.statements, articles))
