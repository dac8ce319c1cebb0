"""The networkx projection: the same claims, articles and studies as the RDF graph."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from graph import api
from graph.cli import main
from graph.errors import QueryError
from graph.view.network import Selection, claim_edges, project, select, serialize

KRATOM_MOR = "kratom acts on mu-opioid receptor"


def sparql_set(store: ox.Store, query: str) -> set[str]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return {solution[0].value for solution in result}


@pytest.fixture(scope="module")
def picture(seed_store: ox.Store) -> nx.MultiDiGraph:
    return project(seed_store)


def claim_by_label(picture: nx.MultiDiGraph, label: str) -> dict[str, Any]:
    return next(d for _, _, _, d in claim_edges(picture) if d["label"] == label)


def test_one_edge_per_claim_from_subject_to_object(
    picture: nx.MultiDiGraph, seed_store: ox.Store
) -> None:
    cg = "https://w3id.org/claimgraph/vocab#"
    claims = sparql_set(seed_store, f"SELECT ?c WHERE {{ ?c a <{cg}Claim> }}")
    edges = list(claim_edges(picture))
    assert {key for _, _, key, _ in edges} == claims
    assert len(edges) == len(claims)
    triples = seed_store.query(f"SELECT ?c ?s ?o WHERE {{ ?c <{cg}subject> ?s ; <{cg}object> ?o }}")
    assert isinstance(triples, ox.QuerySolutions)
    for claim, subject, obj in triples:
        assert picture.has_edge(subject.value, obj.value, key=claim.value)


def test_articles_and_studies_are_nodes(picture: nx.MultiDiGraph, seed_store: ox.Store) -> None:
    cg = "https://w3id.org/claimgraph/vocab#"
    kinds: dict[str, set[str]] = {}
    for node, data in picture.nodes(data=True):
        kinds.setdefault(data["kind"], set()).add(node)
    assert kinds["article"] == sparql_set(seed_store, f"SELECT ?a WHERE {{ ?a a <{cg}Article> }}")
    assert kinds["study"] == sparql_set(
        seed_store, f"SELECT DISTINCT ?s WHERE {{ ?l <{cg}evidenceFrom> ?s }}"
    )


def test_claim_edge_carries_quote_verdict_and_evidence(picture: nx.MultiDiGraph) -> None:
    claim = claim_by_label(picture, KRATOM_MOR)
    assert claim["verdict"] == "supported"
    assert claim["relation"] == "actsOn" and claim["negated"] is False
    statements = claim["statements"]
    assert statements[0]["quote"].startswith("Kratom also interacts with the brain")
    article = picture.nodes[statements[0]["article"]]
    assert article["label"] == "Medical Marijuana and Kratom for Opioid Withdrawal"
    evidence = claim["evidence"]
    assert {line["direction"] for line in evidence} == {"supports"}
    studies = [picture.nodes[line["study"]] for line in evidence]
    assert any(study["label"].startswith("Kruegel") for study in studies)
    assert all(study["link"].startswith("https://") for study in studies)


def test_negated_claim_and_credited_authority(picture: nx.MultiDiGraph) -> None:
    negated = [d for _, _, _, d in claim_edges(picture) if d["negated"]]
    assert negated and all(d["relation_label"].split()[1] == "not" for d in negated)
    assert {d["relation"]: d["relation_label"] for d in negated}["hasProperty"] == (
        "does not have property"  # a plain denial, not "not has property"
    )
    credited = {
        picture.nodes[u]["label"] for u, _, d in picture.edges(data=True) if d["kind"] == "credited"
    }
    assert credited == {"American Medical Association", "The Journal of Pain"}


CLAIM_LISTS = ("articles", "statements", "evidence", "as_of")


def test_claim_records_are_native_lists_not_json_text(picture: nx.MultiDiGraph) -> None:
    claims = [data for *_, data in claim_edges(picture)]
    assert claims
    for data in claims:
        assert all(isinstance(data[name], list) for name in CLAIM_LISTS), data["label"]
        assert all(isinstance(article, str) for article in data["articles"])
        for statement in data["statements"]:
            assert type(statement["start"]) is int and type(statement["end"]) is int
            assert type(statement["extracted"]) is bool
            assert statement["confidence"] is None or type(statement["confidence"]) is float
            assert isinstance(statement["credited"], list)
        assert all(type(line["decisive"]) is bool for line in data["evidence"])
    assert any(data["statements"] for data in claims) and any(d["evidence"] for d in claims)


def test_other_attributes_are_plain_scalars(picture: nx.MultiDiGraph) -> None:
    values = [v for _, d in picture.nodes(data=True) for v in d.values()]
    for *_, data in picture.edges(keys=True, data=True):
        lists = CLAIM_LISTS if data["kind"] == "claim" else ()
        values += [v for name, v in data.items() if name not in lists]
    assert all(isinstance(v, str | bool | int | float) for v in values)
    assert any(v is True for v in values) and any(v is False for v in values)


def test_graphml_reads_back_with_the_same_values(picture: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.BytesIO(serialize(picture, "graphml")))
    assert dict(back.nodes(data=True)) == dict(picture.nodes(data=True))
    edges = {(u, v, k): d for u, v, k, d in picture.edges(keys=True, data=True)}
    read = {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)}
    assert read.keys() == edges.keys()
    for edge, data in edges.items():
        decoded = {
            name: json.loads(value) if data["kind"] == "claim" and name in CLAIM_LISTS else value
            for name, value in read[edge].items()
        }
        assert decoded == data, edge


def test_export_leaves_the_projection_as_it_was(picture: nx.MultiDiGraph) -> None:
    before = [dict(d) for *_, d in claim_edges(picture)]
    serialize(picture, "graphml")
    assert [dict(d) for *_, d in claim_edges(picture)] == before
    assert all(isinstance(d["statements"], list) for *_, d in claim_edges(picture))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_reads_back_with_the_same_edges(picture: nx.MultiDiGraph, fmt: str) -> None:
    data = serialize(picture, fmt)
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = reader(io.BytesIO(data))
    assert set(back.nodes) == set(picture.nodes)
    assert back.number_of_edges() == picture.number_of_edges()
    assert data == serialize(picture, fmt)  # no date or order changes between runs


def test_focus_keeps_claims_within_depth(picture: nx.MultiDiGraph) -> None:
    focused = select(picture, Selection(focus="kratom", depth=1))
    kratom = next(n for n, d in picture.nodes(data=True) if d.get("entity_id") == "kratom")
    for subject, obj, _, _ in claim_edges(focused):
        assert kratom in (subject, obj)
    wider = select(picture, Selection(focus="kratom", depth=2))
    assert len(list(claim_edges(wider))) > len(list(claim_edges(focused)))
    assert kratom in wider


def test_verdict_and_article_selection(picture: nx.MultiDiGraph) -> None:
    disputed = select(picture, Selection(verdicts=("disputed",)))
    assert {d["verdict"] for *_, d in claim_edges(disputed)} == {"disputed"}
    by_label = select(picture, Selection(verdicts=("not assessable",)))
    assert {d["verdict"] for *_, d in claim_edges(by_label)} == {"notAssessable"}
    article = select(picture, Selection(articles=("000_5d16975f47f5a72c",)))
    assert len(list(claim_edges(article))) == len(list(claim_edges(picture)))


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (Selection(focus="kratum"), "did you mean kratom"),
        (Selection(verdicts=("true",)), "no claim has the verdict 'true'"),
        (Selection(articles=("999_x",)), "no article '999_x'"),
        (Selection(focus="kratom", depth=0), "depth must be 1 or more"),
    ],
)
def test_bad_selection_says_what_is_wrong(
    picture: nx.MultiDiGraph, selection: Selection, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        select(picture, selection)


def test_export_command_writes_graphml(seed_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "focus.graphml"
    args = ["export", "--graph-file", str(seed_out / "claims.nt"), "--focus", "kratom", "-o"]
    assert main([*args, str(target)]) == 0
    back = nx.read_graphml(target)
    expected = api.picture(seed_out / "claims.nt", Selection(focus="kratom"))
    assert set(back.nodes) == set(expected.nodes)


def test_bad_focus_exits_with_usage_error(
    seed_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "view.html"
    args = [
        "draw",
        "--graph-file",
        str(seed_out / "claims.nt"),
        "--focus",
        "kratum",
        "-o",
        str(target),
    ]
    assert main(args) == 2
    assert "did you mean kratom" in capsys.readouterr().err
    assert not target.exists()


def test_decisive_lines_are_the_ones_the_verdict_rule_counts(picture: nx.MultiDiGraph) -> None:
    seen = set()
    for _, _, _, data in claim_edges(picture):
        lines = data["evidence"]
        decisive = {line["direction"] for line in lines if line["decisive"]}
        for line in lines:
            assert line["decisive"] == (
                line["strength"] in {"strong", "moderate"} and line["direction"] != "qualifies"
            )
        expected = {
            "supported": {"supports"},
            "disputed": {"disputes"},
            "contested": {"supports", "disputes"},
            "insufficientEvidence": set(),
        }
        decided_by_laws = data["rule"].startswith("rule L")  # legal status: rules L1-L4
        if data["verdict"] in expected and not decided_by_laws:
            assert decisive == expected[data["verdict"]], data["label"]
            seen.add(data["verdict"])
    assert {"supported", "insufficientEvidence"} <= seen


def test_verdict_as_of_each_article_date(picture: nx.MultiDiGraph, seed_store: ox.Store) -> None:
    cg = "https://w3id.org/claimgraph/vocab#"
    rows = seed_store.query(
        f"""SELECT ?claim ?date ?verdict WHERE {{
          ?s <{cg}expresses> ?claim ; <{cg}statedIn>/<https://schema.org/datePublished> ?date .
          ?a <https://schema.org/itemReviewed> ?claim ; <{cg}asOf> ?date ; <{cg}verdict> ?verdict
        }}"""
    )
    assert isinstance(rows, ox.QuerySolutions)
    expected = {(c.value, d.value, v.value.rsplit("#", 1)[1]) for c, d, v in rows}
    assert expected
    found = {
        (key, dated["as_of"], dated["verdict"])
        for _, _, key, data in claim_edges(picture)
        for dated in data["as_of"]
    }
    assert found == expected


def test_study_identifiers_and_likely_sources(
    picture: nx.MultiDiGraph, seed_store: ox.Store
) -> None:
    cg = "https://w3id.org/claimgraph/vocab#"
    dois = sparql_set(seed_store, f"SELECT ?d WHERE {{ ?s <{cg}doi> ?d ; a <{cg}Study> }}")
    shown = {d["doi"] for _, d in picture.nodes(data=True) if d["kind"] == "study" and d["doi"]}
    assert shown and shown <= dois
    sources = [
        credit
        for _, _, _, data in claim_edges(picture)
        for statement in data["statements"]
        for credit in statement["credited"]
        if credit["likely_source"]
    ]
    assert sources, "the seed credits at least one authority with an inferred source"
    for credit in sources:
        citation = sparql_set(
            seed_store,
            f"SELECT ?c WHERE {{ <{credit['likely_source']}> "
            "<http://purl.org/dc/terms/bibliographicCitation> ?c }",
        )
        assert credit["likely_source_label"] in citation | {credit["likely_source"]}
