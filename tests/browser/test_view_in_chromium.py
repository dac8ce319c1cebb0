"""The HTML view in real headless Chromium: offline, complete, clickable, filterable, inert."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from graph import api
from graph.view.htmlpage import VERDICTS
from graph.view.network import claim_edges
from tests.conftest import HOSTILE_QUOTE, HOSTILE_TITLE

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
KRATOM_MOR = "kratom acts on mu-opioid receptor"
HEADLINE = "kratom treats opioid withdrawal"

# Where a claim's marker is on the screen, and what vis-network finds there.
MARKER_POINT = """(id) => {
  const network = window.claimgraph.network;
  const box = document.getElementById("network").getBoundingClientRect();
  const dom = network.canvasToDOM(network.getPositions([id])[id]);
  return { x: box.left + dom.x, y: box.top + dom.y, hit: network.getNodeAt(dom) === id };
}"""
# A point that a click selects the claim at: its marker, or else a point on one of its two
# lines that no node (or node caption) covers.
CLAIM_POINT = """(id) => {
  const app = window.claimgraph;
  const network = app.network;
  const box = document.getElementById("network").getBoundingClientRect();
  const at = (dom) => ({ x: box.left + dom.x, y: box.top + dom.y });
  const centre = network.canvasToDOM(network.getPositions([id])[id]);
  if (network.getNodeAt(centre) === id) return at(centre);
  const halves = app.edges.get({ filter: (e) => e.cg.kind === "claim" && e.cg.claim === id });
  for (const half of halves) {
    const edge = network.body.edges[half.id];
    for (let t = 0.05; t < 1; t += 0.05) {
      const dom = network.canvasToDOM(edge.edgeType.getPoint(t));
      const free = network.getNodeAt(dom) === undefined;
      if (free && network.getEdgeAt(dom) === half.id) return at(dom);
    }
  }
  return null;
}"""
# The canvas pixel at a marker's centre, as #RRGGBB.
MARKER_PIXEL = """(id) => {
  const network = window.claimgraph.network;
  const dom = network.canvasToDOM(network.getPositions([id])[id]);
  const canvas = document.querySelector("#network canvas");
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const [r, g, b] = canvas.getContext("2d")
    .getImageData(Math.round(dom.x * ratio), Math.round(dom.y * ratio), 1, 1).data;
  return "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("").toUpperCase();
}"""
SHOWN_CLAIMS = """() => window.claimgraph.nodes
  .get({ filter: (n) => n.cg.kind === "claim" && !n.hidden }).map((n) => n.cg.iri)"""
TABLE_ROWS = """() => Array.from(document.querySelectorAll("#claims-table tbody tr"),
  (tr) => tr.querySelector("td:nth-child(2)").innerText)"""


@dataclass
class Loaded:
    """A page with the view loaded, and what it did while loading."""

    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def marker(self, claim: str) -> int:
        found: int = self.page.evaluate("(iri) => window.claimgraph.byIri.get(iri).id", claim)
        return found

    def details(self) -> str:
        return str(self.page.inner_text("#details"))

    def selected(self) -> Any:
        return self.page.evaluate("() => window.claimgraph.selected()")

    def click_row(self, label: str) -> None:
        self.page.click(f"#claims-table tbody button.claim-link:text-is({json.dumps(label)})")


@pytest.fixture
def open_view(browser: Any) -> Iterator[Any]:
    pages = []

    def load(path: Path | str, size: tuple[int, int] = (1400, 900)) -> Loaded:
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        pages.append(page)
        url = path if isinstance(path, str) else path.resolve().as_uri()
        loaded = Loaded(page, url)
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


def outside(requests: list[str]) -> list[str]:
    """Requests for anything but the page itself or what it made in memory (blob: URLs)."""
    return [url for url in requests if not url.startswith(("file:", "blob:", "data:"))]


def same_colour(seen: str, wanted: str) -> bool:
    """Equal but for canvas rounding (a step or two per channel)."""
    pairs = [(int(seen[i : i + 2], 16), int(wanted[i : i + 2], 16)) for i in (1, 3, 5)]
    return all(abs(a - b) <= 3 for a, b in pairs)


def claims_by_label(nt: Path) -> dict[str, dict[str, Any]]:
    return {d["label"]: {**d, "iri": key} for _, _, key, d in claim_edges(api.picture(nt))}


def test_seed_view_draws_the_projection_offline(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html", (1600, 1000))
    ARTIFACTS.mkdir(exist_ok=True)
    loaded.page.screenshot(path=str(ARTIFACTS / "seed-view.png"))
    assert loaded.errors == []
    assert loaded.requests == [loaded.url]
    picture = api.picture(seed_out / "claims.nt")
    claims = len(list(claim_edges(picture)))
    counts = loaded.page.evaluate(
        "() => [window.claimgraph.nodes.length, window.claimgraph.edges.length]"
    )
    assert counts == [picture.number_of_nodes() + claims, picture.number_of_edges() + claims]
    assert len(loaded.page.evaluate(TABLE_ROWS)) == claims


def test_every_claim_is_its_own_click_target(seed_out: Path, open_view: Any) -> None:
    """Parallel claims have separate markers: a real click on each claim selects it."""
    loaded = open_view(seed_out / "claims.html", (1600, 1000))
    claims = claims_by_label(seed_out / "claims.nt")
    assert HEADLINE in claims
    for label, claim in claims.items():
        marker = loaded.marker(claim["iri"])
        point = loaded.page.evaluate(CLAIM_POINT, marker)
        assert point is not None, f"'{label}' is covered: its marker and both its lines"
        loaded.page.mouse.click(point["x"], point["y"])
        assert loaded.selected() == marker
        assert loaded.page.inner_text("#details .claim-label") == label
    assert loaded.errors == []


def test_each_claim_through_the_table_with_its_panel(seed_out: Path, open_view: Any) -> None:
    """The keyboard path: every claim's row selects it, keeps its colour, fills the panel."""
    loaded = open_view(seed_out / "claims.html", (1366, 768))
    page = loaded.page
    claims = claims_by_label(seed_out / "claims.nt")
    for label, claim in claims.items():
        page.focus(f"#claims-table tbody button.claim-link:text-is({json.dumps(label)})")
        page.keyboard.press("Enter")
        marker = loaded.marker(claim["iri"])
        assert loaded.selected() == marker
        details = loaded.details()
        assert label in details and claim["verdict_label"] in details
        for statement in claim["statements"]:
            assert statement["quote"] in details
        lines = claim["evidence"]
        assert all(line["finding"] in details for line in lines)
        assert ("No evidence lines." in details) == (lines == [])
        assert same_colour(page.evaluate(MARKER_PIXEL, marker), VERDICTS[claim["verdict"]].colour)
        selected_row = page.get_attribute(
            f"#claims-table tr[data-claim='{marker}']", "aria-selected"
        )
        assert selected_row == "true"
    # the panel is on screen at 1366x768 without scrolling, and the legend folded away
    box = page.evaluate("() => document.querySelector('#details h3').getBoundingClientRect().top")
    assert box < 768
    assert page.evaluate("() => document.getElementById('legend').open") is False
    assert loaded.errors == []


