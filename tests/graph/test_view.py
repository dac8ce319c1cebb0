"""The HTML view as a file: self-contained, escaped, reproducible, written by build."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph import api
from graph.cli import main
from graph.network import Selection, claim_edges
from graph.view import View, render
from tests.conftest import HOSTILE_QUOTE, HOSTILE_TITLE


def page_data(page: str) -> dict[str, Any]:
    """The JSON the page's script reads (the browser tests check what it draws)."""
    match = re.search(
        r'<script id="claimgraph-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_build_writes_the_view_of_the_whole_graph(seed_out: Path) -> None:
    page = (seed_out / "claims.html").read_text(encoding="utf-8")
    picture = api.picture(seed_out / "claims.nt")
    data = page_data(page)
    assert {n["cg"]["iri"] for n in data["nodes"]} == set(picture.nodes)
    assert {e["cg"]["key"] for e in data["edges"]} == {k for *_, k in picture.edges(keys=True)}
    iri = {n["id"]: n["cg"]["iri"] for n in data["nodes"]}
    for edge in data["edges"]:
        assert picture.has_edge(iri[edge["from"]], iri[edge["to"]], key=edge["cg"]["key"])


def test_page_loads_nothing_from_outside(seed_out: Path) -> None:
    page = (seed_out / "claims.html").read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page)
    assert all("src=" not in tag and "href=" not in tag for tag in tags), tags
    assert "sourceMappingURL" not in page
    assert "default-src 'none'" in page  # the browser refuses any fetch the page might try


def test_markup_in_article_text_stays_text(hostile_out: Path) -> None:
    page = (hostile_out / "claims.html").read_text(encoding="utf-8")
    assert "<img" not in page
    assert "<b onmouseover" not in page
    assert "alert(2)</script>" not in page and "<script>alert(2)" not in page
    assert page.count("</script>") == 3  # closes vis-network, the data and view.js only
    data = page_data(page)
    quotes = [
        s["quote"]
        for e in data["edges"]
        if e["cg"]["kind"] == "claim"
        for s in e["cg"]["statements"]
    ]
    assert HOSTILE_QUOTE in quotes
    assert HOSTILE_TITLE in {n["cg"]["label"] for n in data["nodes"]}


def test_same_graph_gives_the_same_bytes(seed_out: Path) -> None:
    picture = api.picture(seed_out / "claims.nt")
    assert render(View(picture)) == (seed_out / "claims.html").read_text(encoding="utf-8")


def test_extracted_claims_are_marked(seed_out: Path) -> None:
    picture = api.picture(seed_out / "claims.nt")
    subject, obj, key, data = next(claim_edges(picture))
    statements = json.loads(data["statements"])
    for statement in statements:
        statement["extracted"] = True
        statement["confidence"] = 0.6
    marked = nx.MultiDiGraph()
    marked.add_node(subject, **picture.nodes[subject])
    marked.add_node(obj, **picture.nodes[obj])
    marked.add_edge(
        subject, obj, key=key, **{**data, "extracted": True, "statements": json.dumps(statements)}
    )
    edge = page_data(render(View(marked)))["edges"][0]
    assert edge["label"].endswith("(extracted)")
    assert edge["color"]["opacity"] < 1


def test_draw_command_writes_a_focused_view(seed_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "kratom.html"
    nt = str(seed_out / "claims.nt")
    assert main(["draw", "--graph", nt, "--focus", "kratom", "-o", str(target)]) == 0
    data = page_data(target.read_text(encoding="utf-8"))
    expected = api.picture(seed_out / "claims.nt", Selection(focus="kratom"))
    assert {n["cg"]["iri"] for n in data["nodes"]} == set(expected.nodes)
    assert len(data["nodes"]) < len(api.picture(seed_out / "claims.nt").nodes)


@pytest.mark.parametrize("title", ["<script>alert(1)</script>", "Kratom & co"])
def test_title_is_escaped(seed_out: Path, tmp_path: Path, title: str) -> None:
    target = tmp_path / "view.html"
    api.draw(seed_out / "claims.nt", out=target, title=title)
    page = target.read_text(encoding="utf-8")
    assert title not in page
    assert "&lt;script&gt;" in page or "Kratom &amp; co" in page


def test_a_picture_is_large_by_its_nodes_or_its_edges() -> None:
    from graph.view import LARGE, LARGE_EDGES, is_large

    sparse = nx.MultiDiGraph()
    sparse.add_nodes_from(range(LARGE))
    sparse.add_edges_from((n, n + 1) for n in range(LARGE - 1))
    assert not is_large(sparse)
    sparse.add_node(LARGE)
    assert is_large(sparse)
    dense = nx.MultiDiGraph()
    dense.add_edges_from([(0, 1)] * LARGE_EDGES)
    assert not is_large(dense)
    dense.add_edge(1, 0)
    assert is_large(dense)
