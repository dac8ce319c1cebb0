"""The project's one N-Triples writer: terms, lines and sorted files, always the same bytes.

Every N-Triples file the project writes comes from here: the build's ``claims.nt`` and the
large-corpus build of ``builders.bulk`` (the writers put their triples into an
``NTriplesSink``), and the ontology half of the body that ``claimgraph push`` and the
Virtuoso bulk loader send (``write``, from rdflib triples). A term is written as rdflib's
N-Triples serializer writes the same term (the same escapes: backslash, line feed,
carriage return and double quote; everything else as UTF-8; a literal's lexical form as
rdflib makes it from the same Python value), so ``claims.nt`` keeps the bytes it had when
rdflib wrote it. The lines are sorted, so the same triples give the same file whatever
order they came in. Blank nodes are refused: the graphs written here have none.

Answers to SPARQL CONSTRUCT queries are not written here: pyoxigraph serializes them in
the format a client asks for (``graph.query.sparql``, ``graph.serve.media``), as a stream.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from decimal import Decimal

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

# Characters that may not appear in an N-Triples IRIREF (control characters, space and these).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
    return '"' + escaped.replace("\r", "\\r") + '"'


def iri(value: str) -> str:
    """An IRI as an N-Triples term (``<...>``); refused if N-Triples cannot write it."""
    if _BAD_IRI.search(value):
        raise ValueError(f"{value!r}: an IRI cannot be written in N-Triples")
    return f"<{value}>"


def plain(text: str) -> str:
    """A plain literal (an ``xsd:string``, written without its datatype)."""
    return _quote(text)


def tagged(text: str, language: str) -> str:
    """A literal with a language tag."""
    return f"{_quote(text)}@{language}"


_DATATYPES: dict[str, str] = {}  # the term of each datatype IRI, written once


def typed(lexical: str, datatype: str) -> str:
    """A literal of ``lexical`` form and the ``datatype`` IRI."""
    term = _DATATYPES.get(datatype)
    if term is None:
        term = _DATATYPES[datatype] = iri(datatype)
    return f"{_quote(lexical)}^^{term}"


_BOOLEANS = {value: typed(str(value).lower(), str(XSD.boolean)) for value in (True, False)}
_DATE, _DECIMAL = str(XSD.date), str(XSD.decimal)
_NON_NEGATIVE_INTEGER = str(XSD.nonNegativeInteger)


def boolean(value: bool) -> str:
    """An ``xsd:boolean``, ``true`` or ``false`` as rdflib writes ``Literal(value)``."""
    return _BOOLEANS[value]


def date(value: dt.date) -> str:
    """An ``xsd:date`` in ISO form."""
    return typed(value.isoformat(), _DATE)


def decimal(value: Decimal) -> str:
    """An ``xsd:decimal`` in positional notation (no exponent), as rdflib writes it."""
    return typed(f"{value:f}", _DECIMAL)


def non_negative_integer(value: int) -> str:
    """An ``xsd:nonNegativeInteger``."""
    return typed(str(value), _NON_NEGATIVE_INTEGER)


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return iri(node)
    if isinstance(node, Literal):
        if node.language:
            return tagged(node, node.language)
        if node.datatype:
            return typed(node, node.datatype)
        return plain(node)
    raise TypeError(f"{node!r}: only IRIs and literals are written (the graph has no bnodes)")


def line(triple: Triple) -> str:
    """One rdflib triple as its N-Triples line, line end included."""
    s, p, o = triple
    if not isinstance(s, URIRef) or not isinstance(p, URIRef):
        raise TypeError(f"{triple!r}: subjects and predicates must be IRIs (no blank nodes)")
    return f"{iri(s)} {iri(p)} {_term(o)} .\n"


class NTriplesSink:
    """Collects triples as N-Triples lines, and nothing else; ``ntriples()`` gives each once.

    The build's writers (``builders.to_rdf``) put each triple in with ``triple``, as terms
    already written by this module's term functions; ``add`` takes an rdflib triple.
    The lines are kept in a list, in the order they came, and sorted once at the end:
    a set would hash every line, and sort them no faster.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []

    def triple(self, s: str, p: str, o: str, /) -> None:
        """A triple of N-Triples terms (made by ``iri``, ``plain``, ``typed`` and the rest)."""
        self.lines.append(f"{s} {p} {o} .\n")

    def add(self, triple: Triple, /) -> None:
        self.lines.append(line(triple))

    def ntriples(self) -> bytes:
        """The distinct triples as sorted N-Triples, one line each."""
        self.lines.sort()  # in place: a sorted copy would hold every line twice
        distinct = (text for text, _ in itertools.groupby(self.lines))
        return "".join(distinct).encode("utf-8")


def write(triples: Iterable[Triple]) -> bytes:
    """The triples as sorted, de-duplicated N-Triples (an rdflib ``Graph`` is such an iterable)."""
    sink = NTriplesSink()
    for triple in triples:
        sink.add(triple)
    return sink.ntriples()
