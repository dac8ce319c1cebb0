"""JSON-LD is made as a document and dumped once, with the bytes the build always wrote."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rdflib import Graph

from builders import serialize
from builders.records import Dataset
from builders.to_rdf import to_rdf
from graph.namespace import PREFIXES


def serialized_and_parsed_again(graph: Graph) -> bytes:
    """How the build wrote JSON-LD before: rdflib's text, parsed, ordered and dumped again."""
    context = dict(sorted(PREFIXES.items()))
    context.update((prefix, str(namespace)) for prefix, namespace in graph.namespaces())
    raw = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = raw.get("@graph", [raw] if "@id" in raw else [])
    document = {"@context": raw["@context"], "@graph": serialize._sort_nested(nodes)}
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


@pytest.fixture(scope="module")
def graph(seed_dataset: Dataset) -> Graph:
    return to_rdf(seed_dataset)


def test_jsonld_bytes_are_those_of_the_serialize_and_parse_path(graph: Graph) -> None:
    assert serialize.to_jsonld(graph) == serialized_and_parsed_again(graph)


def test_jsonld_is_neither_serialized_as_text_nor_parsed_back(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = serialize.to_jsonld(graph)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("JSON-LD went through text and back")

    monkeypatch.setattr(Graph, "serialize", refuse)
    monkeypatch.setattr(json, "loads", refuse)
    assert serialize.to_jsonld(graph) == expected
