"""The Python tables agree with ontology.ttl, their one source.

The enums name the ontology's closed value sets for typing, the phrases and the view's
verdict words are its labels, the extractor's cues keep to its domains and ranges, and the
shapes' ``sh:in`` lists are its closed sets. Each test reads ontology.ttl on its own (with
rdflib, not through ``builders.ontology``), so a wrong reader fails here too.
"""

from __future__ import annotations

from enum import StrEnum

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS

from builders import paths
from builders.ingest.rules import cue_table, signatures
from builders.phrases import NEGATIONS, qualifier_phrase, relation_phrase
from builders.records import (
    ComparisonExtent,
    Degree,
    Design,
    Direction,
    EntityType,
    LegalStatus,
    Modality,
    Provenance,
    Quantifier,
    Relation,
    Strength,
    SubstanceKind,
    Unassessable,
)
from builders.signatures import load_signatures
from builders.verdicts import Verdict
from graph.namespace import CG, CITO
from graph.view.htmlpage import VERDICTS, verdict_label
from graph.view.network import NOT_ASSESSED, UNASSESSED

# Each enum and the ontology class whose named individuals it lists. ``extra`` are the
# individuals the enum leaves out on purpose, because the build writes them itself.
CLOSED_SETS: list[tuple[type[StrEnum], str, frozenset[str]]] = [
    (Relation, "ClaimRelation", frozenset()),
    (Modality, "Modality", frozenset()),
    # the provenance of an attribution inference, never of a statement
    (Provenance, "ProvenanceMethod", frozenset({"curatorInference"})),
    (Quantifier, "Quantifier", frozenset()),
    (Degree, "Degree", frozenset()),
    (ComparisonExtent, "ComparisonExtent", frozenset()),
    # the design of every law; curated studies never have it
    (Design, "StudyDesign", frozenset({"legislation"})),
    (Direction, "Direction", frozenset()),
    (Strength, "Strength", frozenset()),
    (Unassessable, "UnassessableReason", frozenset()),
    (LegalStatus, "LegalStatus", frozenset()),
    (Verdict, "Verdict", frozenset()),
]
ENUM_OF_CLASS = {cls: enum for enum, cls, _ in CLOSED_SETS}
QUALIFIERS: list[type[Quantifier | Degree | ComparisonExtent]] = [
    Quantifier,
    Degree,
    ComparisonExtent,
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(paths.ONTOLOGY, format="turtle")


def _local(node: object) -> str:
    assert isinstance(node, URIRef) and node.startswith(str(CG)), node
    return node.removeprefix(str(CG))


def _individuals(onto: Graph, cls: str) -> set[str]:
    return {_local(s) for s in onto.subjects(RDF.type, CG[cls])}


def _with_subclasses(onto: Graph, cls: str) -> frozenset[str]:
    return frozenset(_local(c) for c in onto.transitive_subjects(RDFS.subClassOf, CG[cls]))


def _en(onto: Graph, name: str, predicate: URIRef) -> str:
    value = onto.value(CG[name], predicate)
    assert isinstance(value, Literal) and value.language == "en", (name, predicate)
    return str(value)


@pytest.mark.parametrize(("enum", "cls", "extra"), CLOSED_SETS, ids=lambda v: str(v))
def test_each_enum_lists_exactly_the_individuals_of_its_ontology_class(
    onto: Graph, enum: type[StrEnum], cls: str, extra: frozenset[str]
) -> None:
    values = {member.value for member in enum}
    assert not values & extra
    assert values | extra == _individuals(onto, cls)


def test_entity_types_and_substance_kinds_are_the_direct_subclasses_in_the_ontology(
    onto: Graph,
) -> None:
    def direct(cls: str) -> set[str]:
        return {_local(s) for s in onto.subjects(RDFS.subClassOf, CG[cls])}

    assert {t.value for t in EntityType} == direct("Entity")
    assert {k.value for k in SubstanceKind} == direct("Substance")


def test_relation_phrases_are_the_rdfs_labels_and_every_relation_has_a_denial(
    onto: Graph,
) -> None:
    for relation in Relation:
        assert relation_phrase(relation) == _en(onto, relation.value, RDFS.label)
    assert set(NEGATIONS) == set(Relation)
    assert len(set(NEGATIONS.values())) == len(NEGATIONS)


@pytest.mark.parametrize("enum", QUALIFIERS, ids=lambda e: e.__name__)
def test_qualifier_phrases_are_the_skos_preferred_labels(
    onto: Graph, enum: type[Quantifier | Degree | ComparisonExtent]
) -> None:
    for member in enum:
        assert qualifier_phrase(member) == _en(onto, member.value, SKOS.prefLabel)
        assert _en(onto, member.value, RDFS.label) == _en(onto, member.value, SKOS.prefLabel)


def test_the_view_draws_every_verdict_and_words_it_by_its_rdfs_label(onto: Graph) -> None:
    assert set(VERDICTS) == {v.value for v in Verdict} | {UNASSESSED}
    for verdict in Verdict:
        assert verdict_label(verdict.value) == _en(onto, verdict.value, RDFS.label)
    labels = {_en(onto, name, RDFS.label) for name in _individuals(onto, "Verdict")}
    assert verdict_label(UNASSESSED) == NOT_ASSESSED not in labels


def test_each_direction_is_written_as_the_cito_property_the_ontology_matches(
    onto: Graph, seed_graph: Graph
) -> None:
    for direction in Direction:
        cito = onto.value(CG[direction.value], SKOS.exactMatch)
        assert cito == CITO[direction.value]
    used = {p for p in seed_graph.predicates() if str(p).startswith(str(CITO))}
    assert used <= {CITO[d.value] for d in Direction}
    assert len(used) >= 2


def test_the_build_checks_claims_against_the_ontology_domains_and_ranges(onto: Graph) -> None:
    table = load_signatures()
    for relation in Relation:
        signature = table.relations[relation]
        for found, predicate in ((signature.domain, RDFS.domain), (signature.range, RDFS.range)):
            declared = onto.value(CG[relation.value], predicate)
            assert found == (None if declared is None else _local(declared)), relation


def test_the_extractor_allows_exactly_the_ontology_domains_and_ranges(onto: Graph) -> None:
    for relation, signature in signatures().items():
        for found, predicate in ((signature.domain, RDFS.domain), (signature.range, RDFS.range)):
            declared = onto.value(CG[relation.value], predicate)
            wanted = None if declared is None else _with_subclasses(onto, _local(declared))
            assert found == wanted, (relation, predicate)


def test_no_cue_narrows_a_relation_to_classes_outside_its_domain_or_range(
    onto: Graph,
) -> None:
    classes = {_local(c) for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(CG)}
    cues = {cue for table in cue_table().by_word.values() for cue in table}
    assert cues
    for cue in cues:
        ends = ((cue.subject_classes, RDFS.domain), (cue.object_classes, RDFS.range))
        for narrowed, predicate in ends:
            if narrowed is None:
                continue
            assert narrowed <= classes, cue.name
            declared = onto.value(CG[cue.relation.value], predicate)
            if declared is not None:
                assert narrowed <= _with_subclasses(onto, _local(declared)), cue.name


def test_every_closed_list_in_the_shapes_is_the_set_its_enum_names(onto: Graph) -> None:
    shapes = Graph().parse(paths.SHAPES, format="turtle")
    checked = set()
    for prop in shapes.subjects(SH["in"], None):
        path = shapes.value(prop, SH.path)
        listed = shapes.value(prop, SH["in"])
        assert isinstance(path, URIRef) and listed is not None
        members = list(Collection(shapes, listed))
        if not all(str(m).startswith(str(CG)) for m in members):
            continue  # mapping predicates are SKOS and schema.org terms
        range_ = onto.value(path, RDFS.range)
        enum = ENUM_OF_CLASS[_local(range_)]
        assert {_local(m) for m in members} == {member.value for member in enum}, path
        checked.add(enum)
    assert len(checked) >= 8
