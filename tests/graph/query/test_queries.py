"""Each named query's answer on the seed graph, row by row."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import SKOS

from builders.nameindex import LOOKUP_KEY
from graph import api
from graph.errors import QueryError
from graph.query.catalogue import bind_names, bind_with, catalogue, resolve_name
from graph.query.sparql import select
from graph.store.memory import load_store

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
    from graph.query.sparql import Answer

    answer = Answer(("quote",), (("<script>alert(1)</script> & more",),))
    table = answer._repr_html_()
    assert "<script>" not in table
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in table
    assert table.startswith("<table><thead><tr><th>quote</th>")


def test_rows_follow_the_select_order_and_unbound_cells_are_empty() -> None:
    from graph.query.sparql import render

    store = ox.Store()
    node = ox.NamedNode("https://example.org/a")
    store.add(ox.Quad(node, ox.NamedNode("https://example.org/p"), ox.Literal("x")))
    # the SELECT lists the variables in another order than the pattern binds them
    text = (
        "SELECT ?value ?missing ?s "
        "WHERE { ?s ?p ?value OPTIONAL { ?s ?q ?missing . FILTER(false) } }"
    )
    answer = select(store, text)
    assert answer.variables == ("value", "missing", "s")
    assert answer.rows == (("x", "", "https://example.org/a"),)
    assert render(store, text, "table").splitlines()[2].split() == ["x", "https://example.org/a"]


LOOKED_UP = {
    "claims-about-substance": ("substance", "MOR", "entity"),
    "receptor-claims": ("receptor", "MOR", "receptorNode"),
    "claim-trail": ("claim", "Kratom acts on mu-opioid receptor", "claimNode"),
}
MOR = "<https://w3id.org/claimgraph/id/entity/mu-opioid-receptor>"


def _store_copy(seed_out: Path) -> ox.Store:
    return load_store(seed_out / "claims.nt")


def test_every_parameter_is_read_through_the_name_index() -> None:
    with_params = {name: q for name, q in catalogue().items() if q.params}
    assert set(with_params) == set(LOOKED_UP)
    for name, query in with_params.items():
        param, _value, variable = LOOKED_UP[name]
        assert query.lookups == {param: variable}, name
        # without a binding, the query finds the node by its key, never by comparing labels
        assert f"?{variable} cg:lookupKey" in query.text, name
        assert "LCASE(STR(?label))" not in query.text and "LCASE(STR(?name))" not in query.text


def test_bound_queries_start_from_the_iri_in_every_group(seed_store: ox.Store) -> None:
    for name, (param, value, variable) in LOOKED_UP.items():
        query = catalogue()[name]
        bound = bind_names(seed_store, query.text, {param: value})
        groups = re.findall(r"WHERE\s*\{\s*(.*)", bound)
        assert groups, name
        for first in groups:  # the first line of each group binds the node to its IRI
            assert first.startswith(f"VALUES ?{variable} {{ <") or first.startswith(
                f"VALUES (?{variable} ?{param}) {{ (<"
            ), (name, first)
        if name == "claim-trail":  # both subqueries are scoped to the claim too
            assert len(groups) == 3
    assert MOR in bind_names(seed_store, catalogue()["receptor-claims"].text, {"receptor": "mor"})


def test_lookups_read_the_index_not_the_labels(seed_out: Path) -> None:
    store = _store_copy(seed_out)
    before = {name: api.ask(store, name, **{p: v}).rows for name, (p, v, _) in LOOKED_UP.items()}
    assert all(before.values())
    # without the synonyms the answer by a synonym stays (the name comes from the index) ...
    for quad in list(store.quads_for_pattern(None, ox.NamedNode(str(SKOS.altLabel)), None)):
        store.remove(quad)
    assert api.ask(store, "receptor-claims", receptor="MOR").rows == before["receptor-claims"]
    # ... and without the index nothing is found
    for quad in list(store.quads_for_pattern(None, ox.NamedNode(str(LOOKUP_KEY)), None)):
        store.remove(quad)
    for name, (param, value, _) in LOOKED_UP.items():
        assert api.ask(store, name, **{param: value}).rows == (), name


def test_bound_and_unbound_forms_give_the_same_rows(seed_store: ox.Store) -> None:
    """The text alone (as at an endpoint) and the bound text agree, for names and non-names."""
    for name, (param, value, _) in LOOKED_UP.items():
        query = catalogue()[name]
        for given in (value, value.upper(), "no such name"):
            unbound = select(seed_store, query.text, {param: given}, query.params)
            bound = select(
                seed_store, bind_names(seed_store, query.text, {param: given}), {param: given}
            )
            assert sorted(bound.rows) == sorted(unbound.rows), (name, given)
            assert (given == "no such name") == (bound.rows == ()), (name, given)


def test_a_name_that_names_several_nodes_binds_each(seed_out: Path) -> None:
    store = _store_copy(seed_out)
    delta = ox.NamedNode("https://w3id.org/claimgraph/id/entity/delta-opioid-receptor")
    store.add(ox.Quad(delta, ox.NamedNode(str(LOOKUP_KEY)), ox.Literal("mor")))
    assert resolve_name(store, "MOR") == [delta, ox.NamedNode(MOR[1:-1])]
    bound = bind_names(store, catalogue()["receptor-claims"].text, {"receptor": "MOR"})
    assert f'({delta} "MOR") ({MOR} "MOR")' in bound


def test_a_hostile_name_stays_a_literal(seed_store: ox.Store) -> None:
    hostile = 'x" } } SELECT * WHERE { ?s ?p ?o } #\n'
    for name, (param, _value, _) in LOOKED_UP.items():
        text = bind_names(seed_store, catalogue()[name].text, {param: hostile})
        assert api.ask(seed_store, text, **{param: hostile}).rows == ()
        assert "?s ?p ?o" not in text.split("WHERE", 1)[1].split("\n", 2)[1]


def _inside(text: str, line: str) -> str:
    """``text`` with ``line`` right after its first ``WHERE {`` (as the README says)."""
    head, where, rest = text.partition("WHERE {")
    return f"{head}{where}\n  {line}{rest}"


def test_the_readme_endpoint_binding_works_as_written(seed_store: ox.Store) -> None:
    """At an endpoint there are no substitutions: the text binds itself with VALUES."""
    text = catalogue()["claims-about-substance"].text
    expected = sorted(api.ask(seed_store, "claims-about-substance", substance="kratom").rows)
    kratom = "<https://w3id.org/claimgraph/id/entity/kratom>"
    both = _inside(text, f'VALUES (?entity ?substance) {{ ({kratom} "kratom") }}')
    assert sorted(select(seed_store, both).rows) == expected
    upper = sorted(select(seed_store, _inside(text, 'VALUES ?substance { "Kratom" }')).rows)
    assert [row[1:] for row in upper] == [row[1:] for row in expected]  # ?substance as given
    trailing = text + '\nVALUES ?substance { "kratom" }\n'
    assert select(seed_store, trailing).rows == ()  # as the README warns
    trail = catalogue()["claim-trail"].text
    label = "kratom acts on mu-opioid receptor"
    node = resolve_name(seed_store, label)[0]
    outer, *subqueries = trail.split("WHERE {")[1:]
    scoped = "".join(
        [
            trail.split("WHERE {")[0],
            f'WHERE {{\n  VALUES (?claimNode ?claim) {{ ({node} "{label}") }}{outer}',
            *(f"WHERE {{\n  VALUES ?claimNode {{ {node} }}{part}" for part in subqueries),
        ]
    )
    assert sorted(select(seed_store, scoped).rows) == sorted(
        api.ask(seed_store, "claim-trail", claim=label).rows
    )


def test_values_go_into_real_groups_only() -> None:
    """Braces and WHEREs inside comments, strings and IRIs are not groups."""
    text = (
        "# Question: q?\n# Param: x a name\n# Lookup: x ?node\n"
        "SELECT ?x ?node WHERE { # not a group: WHERE { ?node\n"
        '  ?node <http://example.org/a#b> "} WHERE { ?node" .\n'
        "  FILTER(?x < ?x || ?x = ?x)\n"
        "  { SELECT ?node WHERE { ?node ?p '}' } }\n"
        "  OPTIONAL { SELECT ?other WHERE { ?other ?p ?o } }\n"
        "}\n"
    )
    node = ox.NamedNode("http://example.org/n")
    bound = bind_with(lambda name: [node], text, {"x": 'a "b"'})
    assert bound.count("VALUES") == 2
    assert f'VALUES (?node ?x) {{ ({node} "a \\"b\\"") }} # not a group' in bound
    assert f"SELECT ?node WHERE {{\n  VALUES ?node {{ {node} }} ?node ?p '}}'" in bound
    assert "SELECT ?other WHERE { ?other" in bound
