"""Benchmark of the HTML view: Python-side time and time to interactive, against baselines.

For each size, a synthetic corpus (``bench.corpus``) is built to N-Triples, loaded into
Oxigraph and projected; then, in the same run:

- Python side: ``graph.view.network.project`` and ``graph.view.htmlpage.render`` (direct
  node and edge lists), against the baseline of pyvis's own ``add_node``/``add_edge`` on the
  same picture (skipped above ``--baseline-max`` nodes, where its duplicate checks make it
  quadratic);
- browser: seconds from navigation to the page's ``data-ready`` mark in headless Chromium,
  for the project's page (settled physics, or for a large picture positions computed in
  Python and no physics) against the same page with vis-network's default physics and
  layout (cut off at ``--timeout``); then, on the project's page, the seconds from
  switching the studies layer on, and from unticking one verdict, until the next frame
  is drawn.

Run:  python -m bench.draw [--sizes 1000 5000 20000]
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from bench import chromium
from bench.corpus import CorpusSpec, generate
from builders.bulk import ntriples
from graph.store.memory import load_store
from graph.view import htmlpage, network

# Corpus shapes whose projections have about 1k, 5k and 20k nodes (about 9 edges per node,
# most of them context edges: stated, evidence, credited).
SHAPES = {
    1_000: CorpusSpec(articles=200, substances=400, conditions=150, studies=150),
    5_000: CorpusSpec(articles=1000, substances=2000, conditions=750, studies=750),
    20_000: CorpusSpec(articles=5000, substances=10000, conditions=3800, studies=3800),
}

# The browser baseline: vis-network's own layout and physics defaults (hover kept on).
VIS_DEFAULTS: dict[str, Any] = {"interaction": {"hover": True}}


@dataclass(frozen=True, slots=True)
class Row:
    """One size's figures; None where a measurement was skipped or timed out."""

    nodes: int
    edges: int
    project_s: float
    render_s: float
    baseline_render_s: float | None
    html_mb: float
    interactive_s: float | None
    baseline_interactive_s: float | None
    layer_s: float | None = None
    filter_s: float | None = None


def spec_for(nodes: int) -> CorpusSpec:
    """The corpus for a target size: a listed shape, or one scaled from the 1k shape."""
    if nodes in SHAPES:
        return SHAPES[nodes]
    scale = max(nodes / 1000, 0.05)
    base = SHAPES[1_000]
    return CorpusSpec(
        articles=max(2, round(base.articles * scale)),
        substances=max(10, round(base.substances * scale)),
        conditions=max(5, round(base.conditions * scale)),
        studies=max(2, round(base.studies * scale)),
        receptors=max(3, round(base.receptors * min(scale, 1))),
        organizations=max(3, round(base.organizations * min(scale, 1))),
        jurisdictions=max(3, round(base.jurisdictions * min(scale, 1))),
    )


def picture_of(spec: CorpusSpec) -> tuple[nx.MultiDiGraph, float]:
    """The projection of a synthetic corpus, and the seconds the projection took."""
    with tempfile.TemporaryDirectory() as scratch:
        nt = Path(scratch) / "corpus.nt"
        nt.write_bytes(ntriples(generate(spec)))
        store = load_store(nt)  # with the ontology, as ``claimgraph draw`` loads it
    started = time.perf_counter()
    picture = network.project(store)
    return picture, time.perf_counter() - started


