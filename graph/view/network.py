"""The graph as a picture: a networkx projection of the built RDF graph.

Entities (substances, receptors, conditions, organizations, ...) are nodes, and each claim
is an edge from its subject to its object, keyed by the claim's IRI. Articles, studies and
credited authorities are nodes too; their edges (``stated``, ``evidence``, ``credited``)
point at the subject of the claim they concern and carry that claim's IRI, because an edge
cannot end on another edge.

Attributes are native Python values: a node's are str, bool, int or float; a claim edge
also has lists (``articles``, ``statements``, ``evidence``, ``as_of``) whose records name
their article or study by IRI (its title, date and citation are on its node). GraphML
and GEXF take scalar attributes only, so ``serialize`` writes each list as JSON text
there, and only there.
The projection's queries live in ``graph/view/queries/`` (outside the catalogue).
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import networkx as nx
import pyoxigraph as ox

from builders.phrases import relation_phrase
from builders.records import Direction, EntityType, Relation, SubstanceKind
from builders.verdicts import DECISIVE_STRENGTHS
from graph.errors import QueryError
from graph.namespace import STUDY_SCHEMES
from graph.query.sparql import execute

Row = dict[str, str]

UNASSESSED = "unassessed"  # the verdict key of a claim with no assessment
NOT_ASSESSED = "not assessed"  # and its words
SUBSTANCE_CLASSES = {kind.value for kind in SubstanceKind} | {EntityType.SUBSTANCE.value}
# The resolver IRIs of DOIs, PMIDs and PMCIDs: a study with one of these IRIs can be opened.
LINK_PREFIXES = tuple(record.uri_prefix for record in STUDY_SCHEMES)


def _query_text(name: str) -> str:
    return (resources.files("graph.view") / "queries" / f"{name}.rq").read_text("utf-8")


def _rows(store: ox.Store, name: str) -> list[Row]:
    """A projection query's rows as {variable: lexical value}; unbound variables are absent."""
    result = execute(store, _query_text(name))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"network query '{name}' is not a SELECT query")
    names = [v.value for v in result.variables]
    return [
        {name: term.value for name, term in zip(names, solution, strict=True) if term is not None}
        for solution in result
    ]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label(row: Row, name: str) -> str:
    """The label of the vocabulary term in ``row[name]``, or its local name without one."""
    return row.get(f"{name}Label", _local(row[name]))


def _denied(relation: str, label: str) -> str:
    """How a negated claim's relation reads ("does not have property"), as in its label."""
    try:
        return relation_phrase(Relation(_local(relation)), negated=True)
    except (ValueError, KeyError):  # a relation this version does not know
        return f"not {label}"


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _entity_group(entity_class: str) -> str:
    return EntityType.SUBSTANCE.value if entity_class in SUBSTANCE_CLASSES else entity_class


def _study_link(study: str, seen_at: str) -> str:
    """An address a reader can open: the DOI or PubMed IRI, else where it was seen (if a URL)."""
    if study.startswith(LINK_PREFIXES):
        return study
    if seen_at.startswith(("https://", "http://")) and " " not in seen_at:
        return seen_at
    return ""


