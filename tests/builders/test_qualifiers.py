"""Claim qualifiers end to end: statement YAML -> records -> RDF -> SHACL -> label -> HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from builders import paths
from builders.errors import ValidationError
from builders.iris import Minter
from builders.phrases import claim_label
from builders.records import (
    Claim,
    Comparison,
    ComparisonExtent,
    Dataset,
    Degree,
    Qualifiers,
    Quantifier,
    Relation,
)
from builders.shacl import check_shapes
from builders.signatures import Violation, load_signatures
from graph.cli import main
from graph.namespace import CG
from tests.builders.test_build_errors import replace_once

SEED = "000_5d16975f47f5a72c"
NOT_ALWAYS = "This doesn\u2019t always work."  # the article's typographic apostrophe


def statement(dataset: Dataset, quote: str) -> Claim:
    return next(s.claim for s in dataset.statements if s.span.exact == quote)


def test_not_always_is_a_quantifier_never_a_negation(seed_dataset: Dataset) -> None:
    claim = statement(seed_dataset, NOT_ALWAYS)
    assert claim.negated is False
    assert claim.qualifiers.quantifier is Quantifier.NOT_ALWAYS
    label = claim_label(claim, seed_dataset.vocabulary.entities)
    assert label == "cold turkey method treats opioid addiction (quantifier: not always)"


def test_the_seed_keeps_the_articles_qualifiers(seed_dataset: Dataset) -> None:
    q = statement(seed_dataset, "you can become addicted unconsciously and automatically")
    assert q.qualifiers.quantifier is Quantifier.AUTOMATICALLY
    pain = statement(seed_dataset, "Marijuana offers much of the pain-relief")
    assert pain.qualifiers.comparison == Comparison("opioids", ComparisonExtent.MUCH_OF)
    ama = next(s.claim for s in seed_dataset.statements if s.attributed_to)
    assert ama.qualifiers.degree is Degree.DRAMATICALLY
    some_states = statement(
        seed_dataset,
        "In some US states and around the world, medical marijuana is being prescribed "
        "for opiate withdrawal.",
    )
    around = statement(
        seed_dataset,
        "around the world, medical marijuana is being prescribed for opiate withdrawal.",
    )
    assert (some_states.qualifiers.jurisdiction, around.qualifiers.jurisdiction) == (
        "united-states",
        "world",
    )
    assert some_states.qualifiers.quantifier is around.qualifiers.quantifier is Quantifier.SOME
    # "Kratom is already legal" names no place: no curator-chosen country.
    legal = statement(seed_dataset, "Kratom is already legal")
    assert legal.object == "world" and legal.qualifiers == Qualifiers()


def test_every_qualifier_enters_the_claims_identity() -> None:
    base = Claim("marijuana", Relation.LEGAL_IN, "united-states")
    variants = [
        base,
        Claim(
            base.subject, base.relation, base.object, False, Qualifiers(quantifier=Quantifier.SOME)
        ),
        Claim(base.subject, base.relation, base.object, False, Qualifiers(degree=Degree.HIGHLY)),
        Claim(
            base.subject,
            base.relation,
            base.object,
            False,
            Qualifiers(comparison=Comparison("opioids", ComparisonExtent.MUCH_OF)),
        ),
        Claim(
            base.subject,
            base.relation,
            base.object,
            False,
            Qualifiers(comparison=Comparison("opioids", ComparisonExtent.LESS_THAN)),
        ),
    ]
    minter = Minter()
    assert len({minter.claim(claim) for claim in variants}) == len(variants)


def test_negated_labels_read_as_plain_denials(seed_dataset: Dataset) -> None:
    labels = {
        claim_label(s.claim, seed_dataset.vocabulary.entities) for s in seed_dataset.statements
    }
    assert "marijuana does not have property addictive" in labels
    assert "opioid withdrawal does not cause death" in labels
    assert not any(" not has " in label or " not causes " in label for label in labels)


def test_qualifiers_reach_the_graph_and_the_html_details(seed_out: Path, seed_graph: Graph) -> None:
    label = "cold turkey method treats opioid addiction (quantifier: not always)"
    [claim] = list(seed_graph.subjects(RDFS.label, Literal(label, lang="en")))
    assert (claim, CG.quantifier, CG.notAlways) in seed_graph
    assert (claim, CG.negated, Literal(False)) in seed_graph
    pain = "marijuana relieves pain (compared with opioids: much of)"
    [relief] = list(seed_graph.subjects(RDFS.label, Literal(pain, lang="en")))
    assert (relief, CG.comparisonExtent, CG.muchOf) in seed_graph
    opioids = seed_graph.value(relief, CG.comparedWith)
    assert isinstance(opioids, URIRef) and str(opioids).endswith("/entity/opioids")
    html = (seed_out / "claims.html").read_text(encoding="utf-8")
    assert label in html and pain in html  # the details panel shows the claim's label


def with_triple(seed_graph: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> Graph:
    broken = Graph()
    for t in seed_graph:
        broken.add(t)
    broken.add(triple)
    return broken


def test_shapes_refuse_a_quantifier_outside_the_closed_set(seed_graph: Graph) -> None:
    claim = next(iter(seed_graph.subjects(CG.quantifier, CG.notAlways)))
    assert isinstance(claim, URIRef)
    broken = Graph()
    for triple in seed_graph:
        if triple[1] != CG.quantifier:
            broken.add(triple)
    broken.add((claim, CG.quantifier, CG.never))
    with pytest.raises(ValidationError, match="quantifier"):
        check_shapes(broken, paths.SHAPES, paths.ONTOLOGY)


def test_shapes_enforce_the_relations_domain_and_range(seed_graph: Graph) -> None:
    relieves = next(
        c
        for c in seed_graph.subjects(RDF.type, CG.Claim)
        if (c, CG.predicate, CG.relieves) in seed_graph
    )
    assert isinstance(relieves, URIRef)
    ama = next(
        e for e in seed_graph.subjects(RDF.type, CG.Organization) if "medical-association" in str(e)
    )
    broken = Graph()
    for triple in seed_graph:
        if not (triple[0] == relieves and triple[1] == CG.subject):
            broken.add(triple)
    assert isinstance(ama, URIRef)
    broken.add((relieves, CG.subject, ama))
    with pytest.raises(ValidationError, match="rdfs:domain"):
        check_shapes(broken, paths.SHAPES, paths.ONTOLOGY)


def test_a_misspelt_quantifier_is_a_data_error(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statements = data_copy / "statements" / f"{SEED}.yaml"
    line = replace_once(statements, "quantifier: notAlways", "quantifier: not always")
    assert main(["build", "--data", str(data_copy), "--out-dir", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{statements}:{line}: field 'statements[" in err and "qualifiers.quantifier'" in err
    assert "use one of: some, most, all, notAlways, automatically" in err


def test_the_signature_check_an_extractor_can_call(seed_dataset: Dataset) -> None:
    signatures = load_signatures()
    entities = seed_dataset.vocabulary.entities
    bad = Claim("american-medical-association", Relation.RELIEVES, "pain")
    assert signatures.violation(bad, entities) == Violation(
        "subject", "american-medical-association", "Organization", "domain", "Substance"
    )
    assert signatures.violation(Claim("kratom", Relation.LEGAL_IN, "pain"), entities) == Violation(
        "object", "pain", "Condition", "range", "Jurisdiction"
    )
    # a Plant is a Substance through the ontology's subclass axioms
    assert signatures.violation(Claim("kratom", Relation.RELIEVES, "pain"), entities) is None
    assert [s for s in seed_dataset.statements if signatures.violation(s.claim, entities)] == []