def timed(action: Callable[[], object]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def pyvis_baseline(picture: nx.MultiDiGraph) -> str:
    """The picture through pyvis's public add_node/add_edge API and its own template."""
    net = Network(directed=True, cdn_resources="in_line")
    nodes, edges = htmlpage.vis_lists(picture)
    for node in nodes:
        net.add_node(node["id"], label=node["label"], title=node["cg"]["label"])
    for source, target, *_ in edges:
        net.add_edge(source, target)
    return str(net.generate_html())


# Tick or untick an input, then wait for the frame after the change: milliseconds.
TOGGLE = """async (selector) => {
  const started = performance.now();
  const input = document.querySelector(selector);
  input.checked = !input.checked;
  input.dispatchEvent(new Event("change"));
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return performance.now() - started;
}"""
LAYER = "input[name=layer][value=evidence]"
VERDICT = "input[name=verdict]"


def time_to_interactive(
    browser: Any, path: Path, timeout_s: float, actions: bool = False
) -> tuple[float | None, float | None, float | None]:
    """Seconds to the page's ready mark (None past ``timeout_s``); with ``actions``, also
    the seconds a layer switch and a verdict filter take to show."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=timeout_s * 1000)
        ready = time.perf_counter() - started
        if not actions:
            return ready, None, None
        layer = page.evaluate(TOGGLE, LAYER) / 1000
        page.evaluate(TOGGLE, LAYER)  # back off, so the filter is timed on the first view
        verdict = page.evaluate(TOGGLE, VERDICT) / 1000
        return ready, layer, verdict
    except Exception as exc:  # Playwright's TimeoutError; anything else is re-raised
        if type(exc).__name__ != "TimeoutError":
            raise
        return None, None, None
    finally:
        page.close()


def measure(
    nodes: int, browser: Any | None, baseline_max: int, timeout_s: float, folder: Path
) -> Row:
    picture, project_s = picture_of(spec_for(nodes))
    render_s, page = timed(lambda: htmlpage.render(htmlpage.View(picture)))
    baseline_s = None
    if picture.number_of_nodes() <= baseline_max:
        baseline_s, _ = timed(lambda: pyvis_baseline(picture))
    ours = folder / f"view-{nodes}.html"
    ours.write_text(page, encoding="utf-8")
    defaults = folder / f"defaults-{nodes}.html"
    defaults.write_text(htmlpage.render(htmlpage.View(picture), VIS_DEFAULTS), encoding="utf-8")
    interactive = baseline_interactive = layer = verdict = None
    if browser is not None:
        interactive, layer, verdict = time_to_interactive(browser, ours, timeout_s, True)
        baseline_interactive, _, _ = time_to_interactive(browser, defaults, timeout_s)
    return Row(
        nodes=picture.number_of_nodes(),
        edges=picture.number_of_edges(),
        project_s=project_s,
        render_s=render_s,
        baseline_render_s=baseline_s,
        html_mb=len(page.encode("utf-8")) / 1e6,
        interactive_s=interactive,
        baseline_interactive_s=baseline_interactive,
        layer_s=layer,
        filter_s=verdict,
    )


def _seconds(value: float | None, limit: str) -> str:
    return limit if value is None else f"{value:.2f}"


def table(rows: list[Row], timeout_s: float) -> str:
    lines = [
        "| nodes | edges | project (s) | render (s) | pyvis add_edge (s) | HTML (MB) "
        "| interactive (s) | vis defaults (s) | layer on (s) | filter (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.nodes} | {row.edges} | {row.project_s:.2f} | {row.render_s:.2f} "
            f"| {_seconds(row.baseline_render_s, 'skipped')} | {row.html_mb:.1f} "
            f"| {_seconds(row.interactive_s, f'> {timeout_s:.0f}')} "
            f"| {_seconds(row.baseline_interactive_s, f'> {timeout_s:.0f}')} "
            f"| {_seconds(row.layer_s, '-')} | {_seconds(row.filter_s, '-')} |"
        )
    return "\n".join(lines)


def run(
    sizes: list[int], browser: Any | None = None, baseline_max: int = 5_000, timeout_s: float = 60
) -> list[Row]:
    """Measure every size; with no ``browser`` (a Playwright Browser) skip the page timings."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        return [measure(n, browser, baseline_max, timeout_s, folder) for n in sizes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=sorted(SHAPES))
    parser.add_argument("--baseline-max", type=int, default=5_000)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    if args.no_browser or chromium.missing() is not None:
        rows = run(args.sizes, None, args.baseline_max, args.timeout)
    else:
        with chromium.chromium() as browser:
            rows = run(args.sizes, browser, args.baseline_max, args.timeout)
    print(f"{platform.platform()}, Python {platform.python_version()}")
    print(table(rows, args.timeout))


if __name__ == "__main__":
    main()
