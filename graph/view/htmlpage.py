"""The analysts' HTML view: the network projection drawn with vis-network, in one offline file.

The page comes from the project's template (``graph/view/templates/view.html.jinja``), which
inlines vis-network and links nothing outside the file. pyvis is here only as the package
that ships vis-network: the template includes the script and style bundled in pyvis's
``templates/lib`` folder. pyvis's ``Network`` is not used. Its template loads Bootstrap
from a CDN even when told to inline its resources, and its ``add_node`` and ``add_edge``
check for duplicates, which makes large graphs quadratic; so the page's nodes, edges and
vis-network options are built here and handed to the template as they are, not put into a
``Network`` only to be read back.

Each claim is drawn as a small marker node between its subject and its object (shaped and
coloured by its verdict), with a line from the subject to the marker and an arrow from the
marker to the object. Articles, studies and credited authorities point at the marker of
the claim they state, weigh or are credited with, so a study arrow shows which claim it
weighs, and two claims between the same nodes have two markers that can each be clicked.

All article text reaches the page as JSON inside a ``<script type="application/json">``
element (with ``<``, ``>`` and ``&`` escaped) or as autoescaped HTML, and the page's script
writes it with ``textContent`` only, so a quote never becomes markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis

from builders import ontology
from builders.verdicts import Verdict
from graph.view import layout
from graph.view.network import NOT_ASSESSED, UNASSESSED, Selection, claim_edges

TEMPLATES = Path(__file__).parent / "templates"
PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
TEMPLATE = "view.html.jinja"
SCRIPTS = ("view.panel.js", "view.table.js", "view.vis.js", "view.js")
# Above either size a picture is large: the page starts with the article and study layers
# off, draws no labels until zoomed in, and opens at positions computed in Python.
LARGE = 1000  # nodes
LARGE_EDGES = 2500


def is_large(graph: nx.MultiDiGraph) -> bool:
    """True when the picture is too big to draw in full at once (see ``LARGE``)."""
    nodes: int = graph.number_of_nodes()
    edges: int = graph.number_of_edges()
    return nodes > LARGE or edges > LARGE_EDGES


MAX_LABEL = 40


@dataclass(frozen=True, slots=True)
class VerdictStyle:
    """How a verdict is drawn: a colour and, for readers who cannot tell colours, two marks.

    ``shape`` is the claim marker's vis-network shape, ``arrow`` the arrowhead at the
    object, ``glyph`` the same shape as text (legend, table, panel). The verdict's words
    are its rdfs:label in ontology.ttl (``verdict_label``).
    """

    colour: str
    shape: str
    arrow: str
    glyph: str


# Colours chosen so that every pair differs by CIE76 ΔE ≥ 20 in normal vision and under
# simulated deuteranopia and protanopia, each with at least 3:1 contrast on white
# (tests/graph/view/test_view.py computes both).
VERDICTS: dict[str, VerdictStyle] = {
    Verdict.SUPPORTED.value: VerdictStyle("#3E8E4E", "triangle", "arrow", "▲"),
    Verdict.DISPUTED.value: VerdictStyle("#873C00", "triangleDown", "bar", "▼"),
    Verdict.CONTESTED.value: VerdictStyle("#D27800", "diamond", "diamond", "◆"),
    Verdict.INSUFFICIENT.value: VerdictStyle("#2D3C78", "square", "circle", "■"),
    Verdict.NOT_ASSESSABLE.value: VerdictStyle("#787878", "star", "box", "★"),
    UNASSESSED: VerdictStyle("#2D2D2D", "dot", "vee", "●"),
}


def verdict_label(key: str) -> str:
    """The words for a verdict: its rdfs:label, or "not assessed" for a claim without one."""
    return NOT_ASSESSED if key == UNASSESSED else ontology.label(key)


BACKGROUND = "#FFFFFF"
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
    "supports": VERDICTS["supported"].colour,
    "disputes": VERDICTS["disputed"].colour,
    "qualifies": "#8C8C8C",
}
LAYERS = {"stated": "articles", "evidence": "studies", "credited": "authorities"}
CONTEXT_LEGEND = {  # line kind: what the legend calls it
    "stated": "article states the claim",
    "supports": "study supports it",
    "disputes": "study disputes it",
    "qualifies": "study qualifies it",
    "credited": "statement credits an authority",
}
DEFAULT_TITLE = "claimgraph: claims and their evidence"


@dataclass(frozen=True, slots=True)
class View:
    """What the page shows: its title and the projection (or a selection of it)."""

    graph: nx.MultiDiGraph
    title: str = DEFAULT_TITLE


def title_for(selection: Selection | None) -> str:
    """A page title that names what a selection keeps."""
    if selection is None:
        return DEFAULT_TITLE
    parts = []
    if selection.focus is not None:
        hops = "" if selection.depth == 1 else f" (within {selection.depth} hops)"
        parts.append(f"about {selection.focus}{hops}")
    if selection.verdicts:
        parts.append("with verdict " + " or ".join(selection.verdicts))
    if selection.articles:
        parts.append("stated in " + ", ".join(selection.articles))
    return "claimgraph: claims " + "; ".join(parts) if parts else DEFAULT_TITLE


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


def _statement(statement: dict[str, Any]) -> dict[str, Any]:
    """What the page needs of a statement (its article's title and date are on the node)."""
    return {
        "article": statement["article"],
        "quote": statement["quote"],
        "modality": statement["modality"],
        "extracted": statement["extracted"],
        "confidence": statement["confidence"],
        "credited": statement["credited"],
    }


EDGE_TYPES = ("tail", "head", "stated", "supports", "disputes", "qualifies", "credited", "direct")
STRENGTHS = ("strong", "moderate", "weak")


def _lines(evidence: list[dict[str, Any]], direction: str) -> tuple[str, int]:
    """A claim's lines in one direction as "1 strong, 2 weak", and a rank to sort them by."""
    counts = {strength: 0 for strength in STRENGTHS}
    for line in evidence:
        if line["direction"] == direction and line["strength"] in counts:
            counts[line["strength"]] += 1
    text = ", ".join(f"{n} {strength}" for strength, n in counts.items() if n)
    return text, counts["strong"] * 10_000 + counts["moderate"] * 100 + counts["weak"]


class _Lists:
    """The page's lists, built in one pass over the projection.

    Nodes are vis-network nodes (entities, articles and studies, then one marker per
    claim); a marker carries what the picture and the claims table need, and the rest of
    its claim (quotes, evidence lines, dated verdicts) is in ``details``, which the page
    reads only when asked. Edges are ``[from, to, type]`` triples (``EDGE_TYPES``), made
    into vis-network edges by the page. A large picture draws each claim as one ``direct``
    arrow, ``[subject, object, type, marker]``, instead of the marker and its two lines (a
    third of the items to draw); the page adds a marker on it only where an article, study
    or authority arrow of a shown layer points at it.
    """

    def __init__(self, graph: nx.MultiDiGraph, hide_context: bool) -> None:
        self.graph = graph
        self.hide_context = hide_context
        self.order = sorted(self.graph.nodes)
        self.number = {node: index for index, node in enumerate(self.order)}
        self.claims = sorted(claim_edges(self.graph), key=lambda edge: edge[2])
        self.marker = {key: len(self.order) + i for i, (_, _, key, _) in enumerate(self.claims)}
        self.details: list[dict[str, Any]] = []

    def nodes(self, positions: dict[str, tuple[float, float]] | None) -> list[dict[str, Any]]:
        nodes = []
        for node in self.order:
            data = self.graph.nodes[node]
            shape, colour = GROUPS.get(data["group"], ("dot", "#7F7F7F"))
            entry: dict[str, Any] = {
                "id": self.number[node],
                "label": _node_label(data),
                "shape": shape,
                "color": colour,
                "cg": {**data, "iri": node},
            }
            if self.hide_context:  # large: smaller nodes, context layers off at first
                entry["size"] = 8
                if data["kind"] != "entity":
                    entry["hidden"] = True
            nodes.append(entry)
        for subject, target, key, data in self.claims:
            nodes.append(self.claim_node(subject, target, key, data))
        if positions is not None:
            for entry in nodes:
                x, y = positions[entry["cg"]["iri"]]
                entry.update(x=round(x, 1), y=round(y, 1))
        return nodes

    def claim_node(self, subject: str, target: str, key: str, data: dict[str, Any]) -> Any:
        style = VERDICTS[data["verdict"]]
        relation = data["relation_label"] + (" (extracted)" if data["extracted"] else "")
        statements, evidence = data["statements"], data["evidence"]
        modalities = ", ".join(sorted({s["modality"] for s in statements}))
        articles = [self.number[a] for a in data["articles"] if a in self.number]
        self.details.append(
            {
                "relation_label": data["relation_label"],
                "rule": data["rule"],
                "scope": data["scope"],
                "statements": [_statement(s) for s in statements],
                "evidence": evidence,
                "as_of": data["as_of"],
            }
        )
        return {
            "hidden": self.hide_context,  # on a large picture, shown with its layers only
            "id": self.marker[key],
            "label": relation,
            "shape": style.shape,
            "size": 5 if self.hide_context else 10,
            "color": style.colour,
            "opacity": 0.55 if data["extracted"] else 1.0,
            "cg": {
                "kind": "claim",
                "iri": key,
                "label": data["label"],
                "verdict": data["verdict"],
                "verdict_label": data["verdict_label"],
                "negated": data["negated"],
                "extracted": data["extracted"],
                "subject": self.number[subject],
                "object": self.number[target],
                "articles": articles,
                "row": [
                    *_lines(evidence, "supports"),
                    *_lines(evidence, "disputes"),
                    len({line["study"] for line in evidence}),
                    modalities,
                ],
            },
        }

    def edges(self) -> list[list[int]]:
        code = {name: number for number, name in enumerate(EDGE_TYPES)}
        edges: list[list[int]] = []
        for subject, target, key, _ in self.claims:
            marker = self.marker[key]
            edges.append([self.number[subject], marker, code["tail"]])
            edges.append([marker, self.number[target], code["head"]])
        context = sorted(
            (edge for edge in self.graph.edges(keys=True, data=True) if edge[3]["kind"] != "claim"),
            key=lambda edge: edge[:3],
        )
        for source, _, _, data in context:
            kind = data["direction"] if data["kind"] == "evidence" else data["kind"]
            edges.append([self.number[source], self.marker[data["claim"]], code[kind]])
        if self.hide_context:
            for subject, target, key, _ in self.claims:
                marker = self.marker[key]
                edges.append([self.number[subject], self.number[target], code["direct"], marker])
        return edges


def vis_lists(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[list[int]]]:
    """The page's node list and ``[from, to, type]`` edges (claims as marker nodes)."""
    large = is_large(graph)
    lists = _Lists(graph, large)
    return lists.nodes(layout.positions(graph) if large else None), lists.edges()


def vis_options(node_count: int, large: bool) -> dict[str, Any]:
    """Physics that settle (or none, at positions computed in Python, for large pictures)."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": not large,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 70},
            "stabilization": {"iterations": 250, "updateInterval": 50},
            "minVelocity": 1.0,
        },
        "edges": {
            "smooth": False if large else {"type": "continuous"},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "nodes": {
            "font": {"size": 13},
            "size": 14,
            # a large picture draws captions only once zoomed in far enough to read them
            "scaling": {"label": {"drawThreshold": 16 if large else 5}},
        },
    }


def _choices(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The options of the page's filters: verdicts present (with counts), names to type."""
    counts: dict[str, int] = {}
    in_claims: set[str] = set()
    for subject, target, _, data in claim_edges(graph):
        counts[data["verdict"]] = counts.get(data["verdict"], 0) + 1
        in_claims.update(n for n in (subject, target) if graph.nodes[n]["group"] == "Substance")
    articles = [n for n, d in graph.nodes(data=True) if d["kind"] == "article"]
    label = nx.get_node_attributes(graph, "label")
    return {
        "verdicts": [
            {"key": key, "count": counts[key], **_style(key, style)}
            for key, style in VERDICTS.items()
            if key in counts
        ],
        "substances": sorted({label[n] for n in in_claims}),
        "articles": sorted({label[n] for n in articles}),
    }


def _style(key: str, style: VerdictStyle) -> dict[str, str]:
    return {"label": verdict_label(key), "colour": style.colour, "glyph": style.glyph}


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
    large = is_large(graph)
    lists = _Lists(graph, large)
    nodes = lists.nodes(layout.positions(graph) if large else None)
    edges = lists.edges()
    if options is None:
        options = vis_options(graph.number_of_nodes(), large)
    template = _environment().get_template(TEMPLATE)
    verdicts = {key: {**_style(key, s), "arrow": s.arrow} for key, s in VERDICTS.items()}
    context = {kind: CONTEXT_COLOURS[kind] for kind in EDGE_TYPES[2:-1]}
    return template.render(
        title=view.title,
        summary=f"{len(lists.claims)} claims, {graph.number_of_nodes()} nodes",
        data={
            "nodes": nodes,
            "edges": edges,
            "options": options,
            "verdicts": verdicts,
            "edge_types": EDGE_TYPES,
            "context_colours": context,
            "large": large,
            "title": view.title,
        },
        details=lists.details,
        choices=_choices(graph),
        groups=_present_groups(graph),
        context_lines=[(CONTEXT_COLOURS[kind], text) for kind, text in CONTEXT_LEGEND.items()],
        layers=LAYERS,
        layers_on=not large,
        scripts=SCRIPTS,
    )


def iframe(page: str, height: int = 650) -> str:
    """The page inside an ``<iframe srcdoc>``, for Jupyter: isolated from the notebook."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts allow-downloads" '
        f'style="width: 100%; height: {height}px; border: 1px solid #ddd"></iframe>'
    )
