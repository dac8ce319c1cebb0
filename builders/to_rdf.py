"""Typed records to RDF: ``emit`` writes a dataset's triples as N-Triples lines, with no I/O.

``emit`` puts every triple into a ``builders.ntriples.NTriplesSink`` as N-Triples terms
(vocabulary terms and nodes from ``builders.terms``, literals from ``builders.ntriples``);
``builders.bulk`` sorts those lines into a file. ``to_rdf`` reads
the same lines into an rdflib graph, for SHACL and the Turtle and JSON-LD outputs.

The graph never asserts a claim's own triple (``kratom cg:actsOn ...``): a claim exists
only as a Claim node with ``cg:subject``, ``cg:predicate`` and ``cg:object``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rdflib import Graph

from builders import ntriples
from builders.evidence_to_rdf import EvidenceWriter
from builders.iris import Iris, content_hash
from builders.nameindex import add_lookup_keys
from builders.ntriples import NTriplesSink
from builders.phrases import claim_label
from builders.records import Article, Claim, Dataset, Entity, Statement, Vocabulary
from builders.terms import Nodes, cg, dcterms, oa, rdf, rdfs, schema, skos
from graph.namespace import DEFAULT_BASE, new_graph

BACKGROUND_PREDICATES = {
    "hasConstituent": cg.hasConstituent,
    "extractedFrom": cg.extractedFrom,
    "broader": skos.broader,
}


def _en(text: str) -> str:
    return ntriples.tagged(text, "en")


class _Writer:
    def __init__(self, out: NTriplesSink, nodes: Nodes, vocabulary: Vocabulary) -> None:
        self.out = out
        self.nodes = nodes
        self.iris = nodes.iris
        self.vocabulary = vocabulary
        self.claims_written: set[str] = set()
        # statement IRIs by (article id, quote), for attribution inferences
        self.statements: dict[tuple[str, str], str] = {}

    def entity(self, entity: Entity) -> None:
        t, node = self.out.triple, self.nodes.entity(entity.id)
        cls = entity.kind.value if entity.kind is not None else entity.type.value
        t(node, rdf.type, cg[cls])
        t(node, rdfs.label, _en(entity.label))
        t(node, dcterms.identifier, ntriples.plain(entity.id))
        t(node, skos.definition, _en(entity.definition))
        for synonym in entity.synonyms:
            t(node, skos.altLabel, _en(synonym))
        add_lookup_keys(self.out, node, (entity.id, entity.label, *entity.synonyms))
        for ext in entity.identifiers:
            target, match = ntriples.iri(ext.iri), skos[ext.match.value]
            t(node, match, target)
            local = f"mapping/{content_hash(ext.iri)}"
            mapping = self.nodes.term(self.iris.part(self.iris.entity(entity.id), local))
            t(mapping, rdf.type, cg.Mapping)
            t(mapping, cg.mappedEntity, node)
            t(mapping, cg.mappingPredicate, match)
            t(mapping, cg.mappedTo, target)
            t(mapping, cg.checkedAt, ntriples.plain(ext.checked_at))

    def article(self, article: Article) -> None:
        t, node = self.out.triple, self.nodes.term(self.iris.article(article.sha256))
        t(node, rdf.type, cg.Article)
        t(node, schema.headline, ntriples.plain(article.title))
        t(node, schema.datePublished, ntriples.date(article.published))
        t(node, dcterms.identifier, ntriples.plain(article.id))
        t(node, cg.sha256, ntriples.plain(article.sha256))
        t(node, cg.promotional, ntriples.boolean(article.promotional))
        if article.url:
            t(node, schema.url, ntriples.iri(article.url))
        if article.publisher:
            t(node, cg.publisherName, ntriples.plain(article.publisher))
        if article.call_to_action:
            t(node, cg.callToAction, ntriples.plain(article.call_to_action))

    def claim(self, claim: Claim) -> str:
        node = self.nodes.claim(claim)
        if node in self.claims_written:  # a claim stated again adds no triples
            return node
        self.claims_written.add(node)
        t, entity = self.out.triple, self.nodes.entity
        t(node, rdf.type, cg.Claim)
        label = claim_label(claim, self.vocabulary.entities)
        t(node, rdfs.label, _en(label))
        add_lookup_keys(self.out, node, (label,))
        t(node, cg.subject, entity(claim.subject))
        t(node, cg.predicate, cg[claim.relation.value])
        t(node, cg.object, entity(claim.object))
        t(node, cg.negated, ntriples.boolean(claim.negated))
        q = claim.qualifiers
        if q.population:
            t(node, cg.population, entity(q.population))
        if q.jurisdiction:
            t(node, cg.jurisdiction, entity(q.jurisdiction))
        if q.timeframe:
            t(node, cg.timeframe, ntriples.plain(q.timeframe))
        if q.quantifier:
            t(node, cg.quantifier, cg[q.quantifier.value])
        if q.degree:
            t(node, cg.degree, cg[q.degree.value])
        if q.comparison:
            t(node, cg.comparedWith, entity(q.comparison.with_))
            t(node, cg.comparisonExtent, cg[q.comparison.extent.value])
        return node

    def statement(self, statement: Statement, article: Article) -> None:
        span, iris, term = statement.span, self.iris, self.nodes.term
        iri = iris.statement(article.sha256, span.start, span.end)
        self.statements[(statement.article_id, span.exact)] = iri
        article_node, node = term(iris.article(article.sha256)), term(iri)
        target = term(iris.part(iri, "target"))
        quote = term(iris.part(iri, "quote"))
        position = term(iris.part(iri, "position"))
        t = self.out.triple
        t(node, rdf.type, cg.Statement)
        t(node, cg.statedIn, article_node)
        t(node, cg.expresses, self.claim(statement.claim))
        t(node, cg.modality, cg[statement.modality.value])
        t(node, cg.provenance, cg[statement.provenance.value])
        if statement.confidence is not None:
            confidence = Decimal(repr(statement.confidence))  # a float is no valid xsd:decimal
            t(node, cg.confidence, ntriples.decimal(confidence))
        for org in statement.attributed_to:
            t(node, cg.attributedTo, self.nodes.entity(org))
        if statement.note:
            t(node, rdfs.comment, _en(statement.note))
        t(node, oa.hasTarget, target)
        t(target, rdf.type, oa.SpecificResource)
        t(target, oa.hasSource, article_node)
        t(target, oa.hasSelector, quote)
        t(target, oa.hasSelector, position)
        t(quote, rdf.type, oa.TextQuoteSelector)
        t(quote, oa.exact, ntriples.plain(span.exact))
        t(quote, oa.prefix, ntriples.plain(span.prefix))
        t(quote, oa.suffix, ntriples.plain(span.suffix))
        t(position, rdf.type, oa.TextPositionSelector)
        t(position, oa.start, ntriples.non_negative_integer(span.start))
        t(position, oa.end, ntriples.non_negative_integer(span.end))

    def contradictions(self, claims: set[Claim]) -> None:
        """Link each claim to its twin that differs only in negation, both ways."""
        for claim in claims:
            twin = Claim(
                claim.subject, claim.relation, claim.object, not claim.negated, claim.qualifiers
            )
            if twin in claims:
                self.out.triple(self.nodes.claim(claim), cg.contradicts, self.nodes.claim(twin))


def to_rdf(dataset: Dataset, base: str = DEFAULT_BASE, as_of: tuple[dt.date, ...] = ()) -> Graph:
    """The whole dataset as one rdflib graph under ``base``, assessed also as of each ``as_of``."""
    sink = NTriplesSink()
    emit(dataset, sink, base, as_of)
    graph = new_graph(base)
    graph.parse(data=sink.ntriples().decode("utf-8"), format="nt")
    return graph


def emit(
    dataset: Dataset,
    out: NTriplesSink,
    base: str = DEFAULT_BASE,
    as_of: tuple[dt.date, ...] = (),
) -> None:
    """Put the triples of the whole dataset into ``out``."""
    nodes = Nodes(Iris(base))
    writer = _Writer(out, nodes, dataset.vocabulary)
    for entity in dataset.vocabulary.entities.values():
        writer.entity(entity)
    for fact in dataset.vocabulary.facts:
        predicate = BACKGROUND_PREDICATES[fact.relation.value]
        out.triple(nodes.entity(fact.subject), predicate, nodes.entity(fact.object))
    articles = {article.id: article for article in dataset.articles}
    for article in dataset.articles:
        writer.article(article)
    for statement in dataset.statements:
        writer.statement(statement, articles[statement.article_id])
    writer.contradictions({s.claim for s in dataset.statements})
    evidence = EvidenceWriter(out, nodes, dataset)
    evidence.write(as_of, writer.statements)
