from __future__ import annotations

import pytest

from builders.identifiers import cas_check_digit_ok, curie_problem, expand, issn_check_digit_ok


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
