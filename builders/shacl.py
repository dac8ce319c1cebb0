"""Validate a built graph against shapes.ttl with pySHACL."""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate
from rdflib import Graph

from builders.errors import ValidationError


def check_shapes(data: Graph, shapes_path: Path, ontology_path: Path) -> None:
    """Raise ``ValidationError`` with pySHACL's readable report when ``data`` does not conform.

    The ontology is given so that class targets reach subclasses (a cg:Plant is a
    cg:Substance) through RDFS inference on a copy; ``data`` itself is not changed.
    """
    shapes = Graph().parse(shapes_path, format="turtle")
    ontology = Graph().parse(ontology_path, format="turtle")
    conforms, _report_graph, report_text = validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="rdfs",
        abort_on_first=False,
        allow_warnings=True,
    )
    if not conforms:
        raise ValidationError(f"the graph does not conform to {shapes_path.name}:\n{report_text}")
