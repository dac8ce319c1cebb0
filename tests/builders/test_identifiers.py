from __future__ import annotations

import ast
from pathlib import Path

import pytest

from builders.evidence import ID_EXAMPLES
from builders.evidence_to_rdf import ID_PROPERTY
from builders.identifiers import (
    LOCAL_ID_PATTERNS,
    STUDY_ID_PATTERNS,
    cas_check_digit_ok,
    curie_problem,
    expand,
    issn_check_digit_ok,
)
from builders.iris import STUDY_ID_SCHEMES, Minter
from builders.records import Dataset
from graph.namespace import CONVERTER, ENTITY_SCHEMES, PREFIXES, STUDY_SCHEMES
from graph.view.network import LINK_PREFIXES


@pytest.mark.parametrize("cas", ["4098-40-2", "174418-82-7", "1972-08-3", "7732-18-5"])
def test_cas_check_digits_accept_real_numbers(cas: str) -> None:
    assert cas_check_digit_ok(cas)


def test_cas_check_digit_rejects_a_typo() -> None:
    assert not cas_check_digit_ok("4098-40-3")
    assert curie_problem("cas:4098-40-3") == "'4098-40-3' fails the cas check digit"


def test_issn_check_digit() -> None:
    assert issn_check_digit_ok("1526-5900")
    assert not issn_check_digit_ok("1526-5901")


@pytest.mark.parametrize(
    ("curie", "problem"),
    [
        ("chebi:17303", None),
        ("uniprot:P35372", None),
        ("mesh:D059350", None),
        ("wikidata:Q30", None),
        ("chebi:CHEBI:17303", "is not a well-formed chebi identifier"),
        ("uniprot:p35372", "is not a well-formed uniprot identifier"),
        ("mesh:59350", "is not a well-formed mesh identifier"),
        ("foo:1", "does not start with a known prefix"),
        ("17303", "does not start with a known prefix"),
    ],
)
def test_curie_patterns(curie: str, problem: str | None) -> None:
    found = curie_problem(curie)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_expansion_gives_canonical_iris() -> None:
    assert expand("chebi:17303") == "http://purl.obolibrary.org/obo/CHEBI_17303"
    assert expand("mesh:D059350") == "http://id.nlm.nih.gov/mesh/D059350"
    assert expand("uniprot:P35372") == "http://purl.uniprot.org/uniprot/P35372"
    assert expand("wikidata:Q30") == "http://www.wikidata.org/entity/Q30"


# -- one converter for every prefix, CURIE and IRI --------------------------------------

ROOT = Path(__file__).resolve().parents[2]
OWN_PREFIX_TABLE = ROOT / "graph" / "namespace.py"


def test_every_scheme_has_one_record_with_a_pattern_in_the_converter() -> None:
    schemes = STUDY_SCHEMES + ENTITY_SCHEMES
    assert {r.prefix: r.uri_prefix for r in CONVERTER.records} == PREFIXES
    assert len({r.uri_prefix for r in CONVERTER.records}) == len(PREFIXES)
    assert all(CONVERTER.pattern_map[r.prefix] == r.pattern for r in schemes)
    assert set(CONVERTER.pattern_map) == {r.prefix for r in schemes}
    assert list(LOCAL_ID_PATTERNS) == [r.prefix for r in ENTITY_SCHEMES]
    assert list(STUDY_ID_PATTERNS) == list(STUDY_ID_SCHEMES) == [r.prefix for r in STUDY_SCHEMES]


def test_the_study_tables_name_exactly_the_converters_study_schemes() -> None:
    assert set(ID_EXAMPLES) == set(ID_PROPERTY) == set(STUDY_ID_SCHEMES)
    for scheme, example in ID_EXAMPLES.items():
        prefix, _, local = example.partition(":")
        assert prefix == scheme and STUDY_ID_PATTERNS[scheme].match(local), example
        iri = Minter.study_id(scheme, local)
        assert CONVERTER.compress(iri) == example and str(iri).startswith(LINK_PREFIXES)


def test_a_study_iri_compresses_and_expands_through_the_converter(seed_dataset: Dataset) -> None:
    minter = Minter()
    for study in seed_dataset.evidence.studies.values():
        iri = str(minter.study(study))
        curie = CONVERTER.compress(iri, passthrough=True)
        assert CONVERTER.expand(curie, passthrough=True) == iri


def _restated_prefixes(path: Path, uri_prefixes: set[str]) -> list[str]:
    """String constants in ``path`` that are an IRI prefix of the converter, and f-strings
    that start with one (an IRI built by hand instead of expanded)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
            text = head.value if isinstance(head, ast.Constant) else None
            hit = isinstance(text, str) and text.startswith(tuple(uri_prefixes))
        elif isinstance(node, ast.Constant):
            text = node.value
            hit = isinstance(text, str) and text in uri_prefixes
        else:
            continue
        if hit:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    return found


def test_no_module_restates_a_prefix_of_the_converter() -> None:
    uri_prefixes = {r.uri_prefix for r in CONVERTER.records}
    modules = [p for d in ("builders", "graph", "bench") for p in (ROOT / d).rglob("*.py")]
    restated = [
        hit
        for path in modules
        if path != OWN_PREFIX_TABLE
        for hit in _restated_prefixes(path, uri_prefixes)
    ]
    assert restated == []
