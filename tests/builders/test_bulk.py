"""The large-corpus build path writes exactly what the validated build writes."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph, Literal, URIRef

from bench.corpus import CorpusSpec, generate
from builders import ntriples as writer
from builders import paths
from builders.bulk import ntriples
from builders.ntriples import NTriplesSink
from builders.records import Dataset
from builders.shacl import check_shapes
from builders.to_rdf import to_rdf


def test_seed_graph_bytes_equal_the_validated_build(seed_dataset: Dataset) -> None:
    as_of = (dt.date(2019, 6, 1),)
    assert ntriples(seed_dataset, as_of=as_of) == writer.write(to_rdf(seed_dataset, as_of=as_of))


def test_synthetic_graph_bytes_equal_the_validated_build() -> None:
    dataset = generate(CorpusSpec(articles=40, seed=11))
    base = "https://example.org/claims/"
    assert ntriples(dataset, base) == writer.write(to_rdf(dataset, base))


def test_synthetic_corpus_conforms_to_the_shapes() -> None:
    dataset = generate(CorpusSpec(articles=6, seed=3, studies=40))
    check_shapes(to_rdf(dataset), paths.SHAPES, paths.ONTOLOGY)


def test_corpus_is_reproducible_from_its_seed() -> None:
    assert generate(CorpusSpec(articles=5, seed=1)) == generate(CorpusSpec(articles=5, seed=1))
    assert generate(CorpusSpec(articles=5, seed=1)) != generate(CorpusSpec(articles=5, seed=2))


def test_corpus_has_a_realistic_spread() -> None:
    dataset = generate(CorpusSpec(articles=200))
    subjects = [s.claim.subject for s in dataset.statements]
    claims = [s.claim for s in dataset.statements]
    assert len({e for e in dataset.vocabulary.entities if e.startswith("substance-")}) >= 400
    assert len(set(subjects)) >= 100  # many substances are written about ...
    assert subjects.count("substance-0000") > len(subjects) / 10  # ... a few far more often
    assert len(set(claims)) < len(claims)  # claims recur across articles
    assert len(dataset.evidence.studies) >= 300 and dataset.evidence.lines
    assert any(s.attributed_to for s in dataset.statements)


def test_sink_writes_what_rdflib_parses_back() -> None:
    graph = Graph().parse(
        data='<https://e.org/s> <https://e.org/p> "two\\nlines \\"quoted\\" \\\\ back"@en .',
        format="nt",
    )
    sink = NTriplesSink()
    for triple in graph:
        sink.add(triple)
    assert set(Graph().parse(data=sink.ntriples(), format="nt")) == set(graph)
    with pytest.raises(ValueError, match="cannot be written in N-Triples"):
        sink.add((URIRef("https://e.org/a b"), URIRef("https://e.org/p"), Literal(1)))


def test_the_bulk_build_restores_the_garbage_collector() -> None:
    import gc

    dataset = generate(CorpusSpec(articles=2, seed=1))
    assert gc.isenabled()
    ntriples(dataset)
    assert gc.isenabled()
    gc.disable()
    try:
        ntriples(dataset)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
