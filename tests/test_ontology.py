"""ontology.ttl declares every term the build emits, and the claim relations are closed."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from builders import paths
from builders.phrases import DEGREE_PHRASES, EXTENT_PHRASES, PHRASES, QUANTIFIER_PHRASES
from builders.records import (
    ComparisonExtent,
    Degree,
    EntityType,
    LegalStatus,
    Quantifier,
    Relation,
    SubstanceKind,
    Unassessable,
)
from graph.namespace import CG

DECLARING_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
EXTERNAL_VOCABULARIES = (
    "https://schema.org/",
    "http://www.w3.org/ns/oa#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/terms/",
    "http://purl.org/spar/cito/",
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(paths.ONTOLOGY, format="turtle")


def declared(ontology: Graph) -> set[URIRef]:
    return {
        s for t in DECLARING_TYPES for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)
    }


def test_every_cg_term_the_build_emits_is_declared(ontology: Graph, seed_graph: Graph) -> None:
    vocabulary_terms: set[URIRef] = set()  # predicates and classes
    cg_objects: set[URIRef] = set()  # named individuals and relations used as values
    for _s, p, o in seed_graph:
        vocabulary_terms.add(URIRef(str(p)))
        if p == RDF.type:
            vocabulary_terms.add(URIRef(str(o)))
        elif isinstance(o, URIRef) and str(o).startswith(str(CG)):
            cg_objects.add(o)
    ours = {t for t in vocabulary_terms if str(t).startswith(str(CG))} | cg_objects
    assert ours - declared(ontology) == set()
    foreign = {t for t in vocabulary_terms if not str(t).startswith(str(CG))}
    assert {t for t in foreign if not str(t).startswith(EXTERNAL_VOCABULARIES)} == set()


def test_claim_relations_are_exactly_the_closed_set(ontology: Graph) -> None:
    relations = set(ontology.subjects(RDF.type, CG.ClaimRelation))
    assert relations == {CG[r.value] for r in Relation}


def test_relation_labels_match_the_phrases_used_in_claim_labels(ontology: Graph) -> None:
    for relation, (positive, _negative) in PHRASES.items():
        assert ontology.value(CG[relation.value], RDFS.label) == Literal(positive, lang="en")


def test_entity_classes_are_declared_under_entity(ontology: Graph) -> None:
    for name in [t.value for t in EntityType] + [k.value for k in SubstanceKind]:
        cls = CG[name]
        assert (cls, RDF.type, OWL.Class) in ontology, name
        assert CG.Entity in set(ontology.transitive_objects(cls, RDFS.subClassOf)), name


def test_every_declared_term_has_a_label_and_definition(ontology: Graph) -> None:
    for term in declared(ontology):
        if str(term).startswith(str(CG)):
            assert ontology.value(term, RDFS.label) is not None, term
            assert ontology.value(term, SKOS.definition) is not None, term


def test_alignment_to_standard_vocabularies(ontology: Graph) -> None:
    schema = "https://schema.org/"
    assert (CG.Claim, RDFS.subClassOf, URIRef(schema + "Claim")) in ontology
    assert (CG.Assessment, RDFS.subClassOf, URIRef(schema + "ClaimReview")) in ontology
    assert (CG.Statement, RDFS.subClassOf, URIRef("http://www.w3.org/ns/oa#Annotation")) in ontology
    prov_attr = URIRef("http://www.w3.org/ns/prov#wasAttributedTo")
    assert (CG.attributedTo, RDFS.subPropertyOf, prov_attr) in ontology


@pytest.mark.parametrize(
    ("enum", "phrases", "cls", "scheme"),
    [
        (Quantifier, QUANTIFIER_PHRASES, CG.Quantifier, CG.quantifiers),
        (Degree, DEGREE_PHRASES, CG.Degree, CG.degrees),
        (ComparisonExtent, EXTENT_PHRASES, CG.ComparisonExtent, CG.comparisonExtents),
    ],
)
def test_qualifier_values_are_closed_skos_sets_with_the_labels_claims_use(
    ontology: Graph, enum: type[StrEnum], phrases: Mapping[Any, str], cls: URIRef, scheme: URIRef
) -> None:
    declared_values = set(ontology.subjects(RDF.type, cls))
    assert declared_values == {CG[member.value] for member in enum}
    assert (cls, RDFS.subClassOf, SKOS.Concept) in ontology
    for member in enum:
        node = CG[member.value]
        assert (node, SKOS.inScheme, scheme) in ontology
        assert ontology.value(node, SKOS.prefLabel) == Literal(phrases[member], lang="en")


def test_not_always_is_defined_as_a_quantifier_not_a_negation(ontology: Graph) -> None:
    definition = str(ontology.value(CG.notAlways, SKOS.definition))
    assert "not a negation" in definition
    assert (CG.notAlways, RDF.type, CG.Quantifier) in ontology


def test_unassessable_reasons_are_exactly_the_three_allowed(ontology: Graph) -> None:
    reasons = set(ontology.subjects(RDF.type, CG.UnassessableReason))
    assert reasons == {CG[reason.value] for reason in Unassessable}
    assert reasons == {CG.definitional, CG.evaluative, CG.promotionalCall}


def test_laws_are_studies_so_every_study_query_can_reach_them(ontology: Graph) -> None:
    assert (CG.Law, RDFS.subClassOf, CG.Study) in ontology
    assert set(ontology.subjects(RDF.type, CG.LegalStatus)) == {
        CG[status.value] for status in LegalStatus
    }