def test_selection_keeps_the_verdict_colour_and_dims_the_rest(
    seed_out: Path, open_view: Any
) -> None:
    loaded = open_view(seed_out / "claims.html")
    page = loaded.page
    claim = claims_by_label(seed_out / "claims.nt")[KRATOM_MOR]
    marker = loaded.marker(claim["iri"])
    assert same_colour(page.evaluate(MARKER_PIXEL, marker), VERDICTS["supported"].colour)
    point = page.evaluate(MARKER_POINT, marker)
    page.mouse.click(point["x"], point["y"])
    assert same_colour(page.evaluate(MARKER_PIXEL, marker), VERDICTS["supported"].colour)
    state = page.evaluate(
        """(id) => {
          const app = window.claimgraph;
          const mine = app.edges.get({ filter: (e) => e.cg.claim === id && e.cg.kind === "claim" });
          const other = app.nodes.get({ filter: (n) => n.cg.kind === "claim" && n.id !== id })[0];
          return { widths: mine.map((e) => e.width), colours: mine.map((e) => e.color.highlight),
                   opacity: app.nodes.get(id).opacity, other: other.opacity };
        }""",
        marker,
    )
    assert state["colours"] == [VERDICTS["supported"].colour] * 2
    assert min(state["widths"]) > 2.5  # widened
    assert state["opacity"] == 1 and state["other"] < 0.5  # the rest dimmed
    studies = {line["study"] for line in claim["evidence"]}
    lit = page.evaluate(
        "(iris) => iris.map((iri) => window.claimgraph.byIri.get(iri).id)"
        "  .map((id) => window.claimgraph.nodes.get(id).opacity)",
        sorted(studies),
    )
    assert studies and lit == [1] * len(studies)  # the studies that weigh it stay lit
    page.mouse.click(5, 300)  # empty canvas: the selection clears and nothing stays dim
    restored = "() => window.claimgraph.nodes.get().every((n) => (n.opacity ?? 1) > 0.5)"
    assert page.evaluate(restored)


