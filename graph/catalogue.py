"""The catalogue of named SPARQL queries in graph/queries/*.rq.

Each file starts with comment lines that state its question and its parameters::

    # Question: Which claims does the graph hold about a given substance?
    # Param: substance  An entity id, label or synonym, such as kratom.

A parameter is a variable of the query (``?substance``); ``graph.sparql`` binds it to a
literal through the store's substitution mechanism, never by pasting text into the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from builders.errors import QueryError

HEADER = re.compile(r"^#\s*(Question|Param):\s*(.+?)\s*$")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of the catalogue: its name (file stem), question, parameters and text."""

    name: str
    question: str
    params: dict[str, str]
    text: str


def parse_query_file(name: str, text: str) -> NamedQuery:
    """Read the header of a query file; a catalogue query must state its question."""
    question = ""
    params: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = HEADER.match(line)
        if match and match.group(1) == "Question":
            question = match.group(2)
        elif match:
            param, _, description = match.group(2).partition(" ")
            params[param] = description.strip()
    if not question:
        raise QueryError(f"query '{name}' has no '# Question:' line at its top")
    return NamedQuery(name=name, question=question, params=params, text=text)


def catalogue() -> dict[str, NamedQuery]:
    """Every named query shipped in graph/queries, by name."""
    folder = resources.files("graph") / "queries"
    queries = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            queries[name] = parse_query_file(name, entry.read_text(encoding="utf-8"))
    return queries
