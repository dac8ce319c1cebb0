"""The HTML view as a file: self-contained, escaped, reproducible, written by build."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import pyvis.network

from graph import api
from graph.cli import main
from graph.view.htmlpage import (
    DEFAULT_TITLE,
    PYVIS_TEMPLATES,
    VERDICTS,
    View,
    render,
    title_for,
    verdict_label,
)
from graph.view.network import Selection, claim_edges
from tests.conftest import HOSTILE_QUOTE, HOSTILE_TITLE


def page_json(page: str, name: str = "data") -> Any:
    """The JSON the page's script reads (the browser tests check what it draws)."""
    match = re.search(
        rf'<script id="claimgraph-{name}" type="application/json">(.*?)</script>', page, re.S
    )
    assert match is not None
    return json.loads(match.group(1))


def page_data(page: str) -> dict[str, Any]:
    data: dict[str, Any] = page_json(page)
    return data


def drawn_edges(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The page's edges as (from IRI, type, to IRI); a claim marker's IRI is its claim's."""
    iri = {n["id"]: n["cg"]["iri"] for n in data["nodes"]}
    return [(iri[a], data["edge_types"][kind], iri[b]) for a, b, kind in data["edges"]]


def markers(data: dict[str, Any]) -> dict[str, int]:
    """Each claim's marker node id, by claim IRI."""
    return {n["cg"]["iri"]: n["id"] for n in data["nodes"] if n["cg"]["kind"] == "claim"}


def test_build_writes_the_view_of_the_whole_graph(seed_out: Path) -> None:
    page = (seed_out / "claims.html").read_text(encoding="utf-8")
    picture = api.picture(seed_out / "claims.nt")
    data = page_data(page)
    drawn = [n for n in data["nodes"] if n["cg"]["kind"] != "claim"]
    assert sorted(n["cg"]["iri"] for n in drawn) == sorted(picture.nodes)
    marker = markers(data)
    assert set(marker) == {key for _, _, key, _ in claim_edges(picture)}
    halves = {(a, kind, b) for a, kind, b in drawn_edges(data) if kind in {"tail", "head"}}
    expected = set()
    for subject, obj, key, _ in claim_edges(picture):
        expected |= {(subject, "tail", key), (key, "head", obj)}
    assert halves == expected


def test_studies_articles_and_authorities_point_at_the_claim_they_concern(
    seed_out: Path,
) -> None:
    picture = api.picture(seed_out / "claims.nt")
    data = page_data((seed_out / "claims.html").read_text(encoding="utf-8"))
    evidence = {"supports", "disputes", "qualifies"}
    drawn = {
        (a, "evidence" if kind in evidence else kind, b)
        for a, kind, b in drawn_edges(data)
        if kind not in {"tail", "head"}
    }
    expected = {
        (source, d["kind"], d["claim"])
        for source, _, d in picture.edges(data=True)
        if d["kind"] != "claim"
    }
    directions = {(a, kind, b) for a, kind, b in drawn_edges(data) if kind in evidence}
    assert directions == {
        (source, d["direction"], d["claim"])
        for source, _, d in picture.edges(data=True)
        if d["kind"] == "evidence"
    }
    assert drawn == expected
    kinds = {kind for _, kind, _ in drawn}
    assert kinds == {"stated", "evidence", "credited"}
    # two claims with the same subject get their study arrows on different targets
    targets = {target for _, kind, target in drawn if kind == "evidence"}
    assert len(targets) == sum(1 for *_, d in claim_edges(picture) if d["evidence"])


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
    assert page.count("</script>") == 4  # closes vis-network, the data, details and scripts
    data = page_data(page)
    quotes = [s["quote"] for claim in page_json(page, "details") for s in claim["statements"]]
    assert HOSTILE_QUOTE in quotes
    assert HOSTILE_TITLE in {n["cg"]["label"] for n in data["nodes"]}


def test_same_graph_gives_the_same_bytes(seed_out: Path) -> None:
    picture = api.picture(seed_out / "claims.nt")
    assert render(View(picture)) == (seed_out / "claims.html").read_text(encoding="utf-8")


def test_page_is_made_without_a_pyvis_network(
    seed_out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the page filled a pyvis Network")

    monkeypatch.setattr(pyvis.network.Network, "__init__", refuse)
    picture = api.picture(seed_out / "claims.nt")
    assert render(View(picture)) == (seed_out / "claims.html").read_text(encoding="utf-8")


def test_page_inlines_the_vis_network_that_pyvis_ships(seed_out: Path) -> None:
    page = (seed_out / "claims.html").read_text(encoding="utf-8")
    for name in ("vis-network.min.js", "vis-network.css"):
        shipped = (PYVIS_TEMPLATES / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")
        shipped = re.sub(r"//# sourceMappingURL=\S+", "", shipped)
        assert len(shipped) > 1000 and shipped.strip() in page, name


def test_extracted_claims_are_marked(seed_out: Path) -> None:
    picture = api.picture(seed_out / "claims.nt")
    subject, obj, key, data = next(claim_edges(picture))
    statements = [dict(statement) for statement in data["statements"]]
    for statement in statements:
        statement["extracted"] = True
        statement["confidence"] = 0.6
    marked = nx.MultiDiGraph()
    marked.add_node(subject, **picture.nodes[subject])
    marked.add_node(obj, **picture.nodes[obj])
    marked.add_edge(subject, obj, key=key, **{**data, "extracted": True, "statements": statements})
    data = page_data(render(View(marked)))
    [marker] = [n for n in data["nodes"] if n["cg"]["kind"] == "claim"]
    assert marker["label"].endswith("(extracted)")
    assert marker["opacity"] < 1 and marker["cg"]["extracted"] is True


def test_draw_command_writes_a_focused_view(seed_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "kratom.html"
    nt = str(seed_out / "claims.nt")
    assert main(["draw", "--graph-file", nt, "--focus", "kratom", "-o", str(target)]) == 0
    data = page_data(target.read_text(encoding="utf-8"))
    expected = api.picture(seed_out / "claims.nt", Selection(focus="kratom"))
    drawn = {n["cg"]["iri"] for n in data["nodes"] if n["cg"]["kind"] != "claim"}
    assert drawn == set(expected.nodes)
    assert len(drawn) < len(api.picture(seed_out / "claims.nt").nodes)
    assert data["title"] == "claimgraph: claims about kratom"
    assert "<title>claimgraph: claims about kratom</title>" in target.read_text(encoding="utf-8")


def test_titles_name_the_selection() -> None:
    assert title_for(None) == title_for(Selection()) == DEFAULT_TITLE
    assert title_for(Selection(focus="kratom", depth=2)) == (
        "claimgraph: claims about kratom (within 2 hops)"
    )
    assert title_for(Selection(verdicts=("disputed", "contested"), articles=("000_x",))) == (
        "claimgraph: claims with verdict disputed or contested; stated in 000_x"
    )


def test_legend_has_a_swatch_and_a_count_for_every_verdict(seed_out: Path) -> None:
    page = (seed_out / "claims.html").read_text(encoding="utf-8")
    legend = page[page.index('<details id="legend"') : page.index('<details id="filters"')]
    picture = api.picture(seed_out / "claims.nt")
    counts = Counter(d["verdict"] for *_, d in claim_edges(picture))
    assert len(counts) >= 3
    for verdict, count in counts.items():
        style = VERDICTS[verdict]
        swatch = re.search(
            rf'background: {style.colour}"></span><span class="glyph"[^>]*>{style.glyph}</span> '
            rf"{verdict_label(verdict)} <span class=\"count\">\({count}\)</span>",
            legend,
        )
        assert swatch, (verdict, count)
    assert legend.count('class="swatch line"') == len(counts)
    # every colour a line can take has a swatch: the verdicts', and the context arrows'
    data = page_data(page)
    for colour in data["context_colours"].values():
        assert f'class="swatch line thin" style="background: {colour}"' in legend


@pytest.mark.parametrize("title", ["<script>alert(1)</script>", "Kratom & co"])
def test_title_is_escaped(seed_out: Path, tmp_path: Path, title: str) -> None:
    target = tmp_path / "view.html"
    api.draw(seed_out / "claims.nt", out=target, title=title)
    page = target.read_text(encoding="utf-8")
    assert title not in page
    assert "&lt;script&gt;" in page or "Kratom &amp; co" in page


def test_a_picture_is_large_by_its_nodes_or_its_edges() -> None:
    from graph.view.htmlpage import LARGE, LARGE_EDGES, is_large

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


def _rgb(colour: str) -> list[float]:
    return [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _simulated_lab(colour: str, vision: str | None) -> Any:
    """CIELAB of a colour as seen with full-severity deuteranopia or protanopia (Machado 2009)."""
    import numpy as np
    from colorspacious import cspace_convert

    rgb = np.array(_rgb(colour))
    if vision is not None:
        cvd = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)
    return cspace_convert(rgb, "sRGB1", "CIELab")


@pytest.mark.parametrize("vision", [None, "deuteranomaly", "protanomaly"])
def test_verdict_colours_stay_apart_under_colour_blindness(vision: str | None) -> None:
    import numpy as np

    from graph.view.htmlpage import VERDICTS

    labs = {key: _simulated_lab(style.colour, vision) for key, style in VERDICTS.items()}
    keys = sorted(labs)
    gaps = {
        (a, b): float(np.linalg.norm(labs[a] - labs[b]))
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
    }
    assert min(gaps.values()) >= 20, min(gaps.items(), key=lambda item: item[1])


def test_the_check_would_catch_the_old_palette() -> None:
    import numpy as np

    green, grey = (_simulated_lab(c, "deuteranomaly") for c in ("#009E73", "#8C8C8C"))
    assert float(np.linalg.norm(green - grey)) < 10  # the ΔE 9.6


def test_verdict_colours_contrast_with_the_background_and_have_second_marks() -> None:
    from graph.view.htmlpage import BACKGROUND, VERDICTS

    for key, style in VERDICTS.items():
        ratio = (_luminance(BACKGROUND) + 0.05) / (_luminance(style.colour) + 0.05)
        assert ratio >= 3, (key, ratio)
    for mark in ("shape", "arrow", "glyph"):
        values = [getattr(style, mark) for style in VERDICTS.values()]
        assert len(set(values)) == len(values), mark
