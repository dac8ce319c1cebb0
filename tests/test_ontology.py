"""ontology.ttl declares every term the build emits (tests/test_ontology_drift.py checks that
the Python tables agree with it)."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from builders import paths
from builders.records import EntityType, SubstanceKind
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
    ("cls", "scheme"),
    [
        (CG.Quantifier, CG.quantifiers),
        (CG.Degree, CG.degrees),
        (CG.ComparisonExtent, CG.comparisonExtents),
    ],
)
def test_qualifier_values_are_skos_concepts_in_their_scheme(
    ontology: Graph, cls: URIRef, scheme: URIRef
) -> None:
    assert (cls, RDFS.subClassOf, SKOS.Concept) in ontology
    for node in ontology.subjects(RDF.type, cls):
        assert (node, SKOS.inScheme, scheme) in ontology
        assert ontology.value(node, SKOS.prefLabel) is not None


def test_not_always_is_defined_as_a_quantifier_not_a_negation(ontology: Graph) -> None:
    definition = str(ontology.value(CG.notAlways, SKOS.definition))
    assert "not a negation" in definition
    assert (CG.notAlways, RDF.type, CG.Quantifier) in ontology


def test_unassessable_reasons_are_exactly_the_three_allowed(ontology: Graph) -> None:
    reasons = set(ontology.subjects(RDF.type, CG.UnassessableReason))
    assert reasons == {CG.definitional, CG.evaluative, CG.promotionalCall}


def test_laws_are_studies_so_every_study_query_can_reach_them(ontology: Graph) -> None:
    assert (CG.Law, RDFS.subClassOf, CG.Study) in ontology
