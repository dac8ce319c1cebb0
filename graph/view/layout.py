"""Positions for large pictures, computed in Python so the page opens with physics off.

igraph's Fruchterman-Reingold layout with its grid approximation places the entities (the
fastest of the libraries measured for this, see ``bench/RESULTS.md``); each claim's marker
goes between its subject and its object. Articles and
studies, whose layers start hidden, go to the centre of the claims they state or weigh, on
a small ring so that two of them never coincide. The start positions are derived from the
node order, and igraph's random numbers come from a seeded generator, so the same picture
always gets the same positions.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from statistics import median

import igraph
import networkx as nx

from graph.view.network import claim_edges

Point = tuple[float, float]
EDGE_LENGTH = 45.0  # the median drawn length of a claim's half, in vis-network units
ITERATIONS = 300
SEED = 7
SPREAD = 14.0  # between the markers of claims that link the same two entities


def _start(count: int) -> list[list[float]]:
    """A deterministic spiral of start positions."""
    return [
        [math.sqrt(i) * math.cos(i * 2.39996), math.sqrt(i) * math.sin(i * 2.39996)]
        for i in range(count)
    ]


def entity_positions(graph: nx.MultiDiGraph) -> dict[str, Point]:
    """Positions of the entities: one spring per pair of entities that a claim links."""
    names = sorted(n for n, d in graph.nodes(data=True) if d["kind"] == "entity")
    if not names:
        return {}
    index = {name: i for i, name in enumerate(names)}
    pairs = sorted(
        {tuple(sorted((index[u], index[v]))) for u, v, _, _ in claim_edges(graph) if u != v}
    )
    drawn = igraph.Graph(n=len(names), edges=pairs)
    previous = igraph.set_random_number_generator(random.Random(SEED))
    try:
        coords = drawn.layout_fruchterman_reingold(
            seed=_start(len(names)), niter=ITERATIONS, grid=True
        ).coords
    finally:
        igraph.set_random_number_generator(previous or random)
    lengths = [math.dist(coords[a], coords[b]) for a, b in pairs] or [1.0]
    scale = 2 * EDGE_LENGTH / max(median(lengths), 1e-9)
    points = [(x * scale, y * scale) for x, y in coords]
    _gather(points, sorted(drawn.connected_components(), key=len, reverse=True))
    return dict(zip(names, points, strict=True))


def core_positions(graph: nx.MultiDiGraph) -> dict[str, Point]:
    """Positions of the entities and claim markers (keyed by node and claim IRI).

    A claim's marker sits half-way between its subject and its object; the claims that
    link the same two entities are spread across that line, one step apart, so each
    marker can be clicked.
    """
    placed = entity_positions(graph)
    between: dict[tuple[str, str], list[str]] = defaultdict(list)
    for subject, target, key, _ in sorted(claim_edges(graph), key=lambda edge: edge[2]):
        between[(min(subject, target), max(subject, target))].append(key)
    for (a, b), keys in between.items():
        (ax, ay), (bx, by) = placed[a], placed[b]
        length = math.dist((ax, ay), (bx, by))
        nx_, ny_ = ((ay - by) / length, (bx - ax) / length) if length else (0.0, 1.0)
        for k, key in enumerate(keys):
            offset = (k - (len(keys) - 1) / 2) * SPREAD + (0 if length else SPREAD)
            placed[key] = ((ax + bx) / 2 + nx_ * offset, (ay + by) / 2 + ny_ * offset)
    return placed


def _gather(points: list[Point], components: list[list[int]]) -> None:
    """Move the small components onto a ring just outside the largest one.

    Fruchterman-Reingold pushes unconnected parts far apart, which leaves the main part a
    dot when the whole picture is fitted to the screen.
    """
    if len(components) < 2:
        return
    main = components[0]
    cx = sum(points[i][0] for i in main) / len(main)
    cy = sum(points[i][1] for i in main) / len(main)
    radius = max(math.dist(points[i], (cx, cy)) for i in main) + EDGE_LENGTH
    step = EDGE_LENGTH * 1.5
    angle = 0.0
    for part in components[1:]:
        px = sum(points[i][0] for i in part) / len(part)
        py = sum(points[i][1] for i in part) / len(part)
        size = max(math.dist(points[i], (px, py)) for i in part)
        tx, ty = cx + (radius + size) * math.cos(angle), cy + (radius + size) * math.sin(angle)
        for i in part:
            points[i] = (points[i][0] - px + tx, points[i][1] - py + ty)
        angle += (2 * size + step) / (radius + size)
        if angle >= 2 * math.pi:
            angle -= 2 * math.pi
            radius += step


def positions(graph: nx.MultiDiGraph) -> dict[str, Point]:
    """Positions of every node of the picture and of every claim marker."""
    placed = core_positions(graph)
    near: dict[str, list[Point]] = defaultdict(list)
    for source, _, data in graph.edges(data=True):
        if data["kind"] != "claim" and source not in placed:
            near[source].append(placed[data["claim"]])
    for number, node in enumerate(sorted(near)):
        points = near[node]
        x = sum(p[0] for p in points) / len(points)
        y = sum(p[1] for p in points) / len(points)
        angle = number * 2.39996
        placed[node] = (x + 12 * math.cos(angle), y + 12 * math.sin(angle))
    for node in graph.nodes:  # a node with no claims (none in a projection, but be safe)
        placed.setdefault(node, (0.0, 0.0))
    return placed
