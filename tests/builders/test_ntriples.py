"""The one N-Triples writer: rdflib's bytes, sorted, and no other writer in the code."""

from __future__ import annotations

import ast
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef, namespace

from builders import ntriples, paths
from builders.records import Dataset
from builders.to_rdf import to_rdf

E = "https://e.org/"
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
# Where the code may write N-Triples itself, and why. The answer to a CONSTRUCT query is
# serialized by pyoxigraph in the format the client chose (N-Triples for the CLI), as a
# query result; it is not a file the project writes.
QUERY_ANSWERS = {"graph/query/sparql.py"}
NT_NAMES = {"nt", "nt11", "ntriples", "n-triples", "application/n-triples"}


def rdflib_lines(graph: Graph) -> bytes:
    """What the build wrote before it had its own writer: rdflib's lines, sorted."""
    lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").splitlines()))
    return b"".join(line + b"\n" for line in lines if line.strip())


def awkward() -> Graph:
    graph = Graph()
    s, p = URIRef(f"{E}s"), URIRef(f"{E}p")
    for text in ('two\nlines "quoted" \\ back', "tab\tand\rreturn", "Grüße, 東京 ✓ 𝄞", ""):
        graph.add((s, p, Literal(text)))
        graph.add((s, p, Literal(text, lang="de")))
        graph.add((s, p, Literal(text, datatype=XSD_STRING)))
    graph.add((s, p, Literal(3)))
    graph.add((s, p, Literal(0.5)))
    graph.add((s, p, Literal(True)))
    graph.add((s, p, URIRef(f"{E}o?q=1&r=%C3%BC#frag")))
    return graph


def test_seed_graph_is_written_as_rdflib_wrote_it(seed_dataset: Dataset) -> None:
    graph = to_rdf(seed_dataset)
    assert ntriples.write(graph) == rdflib_lines(graph)


def test_escapes_and_literal_kinds_are_written_as_rdflib_writes_them() -> None:
    graph = awkward()
    assert ntriples.write(graph) == rdflib_lines(graph)
    assert set(Graph().parse(data=ntriples.write(graph), format="nt")) == set(graph)


TEXTS = ('two\nlines "quoted" \\ back', "tab\tand\rreturn", "Grüße, 東京 ✓ 𝄞", "", " ")


def written_terms() -> list[tuple[str, Literal | URIRef]]:
    """Each term function's output beside the rdflib term it stands for."""
    terms: list[tuple[str, Literal | URIRef]] = []
    for text in TEXTS:
        terms.append((ntriples.plain(text), Literal(text)))
        terms.append((ntriples.tagged(text, "en"), Literal(text, lang="en")))
        terms.append(
            (
                ntriples.typed(text, str(namespace.XSD.gYear)),
                Literal(text, datatype=namespace.XSD.gYear),
            )
        )
    for flag in (True, False):
        terms.append((ntriples.boolean(flag), Literal(flag)))
    for day in (dt.date(2020, 2, 21), dt.date(999, 1, 2)):
        terms.append((ntriples.date(day), Literal(day, datatype=namespace.XSD.date)))
    for number in (0.85, 1.0, 1e-05, 0.1234567890123, 1e20, 0.0):
        value = Decimal(repr(number))
        terms.append((ntriples.decimal(value), Literal(value, datatype=namespace.XSD.decimal)))
    for count in (0, 7, 10**12):
        written = ntriples.non_negative_integer(count)
        terms.append((written, Literal(count, datatype=namespace.XSD.nonNegativeInteger)))
    iri = f"{E}o?q=1&r=%C3%BC#frag"
    terms.append((ntriples.iri(iri), URIRef(iri)))
    return terms


def test_each_term_is_written_as_rdflib_writes_it() -> None:
    s, p = URIRef(f"{E}s"), URIRef(f"{E}p")
    for written, term in written_terms():
        graph = Graph()
        graph.add((s, p, term))
        sink = ntriples.NTriplesSink()
        sink.triple(ntriples.iri(s), ntriples.iri(p), written)
        assert sink.ntriples() == rdflib_lines(graph), term


