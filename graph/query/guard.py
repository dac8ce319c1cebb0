"""Checks on untrusted SPARQL text before any SPARQL engine sees it.

Oxigraph parses and evaluates queries recursively, so a query nested a few thousand
levels deep overflows its stack and kills the process; and ``SERVICE`` makes it fetch
any URL the query names. ``check`` reads the text once, left to right, skipping strings,
IRIs and comments, and refuses a query that is too long, nested too deep (braces,
parentheses and brackets together) or federated. The endpoint's front and
``claimgraph query`` both call it; the worker process that runs queries calls it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import QueryError

MAX_QUERY_BYTES = 64 * 1024
MAX_DEPTH = 64

_OPEN = "{(["
_CLOSE = "})]"
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.]*")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:?$")


@dataclass(frozen=True, slots=True)
class Limits:
    """How long and how deep a query may be, and whether it may name a ``SERVICE``."""

    max_bytes: int = MAX_QUERY_BYTES
    max_depth: int = MAX_DEPTH
    allow_federation: bool = False


DEFAULT_LIMITS = Limits()


def _line_col(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def _skip_string(text: str, start: int) -> int:
    """The index just after the string literal that opens at ``start``."""
    quote = text[start]
    long_quote = text.startswith(quote * 3, start)
    closing = quote * 3 if long_quote else quote
    index = start + len(closing)
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if not long_quote and char == "\n":
            break
        if text.startswith(closing, index):
            return index + len(closing)
        index += 1
    raise QueryError(f"SPARQL syntax error: a string opened at {_line_col(text, start)} never ends")


def _federation_error(text: str, index: int) -> QueryError:
    return QueryError(
        "a query may not call other endpoints here "
        "(federation is off, so claimgraph never goes online)",
        "query the remote endpoint directly; only an endpoint started with "
        "'claimgraph serve --allow-federation' runs SERVICE, for every query it receives",
        f"SERVICE at {_line_col(text, index)}",
    )


def check(query: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise ``QueryError`` if ``query`` is too long, nested too deep or uses ``SERVICE``.

    One pass over the text; the work is linear in its length, whatever it contains.
    """
    size = len(query.encode("utf-8"))
    if size > limits.max_bytes:
        raise QueryError(
            f"the query is {size:,} bytes long; the limit is {limits.max_bytes:,} bytes",
            "shorten the query (large VALUES lists can be split into several queries)",
        )
    depth = 0
    index = 0
    length = len(query)
    while index < length:
        char = query[index]
        if char == "#":
            newline = query.find("\n", index)
            index = length if newline < 0 else newline + 1
        elif char in "\"'":
            index = _skip_string(query, index)
        elif char == "<" and (iri := _IRI.match(query, index)) is not None:
            index = iri.end()
        elif char in _OPEN:
            depth += 1
            if depth > limits.max_depth:
                raise QueryError(
                    f"the query nests deeper than {limits.max_depth} levels of braces, "
                    f"parentheses and brackets (at {_line_col(query, index)})",
                    "flatten the query; real queries rarely nest more than ten levels",
                )
            index += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
            index += 1
        elif (index == 0 or query[index - 1] not in _NAME_CHARS) and (
            word := _WORD.match(query, index)
        ) is not None:
            end = word.end()
            follows = query[end] if end < length else ""
            is_keyword = follows != ":" and word.group().upper() == "SERVICE"
            if is_keyword and not limits.allow_federation:
                raise _federation_error(query, index)
            index = end
        else:
            index += 1
