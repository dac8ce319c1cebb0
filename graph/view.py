"""The analysts' HTML view: the network projection drawn with pyvis, in one offline file.

pyvis holds the node and edge lists and ships vis-network; the page itself comes from the
project's template (``graph/templates/view.html.jinja``), which inlines vis-network and
links nothing outside the file. pyvis's own template is not used: it loads Bootstrap from a
CDN even when told to inline its resources.

Node and edge lists are built here directly, not through pyvis's ``add_node`` and
``add_edge``, whose duplicate checks make large graphs quadratic. All article text reaches
the page as JSON inside a ``<script type="application/json">`` element (with ``<``, ``>``
and ``&`` escaped) or as autoescaped HTML, and the page's script writes it with
``textContent`` only, so a quote never becomes markup.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from graph.network import claim_edges

TEMPLATES = Path(__file__).parent / "templates"
PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
TEMPLATE = "view.html.jinja"
# Above either size a picture is large: the page starts with the article and study layers
# off, drops edge labels and curves, and settles physics quickly.
LARGE = 1000  # nodes
LARGE_EDGES = 2500


def is_large(graph: nx.MultiDiGraph) -> bool:
    """True when the picture is too big to draw in full at once (see ``LARGE``)."""
    nodes: int = graph.number_of_nodes()
    edges: int = graph.number_of_edges()
    return nodes > LARGE or edges > LARGE_EDGES


MAX_LABEL = 40

VERDICTS: dict[str, tuple[str, str]] = {  # verdict: (label, colour); Okabe-Ito palette
    "supported": ("supported", "#009E73"),
    "disputed": ("disputed", "#D55E00"),
    "contested": ("contested", "#E69F00"),
    "insufficientEvidence": ("insufficient evidence", "#0072B2"),
    "notAssessable": ("not assessable", "#8C8C8C"),
    "unassessed": ("not assessed", "#C8C8C8"),
}
GROUPS: dict[str, tuple[str, str]] = {  # node group: (shape, colour)
    "Substance": ("dot", "#6A51A3"),
    "Receptor": ("triangle", "#C51B8A"),
    "Condition": ("dot", "#8C6D31"),
    "Organization": ("hexagon", "#35978F"),
    "Jurisdiction": ("square", "#525252"),
    "Method": ("dot", "#7F7F7F"),
    "AnatomicalEntity": ("dot", "#B35806"),
    "Property": ("dot", "#4D4D4D"),
    "Article": ("box", "#F2F2F2"),
    "Study": ("diamond", "#2166AC"),
}
CONTEXT_COLOURS = {
    "stated": "#9E9E9E",
    "credited": "#35978F",
    "supports": "#009E73",
    "disputes": "#D55E00",
    "qualifies": "#8C8C8C",
}
LAYERS = {"stated": "articles", "evidence": "studies", "credited": "authorities"}


@dataclass(frozen=True, slots=True)
class View:
    """What the page shows: its title and the projection (or a selection of it)."""

    graph: nx.MultiDiGraph
    title: str = "claimgraph: claims and their evidence"


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _node_label(data: dict[str, Any]) -> str:
    """A node's caption; a study is shown by its first author (or body) and year."""
    if data["kind"] != "study":
        return _short(data["label"])
    first = re.split(r"[,.]", data["label"], maxsplit=1)[0].split()
    if len(first) > 1 and first[-1].isupper() and len(first[-1]) <= 3:
        first = first[:-1]  # drop the initials of "Boehnke KF"
    year = str(data["published"])[:4]
    return f"{_short(' '.join(first))} {year}"


def vis_nodes(graph: nx.MultiDiGraph, hide_context: bool = False) -> list[dict[str, Any]]:
    """The vis-network node list, one entry per projection node, in a stable order.

    A node's vis id is its position in this list (short ids keep large pages small); its
    IRI is ``cg.iri``. With ``hide_context``, articles and studies start hidden and out of
    the physics; the page hands them (and their edges) to vis only when the reader
    switches their layer on.
    """
    nodes = []
    for number, node in enumerate(sorted(graph.nodes)):
        data = graph.nodes[node]
        shape, colour = GROUPS.get(data["group"], ("dot", "#7F7F7F"))
        entry: dict[str, Any] = {
            "id": number,
            "label": _node_label(data),
            "shape": shape,
            "color": colour,
            "cg": {**data, "iri": node},
        }
        if hide_context and data["kind"] != "entity":
            entry.update(hidden=True, physics=False)
        nodes.append(entry)
    return nodes


def _statement(statement: dict[str, Any]) -> dict[str, Any]:
    """What the page needs of a statement (its article's title and date are on the node)."""
    return {
        "article": statement["article"],
        "quote": statement["quote"],
        "modality": statement["modality"],
        "extracted": statement["extracted"],
        "confidence": statement["confidence"],
        "credited": [credit["label"] for credit in statement["credited"]],
    }