class _Projection:
    """Reads the projection queries once and assembles the MultiDiGraph."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.graph = nx.MultiDiGraph()
        self.articles = {row["article"]: row for row in _rows(store, "articles")}

    def run(self) -> nx.MultiDiGraph:
        self.add_entities()
        self.add_articles()
        statements = self.statements_by_claim()
        evidence = self.evidence_by_claim()
        dated = self.assessments_by_claim()
        for row in _rows(self.store, "claims"):
            claim = row["claim"]
            self.add_claim(row, statements.get(claim, []), evidence.get(claim, []))
            self.graph.edges[row["subject"], row["object"], claim]["as_of"] = self.as_of_articles(
                dated.get(claim, {}), statements.get(claim, [])
            )
        return self.graph

    def assessments_by_claim(self) -> dict[str, dict[str, Row]]:
        """Each claim's dated assessments, by their cut-off date."""
        by_claim: dict[str, dict[str, Row]] = defaultdict(dict)
        for row in _rows(self.store, "assessments"):
            by_claim[row["claim"]][row["asOf"]] = row
        return by_claim

    def as_of_articles(
        self, dated: dict[str, Row], statements: list[dict[str, Any]]
    ) -> list[dict[str, str]]:
        """The verdict as of the date of each article that states the claim."""
        verdicts = []
        for article in sorted({s["article"] for s in statements}):
            date = self.articles[article]["published"]
            if date in dated:
                row = dated[date]
                verdicts.append(
                    {
                        "article": article,
                        "as_of": date,
                        "verdict": _local(row["verdict"]),
                        "verdict_label": _label(row, "verdict"),
                        "rule": row.get("rule", ""),
                    }
                )
        return verdicts

    def add_entities(self) -> None:
        for row in _rows(self.store, "entities"):
            entity_class = _local(row["class"])
            self.graph.add_node(
                row["entity"],
                kind="entity",
                label=row["label"],
                entity_id=row["id"],
                entity_class=entity_class,
                group=_entity_group(entity_class),
                definition=row.get("definition", ""),
            )

    def add_articles(self) -> None:
        for iri, row in self.articles.items():
            self.graph.add_node(
                iri,
                kind="article",
                label=row["title"],
                group="Article",
                article_id=row["id"],
                published=row["published"],
                url=row.get("url", ""),
                publisher=row.get("publisher", ""),
                promotional=row.get("promotional") == "true",
            )

    def credits_by_statement(self) -> dict[str, list[Row]]:
        credits: dict[str, list[Row]] = defaultdict(list)
        for row in _rows(self.store, "credits"):
            credits[row["statement"]].append(row)
        return credits

    def statements_by_claim(self) -> dict[str, list[dict[str, Any]]]:
        credits = self.credits_by_statement()
        labels = nx.get_node_attributes(self.graph, "label")
        by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in _rows(self.store, "statements"):
            by_claim[row["claim"]].append(
                {
                    "statement": row["statement"],
                    "article": row["article"],
                    "quote": row["quote"],
                    "start": int(row["start"]),
                    "end": int(row["end"]),
                    "modality": _label(row, "modality"),
                    "extracted": _local(row["provenance"]) == "ruleExtracted",
                    "confidence": float(row["confidence"]) if "confidence" in row else None,
                    "credited": [
                        {
                            "authority": credit["authority"],
                            "label": labels.get(credit["authority"], credit["authority"]),
                            "likely_source": credit.get("likelySource", ""),
                            "likely_source_label": credit.get(
                                "sourceCitation", credit.get("likelySource", "")
                            ),
                        }
                        for credit in credits.get(row["statement"], [])
                    ],
                }
            )
        return by_claim

    def evidence_by_claim(self) -> dict[str, list[dict[str, Any]]]:
        by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in _rows(self.store, "evidence"):
            link = _study_link(row["study"], row["seenAt"])
            self.graph.add_node(
                row["study"],
                kind="study",
                label=row["citation"],
                group="Study",
                study_key=row["key"],
                title=row["title"],
                published=row["published"],
                design=_label(row, "design"),
                link=link,
                doi=row.get("doi", ""),
                pmid=row.get("pmid", ""),
            )
            direction, strength = _local(row["direction"]), _local(row["strength"])
            by_claim[row["claim"]].append(
                {
                    "study": row["study"],
                    "direction": _label(row, "direction"),
                    "strength": _label(row, "strength"),
                    "finding": row["finding"],
                    "decisive": strength in DECISIVE_STRENGTHS
                    and direction != Direction.QUALIFIES.value,
                }
            )
        return by_claim

    def add_claim(
        self, row: Row, statements: list[dict[str, Any]], evidence: list[dict[str, Any]]
    ) -> None:
        claim, subject = row["claim"], row["subject"]
        negated = row["negated"] == "true"
        relation_label = _label(row, "relation")
        scope = [
            f"{name}: {row[name]}"
            for name in ("population", "jurisdiction", "timeframe")
            if name in row
        ]
        articles = sorted({s["article"] for s in statements})
        self.graph.add_edge(
            subject,
            row["object"],
            key=claim,
            kind="claim",
            claim=claim,
            label=row["label"],
            relation=_local(row["relation"]),
            relation_label=_denied(row["relation"], relation_label) if negated else relation_label,
            negated=negated,
            verdict=_local(row["verdict"]) if "verdict" in row else UNASSESSED,
            verdict_label=_label(row, "verdict") if "verdict" in row else NOT_ASSESSED,
            rule=row.get("rule", ""),
            scope="; ".join(scope),
            extracted=bool(statements) and all(s["extracted"] for s in statements),
            articles=articles,
            statements=statements,
            evidence=evidence,
        )
        for article in articles:
            self._context(article, subject, "stated", claim)
        for line in evidence:
            self._context(line["study"], subject, "evidence", claim, direction=line["direction"])
        authorities = {c["authority"] for s in statements for c in s["credited"]}
        for authority in sorted(authorities):
            self._context(authority, subject, "credited", claim)

    def _context(self, source: str, subject: str, kind: str, claim: str, **extra: str) -> None:
        key = f"{kind} {source} {claim}"
        self.graph.add_edge(source, subject, key=key, kind=kind, claim=claim, **extra)


