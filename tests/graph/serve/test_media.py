"""Content negotiation: the Accept header's preferences, wildcards and refusals."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.serve import media


@pytest.fixture
def store() -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1")))
    return store


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv", "text/csv"),
        ("text/*", "text/csv"),
        ("application/json", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/html, text/tab-separated-values;q=0.1", "text/tab-separated-values"),
        ("text/csv;q=0, */*;q=0.1", "application/sparql-results+json"),
    ],
)
def test_select_answers(store: ox.Store, accept: str, expected: str) -> None:
    chosen = media.choose(accept, store.query("SELECT * WHERE { ?s ?p ?o }"))
    assert chosen.media_type.split(";")[0] == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml;q=0.9, application/ld+json", "application/ld+json"),
    ],
)
def test_construct_answers(store: ox.Store, accept: str, expected: str) -> None:
    chosen = media.choose(accept, store.query("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert chosen.media_type.split(";")[0] == expected


def test_an_answer_nobody_accepts_is_refused(store: ox.Store) -> None:
    with pytest.raises(media.NotAcceptableError, match="accept one of application/sparql"):
        media.choose("image/png", store.query("ASK { ?s ?p ?o }"))
    with pytest.raises(media.NotAcceptableError, match="text/turtle"):
        media.choose("text/csv", store.query("CONSTRUCT WHERE { ?s ?p ?o }"))