def _claim_edge(data: dict[str, Any], large: bool) -> dict[str, Any]:
    label = data["relation_label"] + (" (extracted)" if data["extracted"] else "")
    payload = {
        **data,
        "articles": json.loads(data["articles"]),
        "statements": [_statement(s) for s in json.loads(data["statements"])],
        "evidence": json.loads(data["evidence"]),
    }
    return {
        "label": "" if large else label,
        "arrows": "to",
        "dashes": data["negated"],
        "width": 2.5,
        "color": {
            "color": VERDICTS[data["verdict"]][1],
            "opacity": 0.5 if data["extracted"] else 1.0,
        },
        "cg": payload,
    }


def _context_edge(data: dict[str, Any], hidden: bool) -> dict[str, Any]:
    colour = CONTEXT_COLOURS[data.get("direction", data["kind"])]
    edge = {
        "arrows": "to",
        "width": 1,
        "color": {"color": colour, "opacity": 0.6},
        "cg": dict(data),
    }
    if hidden:
        edge["hidden"] = True
    return edge


def vis_edges(graph: nx.MultiDiGraph, hide_context: bool = False) -> list[dict[str, Any]]:
    """The vis-network edge list, one entry per projection edge, in a stable order.

    Ends are the nodes' list positions (see ``vis_nodes``); the projection's edge key is
    ``cg.key``.
    """
    large = is_large(graph)
    number = {node: index for index, node in enumerate(sorted(graph.nodes))}
    ordered = sorted(graph.edges(keys=True, data=True), key=lambda edge: edge[:3])
    edges = []
    for index, (source, target, key, data) in enumerate(ordered):
        if data["kind"] == "claim":
            edge = _claim_edge(data, large)
        else:
            edge = _context_edge(data, hide_context)
        edge.update(id=index, to=number[target])
        edge["from"] = number[source]
        edge["cg"]["key"] = key
        edges.append(edge)
    return edges


def vis_options(node_count: int, large: bool) -> dict[str, Any]:
    """Physics that settle: a seeded start, capped stabilization, frozen afterwards (in JS)."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
            "stabilization": {"iterations": 40 if large else 250, "updateInterval": 50},
            "minVelocity": 1.0,
        },
        "edges": {
            "smooth": False if large else {"type": "continuous"},
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
            "arrows": {"to": {"scaleFactor": 0.5}},
        },
        "nodes": {"font": {"size": 13}, "size": 14},
    }


def _choices(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, str]]]:
    """The options of the page's filters: verdicts present, substances and articles."""
    verdicts: set[str] = set()
    in_claims: set[str] = set()
    for subject, target, _, data in claim_edges(graph):
        verdicts.add(data["verdict"])
        in_claims.update(n for n in (subject, target) if graph.nodes[n]["group"] == "Substance")
    articles = [n for n, d in graph.nodes(data=True) if d["kind"] == "article"]
    label = nx.get_node_attributes(graph, "label")
    return {
        "verdicts": [
            {"key": key, "label": text, "colour": colour}
            for key, (text, colour) in VERDICTS.items()
            if key in verdicts
        ],
        "substances": sorted(
            ({"id": n, "label": label[n]} for n in in_claims), key=lambda c: c["label"]
        ),
        "articles": sorted(
            ({"id": n, "label": label[n]} for n in articles), key=lambda c: c["label"]
        ),
    }


def _present_groups(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """The node groups the picture has, for the legend."""
    present = {data["group"] for _, data in graph.nodes(data=True)}
    return {group: style for group, style in GROUPS.items() if group in present}


def _without_source_map(text: str) -> str:
    """Drop a bundled script's source-map comment, so no tool asks for the .map file."""
    return re.sub(r"//# sourceMappingURL=\S+", "", text)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(TEMPLATES), jinja2.FileSystemLoader(PYVIS_TEMPLATES)]
        ),
        autoescape=True,
        keep_trailing_newline=True,
    )
    environment.filters["without_source_map"] = _without_source_map
    return environment


def render(view: View, options: dict[str, Any] | None = None) -> str:
    """The whole page as one HTML string; the same view always gives the same bytes.

    ``options`` replaces the project's vis-network options (the benchmark uses this to
    compare with vis-network's defaults).
    """
    graph = view.graph
    network = Network(directed=True, heading=view.title, cdn_resources="in_line")
    hide_context = is_large(graph)
    network.nodes = vis_nodes(graph, hide_context)
    network.edges = vis_edges(graph, hide_context)
    if options is None:
        options = vis_options(graph.number_of_nodes(), hide_context)
    network.options = options
    nodes, edges, heading, _, _, _ = network.get_network_data()
    claims = sum(1 for e in edges if e["cg"]["kind"] == "claim")
    template = _environment().get_template(TEMPLATE)
    return template.render(
        title=heading,
        summary=f"{claims} claims, {len(nodes)} nodes, {len(edges)} edges",
        data={"nodes": nodes, "edges": edges, "options": network.options},
        choices=_choices(graph),
        groups=_present_groups(graph),
        layers=LAYERS,
        layers_on=not hide_context,
    )


def iframe(page: str, height: int = 650) -> str:
    """The page inside an ``<iframe srcdoc>``, for Jupyter: isolated from the notebook."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width: 100%; height: {height}px; border: 1px solid #ddd"></iframe>'
    )