def project(store: ox.Store) -> nx.MultiDiGraph:
    """The built graph (in a store) as a networkx MultiDiGraph with native attributes."""
    return _Projection(store).run()


def claim_edges(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Each claim edge as (subject, object, claim IRI, attributes)."""
    for source, target, key, data in graph.edges(keys=True, data=True):
        if data["kind"] == "claim":
            yield source, target, key, data


@dataclass(frozen=True, slots=True)
class Selection:
    """Which part of the picture to keep; empty fields keep everything."""

    focus: str | None = None
    depth: int = 1
    verdicts: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()


def _resolve(graph: nx.MultiDiGraph, name: str, kind: str, id_field: str) -> str:
    """The node for an IRI, a curated id or a label (case does not matter) of this kind."""
    wanted = name.casefold()
    candidates = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] != kind:
            continue
        for value in (node, data[id_field], data["label"]):
            candidates[value.casefold()] = node
    if wanted in candidates:
        return str(candidates[wanted])
    close = difflib.get_close_matches(wanted, list(candidates), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"no {kind} '{name}' in the graph{hint}")


def _verdict_names(graph: nx.MultiDiGraph, verdicts: Iterable[str]) -> set[str]:
    known = {}
    for _, _, _, data in claim_edges(graph):
        known[data["verdict"].casefold()] = data["verdict"]
        known[data["verdict_label"].casefold()] = data["verdict"]
    names = set()
    for verdict in verdicts:
        if verdict.casefold() not in known:
            listed = ", ".join(sorted(set(known.values()))) or "none"
            raise QueryError(f"no claim has the verdict '{verdict}' (verdicts here: {listed})")
        names.add(known[verdict.casefold()])
    return names


def select(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    """The part of the picture a selection keeps: claims, their ends and their context."""
    keep = {key for _, _, key, _ in claim_edges(graph)}
    if selection.verdicts:
        wanted = _verdict_names(graph, selection.verdicts)
        keep = {
            key for _, _, key, d in claim_edges(graph) if key in keep and d["verdict"] in wanted
        }
    if selection.articles:
        chosen = {_resolve(graph, a, "article", "article_id") for a in selection.articles}
        keep = {
            key
            for _, _, key, d in claim_edges(graph)
            if key in keep and chosen & set(d["articles"])
        }
    if selection.focus is not None:
        if selection.depth < 1:
            raise QueryError(f"depth must be 1 or more, not {selection.depth}")
        centre = _resolve(graph, selection.focus, "entity", "entity_id")
        claims_only = nx.Graph()
        claims_only.add_node(centre)
        claims_only.add_edges_from((u, v) for u, v, k, _ in claim_edges(graph) if k in keep)
        near = nx.single_source_shortest_path_length(claims_only, centre, cutoff=selection.depth)
        keep = {
            k
            for u, v, k, _ in claim_edges(graph)
            if k in keep
            and min(near.get(u, selection.depth), near.get(v, selection.depth)) < selection.depth
        }
    return restrict(graph, keep)


def restrict(graph: nx.MultiDiGraph, claims: set[str]) -> nx.MultiDiGraph:
    """The claims in ``claims`` with their end nodes and their context nodes and edges."""
    kept = nx.MultiDiGraph()
    for source, target, key, data in graph.edges(keys=True, data=True):
        if data["claim"] in claims:
            for node in (source, target):
                if node not in kept:
                    kept.add_node(node, **graph.nodes[node])
            kept.add_edge(source, target, key=key, **data)
    return kept


EXPORT_FORMATS = ("graphml", "gexf")


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes as GraphML and GEXF take them: lists and records as JSON text."""
    return {
        name: _json(value) if isinstance(value, list | tuple | dict) else value
        for name, value in data.items()
    }


def serialize(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """The projection as GraphML or GEXF bytes, nodes and edges in a stable order."""
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from((node, _scalars(data)) for node, data in sorted(graph.nodes(data=True)))
    ordered.add_edges_from(
        (u, v, key, _scalars(data)) for u, v, key, data in sorted(graph.edges(keys=True, data=True))
    )
    stream = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(ordered, stream)
    elif fmt == "gexf":
        nx.write_gexf(ordered, stream)
        # networkx stamps today's date into GEXF; drop it so that the output is reproducible
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", stream.getvalue())
    else:
        raise QueryError(f"unknown export format '{fmt}' (choose {', '.join(EXPORT_FORMATS)})")
    return stream.getvalue()
