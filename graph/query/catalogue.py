"""The catalogue of named SPARQL queries in graph/query/queries/*.rq.

Each file starts with comment lines that state its question and its parameters::

    # Question: Which claims does the graph hold about a given substance?
    # Param: substance  An entity id, label or synonym, such as kratom.

A parameter is a variable of the query (``?substance``); ``graph.query.sparql`` binds it to a
literal through the store's substitution mechanism, never by pasting text into the query.

A parameter that names a node also has a ``Lookup`` line::

    # Lookup: substance ?entity

which says that the query reads the name through the name index (``cg:lookupKey``, see
``builders.nameindex``) into ``?entity``. ``bind_names`` resolves the name to its IRIs in
the store before the query runs and binds them with ``VALUES`` at the top of every group
that uses ``?entity`` (subqueries included), so that the query starts from the bound IRI.
The IRIs come from the store (valid IRIs, written ``<...>``) and the name is written as an
escaped literal, so the text stays safe; the bound text also runs on a remote endpoint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

import pyoxigraph as ox

from builders.nameindex import LOOKUP_KEY, lookup_key
from graph.errors import QueryError

HEADER = re.compile(r"^#\s*(Question|Param):\s*(.+?)\s*$")
LOOKUP = re.compile(r"^#\s*Lookup:\s*([A-Za-z_]\w*)\s+\?([A-Za-z_]\w*)\s*$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of the catalogue: its name (file stem), question, parameters and text."""

    name: str
    question: str
    params: dict[str, str]
    text: str
    lookups: dict[str, str] = field(default_factory=dict)  # parameter -> node variable


def parse_query_file(name: str, text: str) -> NamedQuery:
    """Read the header of a query file; a catalogue query must state its question."""
    question = ""
    params: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if LOOKUP.match(line):
            continue
        match = HEADER.match(line)
        if match and match.group(1) == "Question":
            question = match.group(2)
        elif match:
            param, _, description = match.group(2).partition(" ")
            params[param] = description.strip()
    if not question:
        raise QueryError(f"query '{name}' has no '# Question:' line at its top")
    found = lookups(text)
    undeclared = sorted(set(found) - set(params))
    if undeclared:
        raise QueryError(f"query '{name}': '# Lookup: {undeclared[0]}' names no '# Param:'")
    return NamedQuery(name=name, question=question, params=params, text=text, lookups=found)


def lookups(text: str) -> dict[str, str]:
    """The ``# Lookup: PARAM ?VARIABLE`` lines at the top of a query, as {param: variable}."""
    found = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = LOOKUP.match(line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def resolve_name(store: ox.Store, name: str) -> list[ox.NamedNode]:
    """The nodes whose name index holds ``name`` (case does not matter), in IRI order."""
    key = ox.Literal(lookup_key(name))
    nodes = {
        quad.subject
        for quad in store.quads_for_pattern(None, ox.NamedNode(LOOKUP_KEY), key)
        if isinstance(quad.subject, ox.NamedNode)
    }
    return sorted(nodes, key=lambda node: node.value)


_OPAQUE = re.compile(
    r"#[^\n]*"  # a comment
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"  # IRIs (a '<' with a space after it compares)
)


def _blanked(text: str) -> str:
    """``text`` with its comments, strings and IRIs blanked out, so braces there do not count."""
    return _OPAQUE.sub(lambda match: " " * len(match.group()), text)


def _groups(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of every ``WHERE { ... }`` group, subqueries included."""
    plain = _blanked(text)
    for match in _WHERE.finditer(plain):
        depth, index = 1, match.end()
        while index < len(plain) and depth:
            depth += {"{": 1, "}": -1}.get(plain[index], 0)
            index += 1
        yield match.end(), index - 1


def _mentions(group: str, variable: str) -> bool:
    return re.search(rf"[?$]{variable}\b", group) is not None


def bind_names(store: ox.Store, text: str, params: Mapping[str, str]) -> str:
    """``text`` with each looked-up parameter bound, by ``VALUES``, to the IRIs it names.

    The names are resolved in ``store``; see ``bind_with`` for how they are bound.
    """
    return bind_with(lambda name: resolve_name(store, name), text, params)


def bind_with(
    nodes: Callable[[str], Sequence[ox.NamedNode]], text: str, params: Mapping[str, str]
) -> str:
    """``text`` with each looked-up parameter bound, by ``VALUES``, to the IRIs ``nodes`` gives.

    Every group (the query's and each subquery's) that uses the node variable gets the
    ``VALUES`` line at its top, with the parameter's literal beside the IRI where the group
    uses the parameter too. A name that names nothing binds no row, so the answer is empty,
    as the name comparison gave. Parameters without a ``Lookup`` line are left alone.
    """
    bindings = []
    for param, variable in lookups(text).items():
        if param in params:
            bindings.append((param, variable, list(nodes(params[param]))))
    if not bindings:
        return text
    inserts = []
    for start, end in _groups(text):
        group = text[start:end]
        for param, variable, found in bindings:
            if not _mentions(group, variable):
                continue
            literal = str(ox.Literal(params[param]))
            if _mentions(group, param):
                rows = " ".join(f"({node} {literal})" for node in found)
                inserts.append((start, f"\n  VALUES (?{variable} ?{param}) {{ {rows} }}"))
            else:
                rows = " ".join(str(node) for node in found)
                inserts.append((start, f"\n  VALUES ?{variable} {{ {rows} }}"))
    for at, line in sorted(inserts, reverse=True):
        text = text[:at] + line + text[at:]
    return text


def catalogue() -> dict[str, NamedQuery]:
    """Every named query shipped in graph/query/queries, by name."""
    folder = resources.files("graph.query") / "queries"
    queries = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            queries[name] = parse_query_file(name, entry.read_text(encoding="utf-8"))
    return queries
