"""Studies, evidence lines, attribution inferences and derived assessments as triples.

Each claim gets one Assessment over all evidence (its verdict is also put on the claim as
``cg:verdict``) and one per cut-off date: the publication date of every article that
states it, and any ``--as-of`` date. Verdicts come from ``builders.verdicts``.
"""

from __future__ import annotations

import datetime as dt

from rdflib import XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from builders import ontology
from builders.iris import Minter
from builders.records import (
    Article,
    Claim,
    Dataset,
    EvidenceLine,
    Law,
    NotAssessable,
    PartialDate,
    Statement,
    Study,
)
from builders.sink import TripleSink
from builders.verdicts import Assessor
from graph.namespace import CG, SCHEMA

ID_PROPERTY = {"doi": CG.doi, "pubmed": CG.pmid, "pmc": CG.pmcid}


def _date_literal(date: PartialDate) -> Literal:
    if date.day is not None:
        return Literal(date.iso(), datatype=XSD.date)
    if date.month is not None:
        return Literal(date.iso(), datatype=XSD.gYearMonth)
    return Literal(date.iso(), datatype=XSD.gYear)


def citation_text(study: Study) -> str:
    """A readable reference: authors, title, venue, date and document number."""
    authors = ", ".join(study.authors).rstrip(".")
    text = f"{authors}. {study.title.rstrip('.')}. {study.venue}. {study.published.iso()}."
    return f"{text} {study.citation}." if study.citation else text


