"""Studies, evidence lines, attribution inferences and derived assessments as triples.

Each claim gets one Assessment over all evidence (its verdict is also put on the claim as
``cg:verdict``) and one per cut-off date: the publication date of every article that
states it, and any ``--as-of`` date. Verdicts come from ``builders.verdicts``. Triples go
into a ``builders.ntriples.NTriplesSink`` as N-Triples terms, as in ``builders.to_rdf``.
"""

from __future__ import annotations

import datetime as dt

from builders import ntriples, ontology
from builders.ntriples import NTriplesSink
from builders.records import (
    Article,
    Claim,
    Dataset,
    EvidenceLine,
    Law,
    NotAssessable,
    PartialDate,
    Study,
)
from builders.terms import (
    XSD_DATE,
    XSD_G_YEAR,
    XSD_G_YEAR_MONTH,
    Nodes,
    cg,
    dcterms,
    rdf,
    rdfs,
    schema,
)
from builders.verdicts import Assessor

ID_PROPERTY = {"doi": cg.doi, "pubmed": cg.pmid, "pmc": cg.pmcid}


def _date_literal(date: PartialDate) -> str:
    if date.day is not None:
        return ntriples.typed(date.iso(), XSD_DATE)
    if date.month is not None:
        return ntriples.typed(date.iso(), XSD_G_YEAR_MONTH)
    return ntriples.typed(date.iso(), XSD_G_YEAR)


def _en(text: str) -> str:
    return ntriples.tagged(text, "en")


def citation_text(study: Study) -> str:
    """A readable reference: authors, title, venue, date and document number."""
    authors = ", ".join(study.authors).rstrip(".")
    text = f"{authors}. {study.title.rstrip('.')}. {study.venue}. {study.published.iso()}."
    return f"{text} {study.citation}." if study.citation else text


