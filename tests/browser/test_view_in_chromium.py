"""The HTML view in real headless Chromium: offline, complete, clickable, filterable, inert."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from graph import api
from graph.network import claim_edges
from tests.conftest import HOSTILE_QUOTE, HOSTILE_TITLE

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
KRATOM_MOR = "kratom acts on mu-opioid receptor"

# A point on an edge that a real click selects: on the drawn curve, not under a node.
CLICK_POINT = """(id) => {
  const network = window.claimgraph.network;
  const edge = network.body.edges[id];
  const box = document.getElementById("network").getBoundingClientRect();
  for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
    const dom = network.canvasToDOM(edge.edgeType.getPoint(t));
    if (network.getEdgeAt(dom) === id && network.getNodeAt(dom) === undefined) {
      return { x: box.left + dom.x, y: box.top + dom.y };
    }
  }
  return null;
}"""
VISIBLE_CLAIMS = """() => window.claimgraph.edges
  .get({ filter: (e) => e.cg.kind === "claim" && !e.hidden })
  .map((e) => ({
    from: window.claimgraph.nodes.get(e.from).cg.iri,
    to: window.claimgraph.nodes.get(e.to).cg.iri,
    verdict: e.cg.verdict,
  }))"""


@dataclass
class Loaded:
    """A page with the view loaded, and what it did while loading."""

    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def point_on(self, claim: str) -> Any:
        edge = self.page.evaluate(
            "(key) => window.claimgraph.edges.get({ filter: (e) => e.cg.key === key })[0].id",
            claim,
        )
        return self.page.evaluate(CLICK_POINT, edge)

    def click_claim(self, claim: str) -> None:
        point = self.point_on(claim)
        assert point is not None, "no clickable point on the claim's edge"
        self.page.mouse.click(point["x"], point["y"])

    def details(self) -> str:
        return str(self.page.inner_text("#details"))


@pytest.fixture
def open_view(browser: Any) -> Iterator[Any]:
    pages = []

    def load(path: Path) -> Loaded:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        pages.append(page)
        loaded = Loaded(page, path.resolve().as_uri())
        page.on("console", lambda m: loaded.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: loaded.errors.append(str(e)))
        page.on("request", lambda r: loaded.requests.append(r.url))

        def dismiss(dialog: Any) -> None:
            loaded.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        page.goto(loaded.url)
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        return loaded

    yield load
    for page in pages:
        page.close()


def quotes(data: dict[str, Any]) -> list[str]:
    return [statement["quote"] for statement in json.loads(data["statements"])]


def claim_iri(nt: Path, label: str) -> str:
    picture = api.picture(nt)
    return next(key for _, _, key, d in claim_edges(picture) if d["label"] == label)


def test_seed_view_draws_the_projection_offline(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html")
    ARTIFACTS.mkdir(exist_ok=True)
    loaded.page.screenshot(path=str(ARTIFACTS / "seed-view.png"))
    assert loaded.errors == []
    assert loaded.requests == [loaded.url]
    picture = api.picture(seed_out / "claims.nt")
    counts = loaded.page.evaluate(
        "() => [window.claimgraph.nodes.length, window.claimgraph.edges.length]"
    )
    assert counts == [picture.number_of_nodes(), picture.number_of_edges()]


def test_clicking_a_claim_shows_its_quote_and_evidence(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html")
    loaded.click_claim(claim_iri(seed_out / "claims.nt", KRATOM_MOR))
    details = loaded.details()
    assert KRATOM_MOR in details
    assert "Kratom also interacts with the brain in the same way" in details
    assert "Medical Marijuana and Kratom for Opioid Withdrawal, 2020-02-21" in details
    assert "supported" in details
    assert "Kruegel" in details
    assert loaded.errors == []


def test_hovering_a_claim_shows_its_quote(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html")
    point = loaded.point_on(claim_iri(seed_out / "claims.nt", KRATOM_MOR))
    loaded.page.mouse.move(point["x"], point["y"])
    tooltip = loaded.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert "Kratom also interacts with the brain" in tooltip.inner_text()


def test_filters_hide_what_they_should(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html")
    page = loaded.page
    everything = page.evaluate(VISIBLE_CLAIMS)
    assert "supported" in {c["verdict"] for c in everything}

    page.uncheck("input[name=verdict][value=supported]")
    shown = page.evaluate(VISIBLE_CLAIMS)
    assert "supported" not in {c["verdict"] for c in shown}
    assert len(shown) == sum(1 for c in everything if c["verdict"] != "supported")

    page.check("input[name=verdict][value=supported]")
    kratom = "https://w3id.org/claimgraph/id/entity/kratom"
    page.select_option("#substance-filter", kratom)
    shown = page.evaluate(VISIBLE_CLAIMS)
    assert shown and all(kratom in (c["from"], c["to"]) for c in shown)
    hidden_nodes = page.evaluate(
        "() => window.claimgraph.nodes.get({ filter: (n) => n.hidden }).length"
    )
    assert hidden_nodes > 0

    page.select_option("#substance-filter", "")
    page.uncheck("input[name=layer][value=evidence]")
    studies_shown = page.evaluate(
        "() => window.claimgraph.nodes.get({ filter: (n) => n.cg.kind === 'study' && !n.hidden })"
    )
    assert studies_shown == []
    assert len(page.evaluate(VISIBLE_CLAIMS)) == len(everything)
    assert loaded.errors == []


def test_markup_in_quotes_and_titles_renders_as_text(hostile_out: Path, open_view: Any) -> None:
    loaded = open_view(hostile_out / "claims.html")
    page = loaded.page
    assert page.inner_text("#article-filter option:nth-child(2)") == HOSTILE_TITLE
    picture = api.picture(hostile_out / "claims.nt")
    claim = next(key for _, _, key, d in claim_edges(picture) if HOSTILE_QUOTE in quotes(d))
    loaded.click_claim(claim)
    assert HOSTILE_QUOTE in loaded.details() and HOSTILE_TITLE in loaded.details()
    page.hover("h1")
    assert page.evaluate("() => document.querySelectorAll('img, b, #details script').length") == 0
    assert loaded.dialogs == []
    assert loaded.errors == []
    assert loaded.requests == [loaded.url]


def test_a_large_picture_adds_its_hidden_layers_when_switched_on(
    tmp_path: Path, open_view: Any
) -> None:
    from bench.draw import picture_of, spec_for
    from graph.view import LARGE, View, is_large, render

    picture, _ = picture_of(spec_for(1_000))  # dense: large by its edges, not its nodes
    assert picture.number_of_nodes() <= LARGE and is_large(picture)
    page_file = tmp_path / "large.html"
    page_file.write_text(render(View(picture)), encoding="utf-8")
    kinds = [d["kind"] for _, _, d in picture.edges(data=True)]
    groups = [d["kind"] for _, d in picture.nodes(data=True)]
    loaded = open_view(page_file)
    page = loaded.page
    count = "(kind) => window.claimgraph.{0}.get({{ filter: (x) => x.cg.kind === kind }}).length"
    # only the claim layer is in vis at first: no article or study nodes, no context edges
    assert page.evaluate(count.format("edges"), "claim") == kinds.count("claim")
    assert page.evaluate("() => window.claimgraph.edges.length") == kinds.count("claim")
    assert page.evaluate(count.format("nodes"), "study") == 0
    page.check("input[name=layer][value=evidence]")
    assert page.evaluate(count.format("edges"), "evidence") == kinds.count("evidence")
    assert page.evaluate(count.format("nodes"), "study") == groups.count("study")
    page.uncheck("input[name=layer][value=evidence]")
    shown = "() => window.claimgraph.edges.get({ filter: (e) => !e.hidden }).length"
    assert page.evaluate(shown) == kinds.count("claim")
    assert loaded.errors == []
