"""The domain and range of each claim relation, read from ontology.ttl (their one source).

A claim's subject must be an instance of its relation's ``rdfs:domain`` and its object of
its ``rdfs:range``; an entity's class is its substance kind or its type, and it is an
instance of every class that ontology.ttl makes that class a subclass of.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib.namespace import RDFS

from builders import paths
from builders.ontology import local_name, ontology
from builders.records import Claim, Entity, Relation
from graph.namespace import CG


@dataclass(frozen=True, slots=True)
class Signature:
    """The classes (cg: local names) a relation's subject and object must belong to."""

    domain: str | None
    range: str | None


@dataclass(frozen=True, slots=True)
class Signatures:
    """Every relation's signature and every cg: class's superclasses (itself included)."""

    relations: dict[Relation, Signature]
    ancestors: dict[str, frozenset[str]]

    def is_a(self, entity: Entity, cls: str) -> bool:
        """True when ``entity`` is an instance of the cg: class ``cls``."""
        own = entity.kind.value if entity.kind is not None else entity.type.value
        return cls in self.ancestors.get(own, frozenset({own}))

    def violation(self, claim: Claim, entities: dict[str, Entity]) -> Violation | None:
        """The first end of ``claim`` outside its relation's domain or range, if any.

        The build reports it as a data error; an extractor can call it to drop a proposal.
        """
        signature = self.relations[claim.relation]
        ends = (
            ("subject", claim.subject, signature.domain, "domain"),
            ("object", claim.object, signature.range, "range"),
        )
        for field, entity_id, cls, role in ends:
            entity = entities[entity_id]
            if cls is not None and not self.is_a(entity, cls):
                found = entity.kind.value if entity.kind is not None else entity.type.value
                return Violation(field, entity_id, found, role, cls)
        return None


@dataclass(frozen=True, slots=True)
class Violation:
    """A claim's subject or object that is not of the type its relation requires."""

    field: str  # "subject" or "object"
    entity: str
    found: str  # the entity's class
    role: str  # "domain" or "range"
    wanted: str  # the class the relation requires


@cache
def load_signatures(path: Path = paths.ONTOLOGY) -> Signatures:
    """Read the relations' domains and ranges and the class hierarchy from ``path``."""
    graph = ontology(path)
    parents: dict[str, set[str]] = {}
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        child_name, parent_name = local_name(sub), local_name(sup)
        if child_name and parent_name:
            parents.setdefault(child_name, set()).add(parent_name)
    ancestors: dict[str, frozenset[str]] = {}
    for name in parents:
        seen, todo = {name}, [name]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        ancestors[name] = frozenset(seen)
    relations = {}
    for relation in Relation:
        node = CG[relation.value]
        domain = graph.value(node, RDFS.domain)
        range_ = graph.value(node, RDFS.range)
        relations[relation] = Signature(local_name(domain), local_name(range_))
    return Signatures(relations, ancestors)
