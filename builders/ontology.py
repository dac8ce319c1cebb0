"""What ontology.ttl says about its own terms, read once and shared.

ontology.ttl is the one source of the closed value sets (relations, verdicts, modalities,
directions, ...), their labels and the relations' domains and ranges. The Python enums in
``builders.records`` and ``builders.verdicts`` name the same members for typing;
tests/test_ontology_drift.py fails when the two disagree. Labels, CiTO matches, classes and
domains are read from here rather than restated.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from builders import paths
from graph.namespace import CG


@cache
def ontology(path: Path = paths.ONTOLOGY) -> Graph:
    """The parsed ontology (parsed once per path and process; do not modify it)."""
    return Graph().parse(path, format="turtle")


def local_name(node: Node | None) -> str | None:
    """The local name of a cg: term, or None for any other node."""
    if isinstance(node, URIRef) and node.startswith(str(CG)):
        return node.removeprefix(str(CG))
    return None


def _text(name: str, predicate: URIRef) -> str:
    value = ontology().value(CG[name], predicate)
    if value is None:
        raise KeyError(f"ontology.ttl gives cg:{name} no {predicate}")
    return str(value)


@cache
def label(name: str) -> str:
    """The rdfs:label of the cg: term ``name``."""
    return _text(name, RDFS.label)


@cache
def pref_label(name: str) -> str:
    """The skos:prefLabel of the cg: concept ``name``."""
    return _text(name, SKOS.prefLabel)


@cache
def members(cls: str) -> frozenset[str]:
    """The local names of the cg: individuals of the cg: class ``cls`` (a closed set)."""
    return frozenset(
        name for s in ontology().subjects(RDF.type, CG[cls]) if (name := local_name(s))
    )


@cache
def exact_match(name: str) -> URIRef:
    """The term of another vocabulary that the cg: term ``name`` is a skos:exactMatch of."""
    value = ontology().value(CG[name], SKOS.exactMatch)
    if not isinstance(value, URIRef):
        raise KeyError(f"ontology.ttl gives cg:{name} no skos:exactMatch")
    return value


@cache
def subclasses(cls: str) -> frozenset[str]:
    """The cg: classes that are ``cls`` or (transitively) a subclass of it."""
    found = ontology().transitive_subjects(RDFS.subClassOf, CG[cls])
    return frozenset(name for node in found if (name := local_name(node)))


@cache
def direct_subclasses(cls: str) -> frozenset[str]:
    """The cg: classes declared ``rdfs:subClassOf`` ``cls`` itself."""
    found = ontology().subjects(RDFS.subClassOf, CG[cls])
    return frozenset(name for node in found if (name := local_name(node)))


def domain(name: str) -> str | None:
    """The cg: class that is the rdfs:domain of the cg: property ``name``, if any."""
    return local_name(ontology().value(CG[name], RDFS.domain))


def range_(name: str) -> str | None:
    """The cg: class that is the rdfs:range of the cg: property ``name``, if any."""
    return local_name(ontology().value(CG[name], RDFS.range))
