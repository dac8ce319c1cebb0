"""Each named query's answer on the seed graph, row by row."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from builders.errors import QueryError
from graph import api
from graph.catalogue import catalogue

CHRONIC_PAIN_QUOTE = (
    "chronic pain sufferers dramatically reduce the amount of opioids they use for relief "
    "from pain when they are taking medical marijuana"
)


def test_every_named_query_states_its_question_and_runs(seed_store: ox.Store) -> None:
    queries = catalogue()
    assert {
        "statements",
        "claims-about-substance",
        "attributed-statements",
        "entity-identifiers",
        "repeated-claims",
    } <= set(queries)
    for name, query in queries.items():
        assert query.question.endswith("?"), name
        params = {p: "kratom" for p in query.params}
        api.ask(seed_store, name, **params)


def test_statements(seed_store: ox.Store) -> None:
    rows = {r["quote"]: r for r in api.ask(seed_store, "statements").records()}
    negated = rows["but not the dangerous addictive properties"]
    assert (negated["modality"], negated["claimLabel"]) == (
        "asserted",
        "marijuana does not have property addictive",
    )
    promise = rows["Kratom is also showing great promise."]
    assert (promise["modality"], promise["claimLabel"]) == (
        "speculative",
        "kratom treats opioid withdrawal",
    )
    receptor = rows[
        "Kratom also interacts with the brain in the same way and with the same "
        "nerve receptor as opioids."
    ]
    assert (receptor["start"], receptor["end"]) == ("1692", "1789")
    assert receptor["claimLabel"] == "kratom acts on mu-opioid receptor"


def test_claims_about_kratom(seed_store: ox.Store) -> None:
    answer = api.ask(seed_store, "claims-about-substance", substance="Mitragyna speciosa")
    found = {
        (r["role"], r["relation"], r["object"], r["negated"], r["statements"], r["verdict"])
        for r in answer.records()
    }
    insufficient = "insufficient evidence"
    assert found == {
        ("subject", "actsOn", "brain and nervous system", "false", "1", insufficient),
        ("subject", "actsOn", "mu-opioid receptor", "false", "1", "supported"),
        ("subject", "hasProperty", "understudied", "false", "1", "supported"),
        ("subject", "legalIn", "the world", "false", "1", "contested"),
        ("subject", "mimics", "opioids", "false", "2", "supported"),
        ("subject", "relieves", "opioid withdrawal", "false", "1", insufficient),
        ("subject", "treats", "opioid addiction", "false", "2", insufficient),
        ("subject", "treats", "opioid withdrawal", "false", "2", insufficient),
        ("subject", "usedFor", "traditional use", "false", "1", insufficient),
    }


def test_claims_about_opioids_include_them_as_object(seed_store: ox.Store) -> None:
    answer = api.ask(seed_store, "claims-about-substance", substance="opioids")
    as_object = {(r["subject"], r["relation"]) for r in answer.records() if r["role"] == "object"}
    assert as_object == {
        ("kratom", "mimics"),
        ("medical marijuana", "reducesUseOf"),
    }


def test_attributed_statements(seed_store: ox.Store) -> None:
    answer = api.ask(seed_store, "attributed-statements")
    assert {(r["authority"], r["quote"]) for r in answer.records()} == {
        ("American Medical Association", CHRONIC_PAIN_QUOTE),
        ("The Journal of Pain", CHRONIC_PAIN_QUOTE),
    }


def test_entity_identifiers(seed_store: ox.Store) -> None:
    rows = {
        (r["entity"], r["match"], r["identifier"])
        for r in api.ask(seed_store, "entity-identifiers").records()
    }
    assert ("mu-opioid-receptor", "exactMatch", "uniprot:P35372") in rows
    assert ("morphine", "exactMatch", "chebi:17303") in rows
    assert ("opioid-withdrawal", "broadMatch", "mesh:D013375") in rows
    assert ("kratom", "exactMatch", "gbif:7461054") in rows


def test_repeated_claims(seed_store: ox.Store) -> None:
    answer = api.ask(seed_store, "repeated-claims")
    assert {r["claimLabel"]: r["times"] for r in answer.records()} == {
        "opioid withdrawal has property distressing": "3",
        "kratom mimics opioids": "2",
        "kratom treats opioid addiction": "2",
        "kratom treats opioid withdrawal": "2",
        "medical marijuana treats opioid withdrawal": "2",
        "opioids causes euphoria": "2",
    }


def test_parameters_are_bound_as_literals_not_pasted(seed_store: ox.Store) -> None:
    hostile = 'kratom") } UNION { ?claim ?p ?o } #'
    assert api.ask(seed_store, "claims-about-substance", substance=hostile).rows == ()


def test_parameter_errors(seed_store: ox.Store) -> None:
    with pytest.raises(QueryError, match="missing parameter 'substance'"):
        api.ask(seed_store, "claims-about-substance")
    with pytest.raises(QueryError, match=r"unknown parameter 'drug' \(this query takes: substance"):
        api.ask(seed_store, "claims-about-substance", substance="kratom", drug="x")


def test_syntax_error_gives_position(seed_store: ox.Store) -> None:
    with pytest.raises(QueryError, match=r"SPARQL syntax error: error at 1:2\d"):
        api.ask(seed_store, "SELECT ?x WHERE { ?x ?y }")


def test_answers_render_as_escaped_html_tables() -> None:
    from graph.sparql import Answer

    answer = Answer(("quote",), (("<script>alert(1)</script> & more",),))
    table = answer._repr_html_()
    assert "<script>" not in table
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in table
    assert table.startswith("<table><thead><tr><th>quote</th>")
