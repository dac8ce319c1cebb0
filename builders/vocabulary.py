"""Load data/vocabulary/*.yaml: the entities claims are about, and background facts.

Each file may hold ``entities:`` and ``facts:`` lists. An entity has an ``id`` (a
lower-case slug), a ``label``, a ``type`` and, for substances, a ``kind``, a
``definition``, ``synonyms`` and ``identifiers``: CURIEs with the SKOS match they
stand in and where they were checked.
"""

from __future__ import annotations

from pathlib import Path

from builders.errors import DataError, FirstSeen, Location
from builders.identifiers import curie_problem, expand
from builders.iris import SLUG
from builders.records import (
    Background,
    BackgroundFact,
    Entity,
    EntityType,
    ExternalId,
    MatchKind,
    SubstanceKind,
    Vocabulary,
)
from builders.yamlsource import Fields, Node, load_yaml, require_mapping

ENTITY_FIELDS = {"id", "label", "type", "kind", "definition", "synonyms", "identifiers"}
ID_FIELDS = {"curie", "match", "checked_at"}
FACT_FIELDS = {"subject", "relation", "object", "source"}


def _identifier(node: Node, prefix: str) -> ExternalId:
    fields = Fields(node, prefix, ID_FIELDS)
    curie = fields.text("curie", example="chebi:17303")
    problem = curie_problem(curie)
    if problem:
        raise fields.error(
            "curie", problem, "write the identifier as prefix:local, checked against its registry"
        )
    return ExternalId(
        iri=expand(curie),
        match=fields.member("match", MatchKind, MatchKind.EXACT),
        checked_at=fields.text("checked_at", example="ChEBI entry page"),
    )


def _entity(node: Node, prefix: str) -> Entity:
    fields = Fields(node, prefix, ENTITY_FIELDS)
    entity_id = fields.text("id", example="kratom")
    if not SLUG.match(entity_id):
        raise fields.error(
            "id",
            f"'{entity_id}' is not a lower-case slug",
            "use lower-case letters, digits and single hyphens, e.g. mu-opioid-receptor",
        )
    entity_type = fields.member("type", EntityType)
    kind = None
    if entity_type is EntityType.SUBSTANCE:
        kind = fields.member("kind", SubstanceKind)
    elif "kind" in node:
        raise fields.error("kind", "only substances have a kind", "remove the 'kind' field")
    identifiers = []
    if "identifiers" in node:
        identifiers = [_identifier(item, p) for item, p in fields.items("identifiers")]
    return Entity(
        id=entity_id,
        label=fields.text("label", example="kratom"),
        type=entity_type,
        kind=kind,
        definition=fields.text("definition", example="A tropical tree whose leaves ..."),
        synonyms=fields.text_list("synonyms"),
        identifiers=tuple(identifiers),
    )


def _fact(node: Node, prefix: str) -> BackgroundFact:
    fields = Fields(node, prefix, FACT_FIELDS)
    return BackgroundFact(
        subject=fields.text("subject", example="kratom"),
        relation=fields.member("relation", Background),
        object=fields.text("object", example="mitragynine"),
        source=fields.text("source", example="ChEBI entry"),
    )


def load_vocabulary(folder: Path) -> Vocabulary:
    """Read every YAML file in ``folder``; entity ids must be unique across them."""
    entities: dict[str, Entity] = {}
    ids: FirstSeen[str] = FirstSeen()
    facts: list[tuple[BackgroundFact, Location]] = []
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise DataError(
            Location(folder),
            "no vocabulary files (*.yaml) found",
            "add data/vocabulary/entities.yaml listing the entities",
        )
    for path in files:
        top = require_mapping(load_yaml(path), Location(path), "a vocabulary file")
        fields = Fields(top, "", {"entities", "facts"})
        if "entities" in top:
            for node, prefix in fields.items("entities"):
                entity = _entity(node, prefix)
                ids.add(
                    entity.id,
                    node.where("id", prefix),
                    f"entity id '{entity.id}' is already used",
                    "give each entity its own id",
                )
                entities[entity.id] = entity
        if "facts" in top:
            facts.extend((_fact(node, p), node.where(None, p)) for node, p in fields.items("facts"))
    for fact, where in facts:
        for end in (fact.subject, fact.object):
            if end not in entities:
                raise DataError(
                    where,
                    f"unknown entity '{end}'",
                    "add it to data/vocabulary or use an existing id",
                )
    return Vocabulary(entities=entities, facts=tuple(fact for fact, _ in facts))