class EvidenceWriter:
    """Adds the evidence layer of a dataset to a sink."""

    def __init__(self, out: NTriplesSink, nodes: Nodes, dataset: Dataset) -> None:
        self.out = out
        self.nodes = nodes
        self.iris = nodes.iris
        self.dataset = dataset
        self.evidence = dataset.evidence
        self.assess = Assessor(dataset.evidence)
        # the CiTO property of each direction (cg:supports is a skos:exactMatch of cito:supports)
        self._cito_terms: dict[str, str] = {}

    def study(self, study: Study) -> None:
        t, node = self.out.triple, self.nodes.study(study)
        plain = ntriples.plain
        t(node, rdf.type, cg.Study)
        t(node, dcterms.identifier, plain(study.key))
        t(node, schema.name, plain(study.title))
        for author in study.authors:
            t(node, schema.author, plain(author))
        t(node, cg.venue, plain(study.venue))
        t(node, schema.datePublished, _date_literal(study.published))
        t(node, cg.design, cg[study.design.value])
        t(node, dcterms.bibliographicCitation, plain(citation_text(study)))
        t(node, cg.seenAt, plain(study.seen_at))
        if study.publisher:
            t(node, schema.publisher, self.nodes.entity(study.publisher))
        for ident in study.identifiers:
            iri = self.nodes.term(self.iris.study_id(ident.scheme, ident.value))
            t(node, ID_PROPERTY[ident.scheme], plain(ident.value))
            if iri != node:
                t(node, schema.sameAs, iri)
            record = self.nodes.term(self.iris.identifier_record(ident.scheme, ident.value))
            t(record, rdf.type, cg.Mapping)
            t(record, cg.mappedEntity, node)
            t(record, cg.mappingPredicate, schema.sameAs)
            t(record, cg.mappedTo, iri)
            t(record, cg.checkedAt, plain(ident.checked_at))

    def _cito(self, direction: str) -> str:
        term = self._cito_terms.get(direction)
        if term is None:
            term = self._cito_terms[direction] = ntriples.iri(ontology.exact_match(direction))
        return term

    def line(self, line: EvidenceLine) -> None:
        t = self.out.triple
        node = self.nodes.evidence(line.study, line.claim)
        study = self.nodes.study(self.evidence.studies[line.study])
        claim = self.nodes.claim(line.claim)
        t(node, rdf.type, cg.EvidenceLine)
        t(node, cg.evidenceFrom, study)
        t(node, cg.evidenceFor, claim)
        t(node, cg.direction, cg[line.direction.value])
        t(node, cg.strength, cg[line.strength.value])
        t(node, cg.finding, _en(line.finding))
        if line.grading:
            t(node, cg.grading, _en(line.grading))
        t(study, self._cito(line.direction.value), claim)

    def law(self, law: Law) -> None:
        """A law as a source (a cg:Study of design cg:legislation) with place and dates."""
        t, node, plain = self.out.triple, self.nodes.law(law.key), ntriples.plain
        t(node, rdf.type, cg.Law)
        t(node, dcterms.identifier, plain(law.key))
        t(node, schema.name, plain(law.title))
        t(node, schema.author, plain(law.issuer))
        t(node, schema.datePublished, _date_literal(law.effective))
        t(node, cg.design, cg.legislation)
        t(node, dcterms.bibliographicCitation, plain(law.citation))
        t(node, cg.seenAt, plain(law.checked_at))
        t(node, cg.checkedAt, plain(law.checked_at))
        t(node, cg.appliesIn, self.nodes.entity(law.jurisdiction))
        for substance in law.substances:
            t(node, cg.regulates, self.nodes.entity(substance))
        t(node, cg.legalStatus, cg[law.status.value])
        t(node, cg.effectiveFrom, _date_literal(law.effective))
        if law.ends is not None:
            t(node, cg.endsOn, ntriples.date(law.ends))
        if law.note:
            t(node, rdfs.comment, _en(law.note))

    def mark(self, mark: NotAssessable) -> None:
        claim = self.nodes.claim(mark.claim)
        self.out.triple(claim, cg.notAssessableReason, cg[mark.reason.value])
        self.out.triple(claim, cg.notAssessableExplanation, _en(mark.explanation))

    def attributions(self, statements: dict[tuple[str, str], str]) -> None:
        t = self.out.triple
        for inference in self.evidence.attributions:
            statement = statements[(inference.article_id, inference.quote)]
            study = self.nodes.study(self.evidence.studies[inference.study])
            node = self.nodes.term(
                self.iris.inference(statement, inference.authority, inference.study)
            )
            statement_node = self.nodes.term(statement)
            t(node, rdf.type, cg.AttributionInference)
            t(node, cg.inferredFor, statement_node)
            t(node, cg.creditedAuthority, self.nodes.entity(inference.authority))
            t(node, cg.likelySource, study)
            t(node, cg.basis, _en(inference.basis))
            t(node, cg.provenance, cg.curatorInference)
            t(statement_node, cg.likelyRefersTo, study)

    def assessment(self, claim: Claim, cutoff: dt.date | None) -> None:
        outcome = self.assess(claim, cutoff)
        t, node = self.out.triple, self.nodes.term(self.iris.assessment(claim, cutoff))
        claim_node, verdict = self.nodes.claim(claim), cg[outcome.verdict.value]
        t(node, rdf.type, cg.Assessment)
        t(node, schema.itemReviewed, claim_node)
        t(node, cg.verdict, verdict)
        t(node, cg.rule, ntriples.plain(outcome.rule))
        for line in outcome.counted:
            t(node, cg.counts, self.nodes.evidence(line.study, line.claim))
        for law in outcome.laws:
            t(node, cg.countsLaw, self.nodes.law(law.key))
        if cutoff is None:
            t(claim_node, cg.verdict, verdict)
            t(claim_node, cg.currentAssessment, node)
        else:
            t(node, cg.asOf, ntriples.date(cutoff))

    def write(self, as_of: tuple[dt.date, ...], statements: dict[tuple[str, str], str]) -> None:
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