class EvidenceWriter:
    """Adds the evidence layer of a dataset to a graph."""

    def __init__(self, graph: TripleSink, minter: Minter, dataset: Dataset) -> None:
        self.g = graph
        self.mint = minter
        self.dataset = dataset
        self.evidence = dataset.evidence
        self.assess = Assessor(dataset.evidence)

    def study(self, study: Study) -> None:
        g, node = self.g, self.mint.study(study)
        g.add((node, RDF.type, CG.Study))
        g.add((node, DCTERMS.identifier, Literal(study.key)))
        g.add((node, SCHEMA.name, Literal(study.title)))
        for author in study.authors:
            g.add((node, SCHEMA.author, Literal(author)))
        g.add((node, CG.venue, Literal(study.venue)))
        g.add((node, SCHEMA.datePublished, _date_literal(study.published)))
        g.add((node, CG.design, CG[study.design.value]))
        g.add((node, DCTERMS.bibliographicCitation, Literal(citation_text(study))))
        g.add((node, CG.seenAt, Literal(study.seen_at)))
        if study.publisher:
            g.add((node, SCHEMA.publisher, self.mint.entity(study.publisher)))
        for ident in study.identifiers:
            iri = self.mint.study_id(ident.scheme, ident.value)
            g.add((node, ID_PROPERTY[ident.scheme], Literal(ident.value)))
            if iri != node:
                g.add((node, SCHEMA.sameAs, iri))
            record = self.mint.identifier_record(ident.scheme, ident.value)
            g.add((record, RDF.type, CG.Mapping))
            g.add((record, CG.mappedEntity, node))
            g.add((record, CG.mappingPredicate, SCHEMA.sameAs))
            g.add((record, CG.mappedTo, iri))
            g.add((record, CG.checkedAt, Literal(ident.checked_at)))

    def line(self, line: EvidenceLine) -> URIRef:
        g = self.g
        node = self.mint.evidence(line.study, line.claim)
        study = self.mint.study(self.evidence.studies[line.study])
        claim = self.mint.claim(line.claim)
        g.add((node, RDF.type, CG.EvidenceLine))
        g.add((node, CG.evidenceFrom, study))
        g.add((node, CG.evidenceFor, claim))
        g.add((node, CG.direction, CG[line.direction.value]))
        g.add((node, CG.strength, CG[line.strength.value]))
        g.add((node, CG.finding, Literal(line.finding, lang="en")))
        if line.grading:
            g.add((node, CG.grading, Literal(line.grading, lang="en")))
        g.add((study, ontology.exact_match(line.direction.value), claim))  # the CiTO property
        return node

    def law(self, law: Law) -> None:
        """A law as a source (a cg:Study of design cg:legislation) with place and dates."""
        g, node = self.g, self.mint.law(law.key)
        g.add((node, RDF.type, CG.Law))
        g.add((node, DCTERMS.identifier, Literal(law.key)))
        g.add((node, SCHEMA.name, Literal(law.title)))
        g.add((node, SCHEMA.author, Literal(law.issuer)))
        g.add((node, SCHEMA.datePublished, _date_literal(law.effective)))
        g.add((node, CG.design, CG.legislation))
        g.add((node, DCTERMS.bibliographicCitation, Literal(law.citation)))
        g.add((node, CG.seenAt, Literal(law.checked_at)))
        g.add((node, CG.checkedAt, Literal(law.checked_at)))
        g.add((node, CG.appliesIn, self.mint.entity(law.jurisdiction)))
        for substance in law.substances:
            g.add((node, CG.regulates, self.mint.entity(substance)))
        g.add((node, CG.legalStatus, CG[law.status.value]))
        g.add((node, CG.effectiveFrom, _date_literal(law.effective)))
        if law.ends is not None:
            g.add((node, CG.endsOn, Literal(law.ends, datatype=XSD.date)))
        if law.note:
            g.add((node, RDFS.comment, Literal(law.note, lang="en")))

    def mark(self, mark: NotAssessable) -> None:
        claim = self.mint.claim(mark.claim)
        self.g.add((claim, CG.notAssessableReason, CG[mark.reason.value]))
        self.g.add((claim, CG.notAssessableExplanation, Literal(mark.explanation, lang="en")))

    def attributions(self, statements: dict[tuple[str, str], URIRef]) -> None:
        for inference in self.evidence.attributions:
            g = self.g
            statement = statements[(inference.article_id, inference.quote)]
            study = self.mint.study(self.evidence.studies[inference.study])
            node = self.mint.inference(statement, inference.authority, inference.study)
            g.add((node, RDF.type, CG.AttributionInference))
            g.add((node, CG.inferredFor, statement))
            g.add((node, CG.creditedAuthority, self.mint.entity(inference.authority)))
            g.add((node, CG.likelySource, study))
            g.add((node, CG.basis, Literal(inference.basis, lang="en")))
            g.add((node, CG.provenance, CG.curatorInference))
            g.add((statement, CG.likelyRefersTo, study))

    def assessment(self, claim: Claim, cutoff: dt.date | None) -> None:
        outcome = self.assess(claim, cutoff)
        g, node, claim_node = self.g, self.mint.assessment(claim, cutoff), self.mint.claim(claim)
        g.add((node, RDF.type, CG.Assessment))
        g.add((node, SCHEMA.itemReviewed, claim_node))
        g.add((node, CG.verdict, CG[outcome.verdict.value]))
        g.add((node, CG.rule, Literal(outcome.rule)))
        for line in outcome.counted:
            g.add((node, CG.counts, self.mint.evidence(line.study, line.claim)))
        for law in outcome.laws:
            g.add((node, CG.countsLaw, self.mint.law(law.key)))
        if cutoff is None:
            g.add((claim_node, CG.verdict, CG[outcome.verdict.value]))
            g.add((claim_node, CG.currentAssessment, node))
        else:
            g.add((node, CG.asOf, Literal(cutoff, datatype=XSD.date)))

    def write(self, as_of: tuple[dt.date, ...], statements: dict[tuple[str, str], URIRef]) -> None:
        for study in self.evidence.studies.values():
            self.study(study)
        for law in self.evidence.laws:
            self.law(law)
        for line in self.evidence.lines:
            self.line(line)
        for mark in self.evidence.not_assessable:
            self.mark(mark)
        self.attributions(statements)
        articles: dict[str, Article] = {a.id: a for a in self.dataset.articles}
        cutoffs: dict[Claim, set[dt.date]] = {}
        for statement in self.dataset.statements:
            dates = cutoffs.setdefault(statement.claim, set(as_of))
            dates.add(articles[statement.article_id].published)
        for claim, dates in cutoffs.items():
            self.assessment(claim, None)
            for cutoff in sorted(dates):
                self.assessment(claim, cutoff)


def statement_index(
    minter: Minter, statements: tuple[Statement, ...], articles: dict[str, Article]
) -> dict[tuple[str, str], URIRef]:
    """Statement IRIs by (article id, quote), for attribution inferences."""
    return {
        (s.article_id, s.span.exact): minter.statement(
            articles[s.article_id].sha256, s.span.start, s.span.end
        )
        for s in statements
    }
