"""The query page at ``/``: the catalogue's queries as ready tabs, run against ``/query``.

The page is one self-contained HTML document (its script and style inline) and its
Content-Security-Policy lets it talk to this endpoint only, so it works offline and
makes no request outside the machine. Each catalogue query is a tab titled with its
question; a query with parameters gets a ``VALUES`` line at the start of its ``WHERE``
block, bound to the example its ``# Param:`` line gives.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

from graph.namespace import PREFIXES
from graph.query.catalogue import NamedQuery, catalogue

TEMPLATES = Path(__file__).parent / "templates"
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_EXAMPLE = re.compile(r'such as ("[^"]+"|[^\s,;)]+)')
_WHERE = re.compile(r"\bWHERE\s*\{")


def example_value(description: str) -> str:
    """The example a parameter's description gives ("such as kratom"), else ""."""
    found = _EXAMPLE.search(description)
    return found.group(1).strip('"').rstrip(".") if found else ""


def bind_values(query: str, values: dict[str, str]) -> str:
    """``query`` with a ``VALUES`` line binding ``values`` at the start of its WHERE block.

    The line must go there, not after the query: a trailing VALUES is joined after the
    grouping, when the query's FILTERs have already seen the variables unbound.
    """
    if not values:
        return query
    names = " ".join(f"?{name}" for name in values)
    literals = " ".join(json.dumps(value, ensure_ascii=False) for value in values.values())
    line = f"\n  VALUES ({names}) {{ ({literals}) }}"
    return _WHERE.sub(lambda where: where.group() + line, query, count=1)


def tab(named: NamedQuery) -> dict[str, str]:
    values = {name: example_value(text) for name, text in named.params.items()}
    return {
        "name": named.name,
        "question": named.question,
        "query": bind_values(named.text, values),
    }


def render() -> str:
    """The page, with the catalogue and the project's prefixes in it."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
    )
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    tabs = [tab(named) for named in catalogue().values()]
    blank = {
        "name": "new",
        "question": "A query of your own",
        "query": prefixes + "\n" + "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10\n",
    }
    return environment.get_template("query.html.jinja").render(tabs=[*tabs, blank])