def test_the_panel_answers_first(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html")
    page = loaded.page
    claims = claims_by_label(seed_out / "claims.nt")
    claim = claims[KRATOM_MOR]
    loaded.click_row(KRATOM_MOR)
    details = loaded.details()
    lines = claim["evidence"]
    for dated in claim["as_of"]:
        assert f"As of {dated['as_of']}" in details
    assert f"Supporting ({sum(line['direction'] == 'supports' for line in lines)})" in details
    decisive = page.evaluate("() => document.querySelectorAll('#details li.decisive').length")
    assert decisive == sum(line["decisive"] for line in lines)
    picture = api.picture(seed_out / "claims.nt")
    dois = [picture.nodes[line["study"]]["doi"] for line in lines]
    assert any(dois) and all(f"DOI {doi}" in details for doi in dois if doi)
    credited = next(
        (label, c)
        for label, d in claims.items()
        for s in d["statements"]
        for c in s["credited"]
        if c["likely_source"]
    )
    loaded.click_row(credited[0])
    assert f"Credited to {credited[1]['label']}" in loaded.details()
    assert f"Likely source: {credited[1]['likely_source_label']}" in loaded.details()
    # a study's panel lists its claims as links, which select the claim
    page.click("#details .lines button.node-link >> nth=0")
    assert page.inner_text("#details h3").startswith("Claims (")
    first = page.inner_text("#details button.claim-link >> nth=0")
    page.click("#details button.claim-link >> nth=0")
    assert page.inner_text("#details h2") == "Claim"
    assert page.inner_text("#details .claim-label") in first
    assert loaded.errors == []


def test_table_and_picture_stay_in_step(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html")
    page = loaded.page
    claims = claims_by_label(seed_out / "claims.nt")
    marker = loaded.marker(claims[HEADLINE]["iri"])
    point = page.evaluate(MARKER_POINT, marker)
    page.mouse.click(point["x"], point["y"])  # picture -> table
    assert page.inner_text("#claims-table tr[aria-selected=true] td:nth-child(2)") == HEADLINE
    page.fill("#claim-search", "Kruegel")  # search over study citations
    page.wait_for_function(
        "() => document.getElementById('summary').innerText.startsWith('showing')"
    )
    rows = page.evaluate(TABLE_ROWS)
    picture = api.picture(seed_out / "claims.nt")
    expected = {
        label
        for label, d in claims.items()
        if any(
            picture.nodes[line["study"]]["label"].startswith("Kruegel") for line in d["evidence"]
        )
    }
    assert set(rows) == expected
    assert set(page.evaluate(SHOWN_CLAIMS)) == {claims[label]["iri"] for label in expected}
    page.fill("#claim-search", "")
    page.select_option("#claim-preset", "disputed")
    rows = page.evaluate(TABLE_ROWS)
    assert set(rows) == {
        label for label, d in claims.items() if d["verdict"] in {"disputed", "contested"}
    }
    page.click("#claims-table th[data-sort=label] button")
    assert page.evaluate(TABLE_ROWS) == sorted(rows, key=str.lower)
    page.click("#claims-table th[data-sort=label] button")
    assert page.evaluate(TABLE_ROWS) == sorted(rows, key=str.lower, reverse=True)
    loaded.click_row(rows[0])  # table -> picture
    assert page.evaluate("() => window.claimgraph.network.getSelectedNodes()") == [
        loaded.marker(claims[rows[0]]["iri"])
    ]
    assert loaded.errors == []


def test_filters_hide_what_they_should_and_refit(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html")
    page = loaded.page
    claims = claims_by_label(seed_out / "claims.nt")
    page.uncheck("input[name=verdict][value=supported]")
    shown = set(page.evaluate(SHOWN_CLAIMS))
    assert shown == {d["iri"] for d in claims.values() if d["verdict"] != "supported"}
    page.check("input[name=verdict][value=supported]")
    scale = page.evaluate("() => window.claimgraph.network.getScale()")
    page.fill("#substance-filter", "kratom")
    page.dispatch_event("#substance-filter", "change")
    picture = api.picture(seed_out / "claims.nt")
    kratom = next(n for n, d in picture.nodes(data=True) if d["label"] == "kratom")
    shown = set(page.evaluate(SHOWN_CLAIMS))
    assert shown and shown == {k for u, v, k, _ in claim_edges(picture) if kratom in (u, v)}
    assert page.evaluate("() => window.claimgraph.network.getScale()") > scale  # re-fitted
    page.fill("#substance-filter", "")
    page.dispatch_event("#substance-filter", "change")
    page.uncheck("input[name=layer][value=evidence]")
    studies_shown = page.evaluate(
        "() => window.claimgraph.nodes.get({ filter: (n) => n.cg.kind === 'study' && !n.hidden })"
    )
    assert studies_shown == []
    assert len(page.evaluate(SHOWN_CLAIMS)) == len(claims)
    assert loaded.errors == []


def test_the_url_fragment_reopens_the_same_view(seed_out: Path, open_view: Any) -> None:
    loaded = open_view(seed_out / "claims.html")
    page = loaded.page
    claims = claims_by_label(seed_out / "claims.nt")
    page.uncheck("input[name=verdict][value=notAssessable]")
    page.uncheck("input[name=layer][value=stated]")
    page.fill("#claim-search", "kratom")
    page.wait_for_timeout(400)
    loaded.click_row(KRATOM_MOR)
    assert KRATOM_MOR in page.title()
    url = page.url
    assert "#" in url and "select=" in url
    shown = page.evaluate(SHOWN_CLAIMS)
    again = open_view(url)
    assert again.selected() == again.marker(claims[KRATOM_MOR]["iri"])
    assert KRATOM_MOR in again.details()
    assert again.page.input_value("#claim-search") == "kratom"
    assert not again.page.is_checked("input[name=verdict][value=notAssessable]")
    assert not again.page.is_checked("input[name=layer][value=stated]")
    assert again.page.evaluate(SHOWN_CLAIMS) == shown
    assert again.page.title() == page.title()
    assert again.errors == []


def test_png_and_csv_exports_produce_files(seed_out: Path, open_view: Any, tmp_path: Path) -> None:
    loaded = open_view(seed_out / "claims.html")
    page = loaded.page
    page.select_option("#claim-preset", "disputed")
    with page.expect_download() as png:
        page.click("#save-png")
    png_file = tmp_path / "view.png"
    png.value.save_as(png_file)
    assert png_file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png_file.stat().st_size > 5000
    with page.expect_download() as table:
        page.click("#save-csv")
    csv_file = tmp_path / "claims.csv"
    table.value.save_as(csv_file)
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8"))))
    claims = claims_by_label(seed_out / "claims.nt")
    expected = {d["iri"] for d in claims.values() if d["verdict"] in {"disputed", "contested"}}
    assert {row["iri"] for row in rows} == expected
    assert {row["verdict"] for row in rows} <= {"disputed", "contested"}
    assert outside(loaded.requests) == []
    assert loaded.errors == []


def test_markup_in_quotes_and_titles_renders_as_text(hostile_out: Path, open_view: Any) -> None:
    loaded = open_view(hostile_out / "claims.html")
    page = loaded.page
    assert page.evaluate(
        "() => Array.from(document.querySelectorAll('#article-names option'), (o) => o.value)"
    ) == [HOSTILE_TITLE]
    picture = api.picture(hostile_out / "claims.nt")
    claim = next(
        key
        for _, _, key, d in claim_edges(picture)
        if HOSTILE_QUOTE in [s["quote"] for s in d["statements"]]
    )
    page.fill("#claim-search", "onerror")
    page.wait_for_timeout(400)
    page.click("#claims-table tbody button.claim-link >> nth=0")
    assert loaded.selected() == loaded.marker(claim)
    assert HOSTILE_QUOTE in loaded.details() and HOSTILE_TITLE in loaded.details()
    page.hover("h1")
    assert page.evaluate("() => document.querySelectorAll('img, b, #details script').length") == 0
    with page.expect_download() as table:
        page.click("#save-csv")
    assert HOSTILE_QUOTE not in Path(table.value.path()).read_text(encoding="utf-8")
    assert loaded.dialogs == []
    assert loaded.errors == []
    assert outside(loaded.requests) == []


COUNT = "(kind) => window.claimgraph.{0}.get({{ filter: (x) => x.cg.kind === kind }}).length"


def test_a_large_picture_opens_at_python_positions_and_adds_layers_when_asked(
    tmp_path: Path, open_view: Any
) -> None:
    from bench.draw import picture_of, spec_for
    from graph.view.htmlpage import LARGE, View, is_large, render

    picture, _ = picture_of(spec_for(1_000))  # dense: large by its edges, not its nodes
    assert picture.number_of_nodes() <= LARGE and is_large(picture)
    page_file = tmp_path / "large.html"
    page_file.write_text(render(View(picture)), encoding="utf-8")
    kinds = [d["kind"] for _, _, d in picture.edges(data=True)]
    groups = [d["kind"] for _, d in picture.nodes(data=True)]
    loaded = open_view(page_file)
    page = loaded.page
    # at first vis has one arrow per claim and nothing else: no markers, no article or
    # study nodes, no context edges
    claims = kinds.count("claim")
    assert page.evaluate("() => window.claimgraph.edges.length") == claims
    assert page.evaluate(COUNT.format("edges"), "direct") == claims
    for kind in ("claim", "study", "article"):
        assert page.evaluate(COUNT.format("nodes"), kind) == 0
    # no physics: every node is where Python put it (vis reports whole units)
    moved = page.evaluate(
        """() => {
          const app = window.claimgraph;
          const at = app.network.getPositions();
          return app.data.nodes.filter((n) => at[n.id] !== undefined &&
            (Math.abs(at[n.id].x - n.x) > 1 || Math.abs(at[n.id].y - n.y) > 1)).length;
        }"""
    )
    assert moved == 0
    page.check("input[name=layer][value=evidence]")  # markers come with their studies
    shown = (
        "(kind) => window.claimgraph.{0}"
        ".get({{ filter: (x) => x.cg.kind === kind && !x.hidden }}).length"
    )
    assert page.evaluate(shown.format("edges"), "evidence") == kinds.count("evidence")
    assert page.evaluate(shown.format("nodes"), "study") == groups.count("study")
    weighed = {d["claim"] for _, _, d in picture.edges(data=True) if d["kind"] == "evidence"}
    assert page.evaluate(shown.format("nodes"), "claim") == len(weighed) < claims
    assert page.evaluate(shown.format("edges"), "claim") == 0
    assert page.evaluate(shown.format("edges"), "direct") == claims
    assert page.evaluate(COUNT.format("nodes"), "article") == 0
    # a claim selected through the table is selected in the picture: arrow and marker
    label = next(d["label"] for _, _, k, d in claim_edges(picture) if k in weighed)
    page.fill("#claim-search", label)
    page.wait_for_function(
        "() => document.getElementById('summary').innerText.startsWith('showing')"
    )
    loaded.click_row(label)
    marker = loaded.marker(next(k for _, _, k, d in claim_edges(picture) if d["label"] == label))
    assert loaded.selected() == marker
    assert page.evaluate("() => window.claimgraph.network.getSelectedNodes()") == [marker]
    page.fill("#claim-search", "")
    page.wait_for_function(
        "() => !document.getElementById('summary').innerText.startsWith('showing')"
    )
    page.uncheck("input[name=layer][value=evidence]")
    assert page.evaluate(shown.format("edges"), "direct") == claims
    assert page.evaluate(shown.format("nodes"), "claim") == 0
    assert page.evaluate(shown.format("edges"), "evidence") == 0
    selected = page.evaluate(
        "() => window.claimgraph.network.getSelectedEdges()"
        "  .map((id) => window.claimgraph.data.edges[id].cg)"
    )
    assert {"kind": "direct", "claim": marker} in selected
    assert loaded.errors == []


def test_the_5k_page_is_drawn_and_searchable(tmp_path: Path, open_view: Any) -> None:
    from bench.draw import picture_of, spec_for
    from graph.view.htmlpage import View, render

    picture, _ = picture_of(spec_for(5_000))
    page_file = tmp_path / "5k.html"
    page_file.write_text(render(View(picture)), encoding="utf-8")
    loaded = open_view(page_file, (1600, 1000))
    page = loaded.page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view-5k.png"))
    # type-ahead: the substance box offers names from a list, and a typed name filters
    substance = next(
        picture.nodes[u]["label"]
        for u, _, _, _ in claim_edges(picture)
        if picture.nodes[u]["group"] == "Substance"
    )
    offered = page.evaluate(
        "() => Array.from(document.querySelectorAll('#substance-names option'), (o) => o.value)"
    )
    assert substance in offered and page.locator("select").count() == 1  # only the preset
    scale = page.evaluate("() => window.claimgraph.network.getScale()")
    page.fill("#substance-filter", substance)
    page.dispatch_event("#substance-filter", "change")
    node = next(n for n, d in picture.nodes(data=True) if d["label"] == substance)
    expected = {k for u, v, k, _ in claim_edges(picture) if node in (u, v)}
    drawn = page.evaluate(
        """() => window.claimgraph.edges
          .get({ filter: (e) => e.cg.kind === "direct" && !e.hidden })
          .map((e) => window.claimgraph.byId.get(e.cg.claim).cg.iri)"""
    )
    assert set(drawn) == expected
    assert page.evaluate("() => window.claimgraph.network.getScale()") > scale  # re-fitted
    page.click("#zoom-in")
    zoomed = page.evaluate("() => window.claimgraph.network.getScale()")
    page.click("#fit")
    assert page.evaluate("() => window.claimgraph.network.getScale()") < zoomed
    assert loaded.errors == []
    assert outside(loaded.requests) == []