def test_terms_refuse_what_n_triples_cannot_hold() -> None:
    with pytest.raises(ValueError, match="cannot be written in N-Triples"):
        ntriples.iri(f"{E}a b")
    with pytest.raises(ValueError, match="cannot be written in N-Triples"):
        ntriples.typed("1", "urn:x:dt<")


def test_vocabulary_terms_are_their_namespaces_iris() -> None:
    from builders.terms import cg, rdf, skos
    from graph.namespace import CG

    assert cg.Claim == f"<{CG.Claim}>" and cg["Claim"] is cg.Claim
    assert rdf.type == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    assert skos["broadMatch"] == "<http://www.w3.org/2004/02/skos/core#broadMatch>"
    with pytest.raises(AttributeError):
        _ = rdf.typo  # a closed namespace still refuses a name it does not define


def test_same_triples_in_any_order_give_the_same_bytes() -> None:
    triples = sorted(awkward())
    once = ntriples.write(triples)
    assert ntriples.write(reversed(triples)) == once
    assert ntriples.write(triples + triples[:3]) == once  # repeats are written once
    assert once.splitlines() == sorted(once.splitlines())
    assert once.endswith(b" .\n")


def test_blank_nodes_and_unwritable_iris_are_refused() -> None:
    p = URIRef(f"{E}p")
    with pytest.raises(TypeError, match="no blank nodes"):
        ntriples.write([(BNode(), p, Literal(1))])
    with pytest.raises(TypeError, match="no bnodes"):
        ntriples.write([(URIRef(f"{E}s"), p, BNode())])
    with pytest.raises(ValueError, match="cannot be written in N-Triples"):
        ntriples.write([(URIRef(f"{E}a b"), p, Literal(1))])


def _is_nt(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.casefold() in NT_NAMES
    return isinstance(node, ast.Attribute) and node.attr == "N_TRIPLES"


def nt_serializer_calls(source: str) -> list[int]:
    """Lines of ``source`` that call a ``serialize`` (rdflib's or pyoxigraph's) for N-Triples."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name != "serialize":
            continue
        formats = [k.value for k in node.keywords if k.arg in ("format", "mime_type")]
        if any(_is_nt(value) for value in [*formats, *node.args]):
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_n_triples_serializer_calls() -> None:
    source = (
        "graph.serialize(format='nt')\n"
        "g.serialize(destination, format='nt11', encoding='utf-8')\n"
        "ox.serialize(triples, out, format=ox.RdfFormat.N_TRIPLES)\n"
        "serialize(triples, out, ox.RdfFormat.N_TRIPLES)\n"
        "graph.serialize(format='turtle')\n"
        "ox.parse(path=p, format=ox.RdfFormat.N_TRIPLES)\n"
    )
    assert nt_serializer_calls(source) == [1, 2, 3, 4]


def test_no_module_but_the_writer_serializes_n_triples() -> None:
    found = {}
    for package in ("builders", "graph"):
        for path in sorted((paths.PROJECT_ROOT / package).rglob("*.py")):
            name = path.relative_to(paths.PROJECT_ROOT).as_posix()
            calls = nt_serializer_calls(path.read_text(encoding="utf-8"))
            if calls and name not in QUERY_ANSWERS:
                found[name] = calls
    assert found == {}, "write N-Triples with builders.ntriples.write"
    for name in QUERY_ANSWERS:  # the exemption is not stale
        assert nt_serializer_calls((paths.PROJECT_ROOT / name).read_text(encoding="utf-8"))


def test_push_body_is_the_built_file_and_the_written_ontology(tmp_path: Path) -> None:
    from graph.store.push import write_body

    built = tmp_path / "claims.nt"
    built.write_bytes(b"<https://e.org/a> <https://e.org/b> <https://e.org/c> .\n")
    body, count = write_body(built, paths.ONTOLOGY, tmp_path)
    ontology = ntriples.write(Graph().parse(paths.ONTOLOGY, format="turtle"))
    assert body.read_bytes() == built.read_bytes() + b"\n" + ontology
    assert count == 1 + ontology.count(b"\n")
