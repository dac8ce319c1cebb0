"""The written outputs: deterministic, isomorphic across formats, valid, claims unasserted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.compare import isomorphic

from builders import paths
from builders.build import BuildOptions, build_graph
from builders.records import Dataset
from builders.shacl import check_shapes
from builders.to_rdf import to_rdf
from graph.namespace import CG


def build_in_subprocess(out: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run(
        [sys.executable, "-m", "graph.cli", "build", "--out-dir", str(out)],
        check=True,
        env=env,
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
    )


def test_two_builds_give_identical_bytes(tmp_path: Path) -> None:
    build_in_subprocess(tmp_path / "a", "1")
    build_in_subprocess(tmp_path / "b", "2")
    for name in ("claims.ttl", "claims.nt", "claims.jsonld", "claims.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_formats_parse_back_isomorphic(seed_out: Path) -> None:
    expected = build_graph(BuildOptions())
    for name, fmt in (("claims.ttl", "turtle"), ("claims.nt", "nt"), ("claims.jsonld", "json-ld")):
        parsed = Graph().parse(seed_out / name, format=fmt)
        assert isomorphic(parsed, expected), name


def test_seed_graph_conforms_to_shapes(seed_graph: Graph) -> None:
    check_shapes(seed_graph, paths.SHAPES, paths.ONTOLOGY)


def test_no_claim_triple_is_asserted(seed_graph: Graph) -> None:
    claims = list(seed_graph.subjects(RDF.type, CG.Claim))
    assert claims
    for claim in claims:
        s = seed_graph.value(claim, CG.subject)
        p = seed_graph.value(claim, CG.predicate)
        o = seed_graph.value(claim, CG.object)
        assert s is not None and p is not None and o is not None
        assert (s, p, o) not in seed_graph
        assert not list(seed_graph.triples((None, p, None))), f"{p} is used as a predicate"


def test_graph_has_no_blank_nodes(seed_graph: Graph) -> None:
    assert not any(term.n3().startswith("_:") for triple in seed_graph for term in triple)


def test_base_namespace_is_configurable(seed_dataset: Dataset) -> None:
    dataset = seed_dataset
    graph = to_rdf(dataset, base="https://example.org/kg/")
    subjects = {str(s) for s in graph.subjects(RDF.type, CG.Claim)}
    assert subjects and all(s.startswith("https://example.org/kg/claim/") for s in subjects)
    default = {str(s).rsplit("/", 1)[1] for s in to_rdf(dataset).subjects(RDF.type, CG.Claim)}
    assert {s.rsplit("/", 1)[1] for s in subjects} == default  # hashes do not depend on base


def test_ingesting_the_same_article_twice_adds_nothing(
    seed_graph: Graph, seed_dataset: Dataset
) -> None:
    dataset = seed_dataset
    doubled = Dataset(
        dataset.vocabulary, dataset.articles * 2, dataset.statements * 2, dataset.evidence
    )
    assert isomorphic(to_rdf(doubled), seed_graph)
