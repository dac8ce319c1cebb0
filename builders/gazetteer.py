"""Load data/vocabulary/gazetteer/: names of things, each with one public identifier.

The gazetteer is a set of TSV files, one entry a line, in canonical form (a fixed header
row, rows sorted by id, UTF-8, LF line ends, a final newline), plus ``sources.yaml``, which
says where each source's entries come from. Some files are generated from public sources
by ``builders.ingest.gazetteer_generate`` (MeSH, the ``us`` package, ``pycountry``); others
are curated by hand, and their rows say where a person saw the identifier (``checked_at``).

Ids are unique across every file. The curated vocabulary (``data/vocabulary/*.yaml``)
takes precedence over the gazetteer: ``Gazetteer.deferring_to(vocabulary)`` drops every
entry that the vocabulary already has, by id, by identifier or by name (see there).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from builders import paths
from builders.errors import DataError, FirstSeen, Location
from builders.gazetteer_ids import identifier_problem
from builders.iris import SLUG
from builders.records import Entity, EntityType, ExternalId, MatchKind, SubstanceKind, Vocabulary
from builders.yamlsource import Fields, decode_utf8, load_yaml, require_mapping
from graph.namespace import CONVERTER

COLUMNS = (
    "id",
    "label",
    "type",
    "kind",
    "identifier",
    "match",
    "synonyms",
    "source",
    "checked_at",
)
HEADER = "\t".join(COLUMNS)
SOURCES_FILE = "sources.yaml"
SYNONYMS_FOLDER = "synonyms"
SYNONYMS_HEADER = "identifier\tname\tmatch\tchecked_at"
SYNONYM_SEPARATOR = "|"
SOURCE_FIELDS = {
    "key",
    "name",
    "publisher",
    "licence",
    "version",
    "retrieved",
    "upstream",
    "commit",
    "file",
    "sha256",
    "generated",
}
_TYPES = {member.value: member for member in EntityType}
_KINDS = {member.value: member for member in SubstanceKind}
_MATCHES = {member.value: member for member in MatchKind if member is not MatchKind.EXACT}
_PADDED = re.compile(r"(?:^|\t)[^\S\t]|[^\S\t](?:\t|$)")  # white space at a field's ends
_DASHES = re.compile(r"[\s\-\u2010-\u2015]+")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One named thing with its public identifier (a CURIE) and its provenance.

    ``match`` is the SKOS relation of the entry to what its identifier names: exact,
    unless a curated row says its closest identifier is broader or only close.
    """

    id: str
    label: str
    type: EntityType
    kind: SubstanceKind | None
    identifier: str
    match: MatchKind
    synonyms: tuple[str, ...]
    source: str
    checked_at: str

    @property
    def names(self) -> tuple[str, ...]:
        """The label, then the synonyms."""
        return (self.label, *self.synonyms)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a source's entries come from: who publishes it, its licence and version."""

    key: str
    name: str
    publisher: str
    licence: str
    version: str
    retrieved: str
    upstream: str
    generated: bool
    commit: str | None = None
    file: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Entries by id, the ids of the entries with each normalized name, and the sources."""

    entries: Mapping[str, GazetteerEntry]
    by_name: Mapping[str, tuple[str, ...]]
    sources: Mapping[str, Source]
    # after deferring_to: the names of each dropped entry, by the curated entity it gave way to
    absorbed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def lookup(self, name: str) -> tuple[GazetteerEntry, ...]:
        """The entries one of whose names normalizes as ``name`` does, in id order."""
        return tuple(self.entries[i] for i in self.by_name.get(normalize_name(name), ()))

    def deferring_to(self, vocabulary: Vocabulary) -> Gazetteer:
        """The gazetteer without the entries that the curated vocabulary already has.

        An entry is dropped when a curated entity has its id, or lists its identifier as an
        exact match (the same IRI), or is of its type and has the entry's label among its own
        label and synonyms. The curated entity is then the one mentions resolve to. A curated
        entity narrower than a descriptor (opioid withdrawal, a broadMatch of substance
        withdrawal syndrome) leaves the descriptor's entry in place.

        The names of a dropped entry (its label and synonyms, everyday names included) are
        kept in ``absorbed`` under the curated entity's id, so "opioid painkillers", an
        everyday name of the descriptor the curated *opioids* stands for, still names it.
        """
        curated = sorted(vocabulary.entities.values(), key=lambda e: e.id)
        curated_curies = {
            CONVERTER.compress(ext.iri): entity.id
            for entity in curated
            for ext in entity.identifiers
            if ext.match is MatchKind.EXACT
        }
        curated_names: dict[tuple[EntityType, str], str] = {}
        for entity in curated:
            for name in (entity.label, *entity.synonyms):
                curated_names.setdefault((entity.type, normalize_name(name)), entity.id)
        kept: dict[str, GazetteerEntry] = {}
        absorbed: dict[str, list[str]] = {}
        for entry in self.entries.values():
            owner = (
                entry.id
                if entry.id in vocabulary.entities
                else curated_curies.get(entry.identifier)
                or curated_names.get((entry.type, normalize_name(entry.label)))
            )
            if owner is None:
                kept[entry.id] = entry
            else:
                absorbed.setdefault(owner, []).extend((entry.label, *entry.synonyms))
        by_name = {}
        for name, ids in self.by_name.items():
            left = tuple(i for i in ids if i in kept)
            if left:
                by_name[name] = left
        names = {owner: tuple(dict.fromkeys(found)) for owner, found in sorted(absorbed.items())}
        return Gazetteer(kept, by_name, self.sources, names)


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, case-folded, hyphens and spaces as one space."""
    return _DASHES.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()


def make_gazetteer(entries: Iterable[GazetteerEntry], sources: Mapping[str, Source]) -> Gazetteer:
    """A gazetteer of ``entries`` (ids assumed unique) with its name index."""
    by_id = {entry.id: entry for entry in sorted(entries, key=lambda e: e.id)}
    index: dict[str, list[str]] = {}
    for entry in by_id.values():
        for name in dict.fromkeys(normalize_name(n) for n in entry.names):
            index.setdefault(name, []).append(entry.id)
    return Gazetteer(by_id, {name: tuple(ids) for name, ids in index.items()}, dict(sources))


def format_tsv(entries: Iterable[GazetteerEntry]) -> str:
    """The canonical text of a gazetteer file holding ``entries``."""
    lines = [HEADER]
    for e in sorted(entries, key=lambda entry: entry.id):
        kind = e.kind.value if e.kind else ""
        match = "" if e.match is MatchKind.EXACT else e.match.value
        synonyms = SYNONYM_SEPARATOR.join(e.synonyms)
        fields = (e.id, e.label, e.type.value, kind, e.identifier, match, synonyms)
        lines.append("\t".join((*fields, e.source, e.checked_at)))
    return "\n".join(lines) + "\n"


def load_sources(path: Path) -> dict[str, Source]:
    """Read ``sources.yaml``: a ``sources:`` list, each with its key, licence and version."""
    top = require_mapping(load_yaml(path), Location(path), "a sources file")
    sources: dict[str, Source] = {}
    keys: FirstSeen[str] = FirstSeen()
    for node, prefix in Fields(top, "", {"sources"}).items("sources"):
        fields = Fields(node, prefix, SOURCE_FIELDS)
        key = fields.text("key", example="mesh")
        keys.add(key, fields.where("key"), f"source key '{key}' is already used", "rename one")
        sources[key] = Source(
            key=key,
            name=fields.text("name", example="Medical Subject Headings"),
            publisher=fields.text("publisher", example="U.S. National Library of Medicine"),
            licence=fields.text("licence", example="public domain"),
            version=fields.text("version", example="2015"),
            retrieved=fields.date("retrieved").isoformat(),
            upstream=fields.text("upstream", example="https://github.com/dhimmel/mesh"),
            generated=fields.boolean("generated", False),
            commit=fields.optional_text("commit"),
            file=fields.optional_text("file"),
            sha256=fields.optional_text("sha256"),
        )
    return sources


def load_gazetteer(folder: Path) -> Gazetteer:
    """Read ``sources.yaml`` and every ``*.tsv`` file in ``folder``, checking each field."""
    sources = load_sources(folder / SOURCES_FILE)
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise DataError(
            Location(folder), "no gazetteer files (*.tsv) found", "run 'make gazetteer'"
        )
    first: dict[str, Location] = {}
    entries: list[GazetteerEntry] = []
    for path in files:
        for entry, line in read_entries(path, sources):
            if entry.id in first:
                raise DataError(
                    Location(path, line, "id"),
                    f"id '{entry.id}' is already used at {first[entry.id]}",
                    "give each gazetteer entry its own id (ids are unique across all files)",
                )
            first[entry.id] = Location(path, line)
            entries.append(entry)
    extra = read_synonyms(folder / SYNONYMS_FOLDER, {e.identifier for e in entries})
    entries = [
        dataclasses.replace(e, synonyms=(*e.synonyms, *extra[e.identifier]))
        if e.identifier in extra
        else e
        for e in entries
    ]
    return make_gazetteer(entries, sources)


def read_synonyms(folder: Path, identifiers: set[str]) -> dict[str, tuple[str, ...]]:
    """Curated everyday names for entries, by identifier, from ``synonyms/*.tsv``.

    Each row gives an identifier that some entry has, a name readers use for it ("muscle
    aches" for mesh:D063806 Myalgia), the SKOS match the curator judged between the name
    and the descriptor (``exactMatch`` when a public page lists the name as a synonym or
    entry term, ``closeMatch`` or ``broadMatch`` when it is the curator's judgment) and
    where the identifier and name were checked."""
    out: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.tsv")) if folder.is_dir() else ():
        text = decode_utf8(path, path.read_bytes(), "save the file as UTF-8")
        lines = text.split("\n")
        if lines[0] != SYNONYMS_HEADER:
            raise DataError(
                Location(path, 1),
                "the first line is not the synonyms header",
                "start the file with the tab-separated columns: "
                + SYNONYMS_HEADER.replace("\t", ", "),
            )
        for number, line in enumerate(lines[1:], start=2):
            if not line:
                continue
            cells = line.split("\t")
            if len(cells) != 4 or not all(cells):
                raise DataError(
                    Location(path, number),
                    f"expected 4 non-empty tab-separated fields, found {len(cells)}",
                    "write identifier, name, match and checked_at, separated by tabs",
                )
            identifier, name, match, _checked_at = cells
            if identifier not in identifiers:
                raise DataError(
                    Location(path, number, "identifier"),
                    f"no gazetteer entry has the identifier {identifier}",
                    "use the identifier of an entry in a gazetteer file, or drop the row",
                )
            if match not in ("exactMatch", "closeMatch", "broadMatch"):
                raise DataError(
                    Location(path, number, "match"),
                    f"'{match}' is not a SKOS match the file allows",
                    "write exactMatch, closeMatch or broadMatch",
                )
            out.setdefault(identifier, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def read_entries(path: Path, sources: Mapping[str, Source]) -> list[tuple[GazetteerEntry, int]]:
    """The entries of one gazetteer file, each with its line, checked field by field."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(
            Location(path), f"cannot read the file: {exc.strerror}", "check it"
        ) from exc
    text = decode_utf8(path, raw, "save the file as UTF-8")
    lines = text.split("\n")
    if lines[0] != HEADER:
        raise DataError(
            Location(path, 1),
            "the first line is not the gazetteer header",
            "start the file with the tab-separated columns: " + ", ".join(COLUMNS),
        )
    if lines[-1] != "":
        raise DataError(
            Location(path, len(lines)), "the file does not end with a newline", "add one"
        )
    rows: list[tuple[GazetteerEntry, int]] = []
    previous = ""
    for number, line in enumerate(lines[1:-1], start=2):
        entry = _entry(line, path, number, sources)
        if entry.id <= previous:
            raise DataError(
                Location(path, number, "id"),
                f"id '{entry.id}' is not after '{previous}': rows must be sorted by id, once each",
                "sort the rows by id (or run 'make gazetteer' for a generated file)",
            )
        previous = entry.id
        rows.append((entry, number))
    return rows


def _entry(line: str, path: Path, number: int, sources: Mapping[str, Source]) -> GazetteerEntry:
    def fail(field: str | None, problem: str, fix: str) -> DataError:
        return DataError(Location(path, number, field), problem, fix)

    values = line.split("\t")
    if len(values) != len(COLUMNS):
        raise fail(
            None,
            f"expected {len(COLUMNS)} tab-separated fields, found {len(values)}",
            "write one field per column, an empty one where there is nothing (no tabs inside)",
        )
    entry_id, label, type_, kind, identifier, match, synonyms, source_key, checked_at = values
    if _PADDED.search(line):
        field = next(f for f, v in zip(COLUMNS, values, strict=True) if v != v.strip())
        raise fail(
            field, "the value has leading or trailing white space", "remove it (and CR line ends)"
        )
    if not SLUG.match(entry_id):
        raise fail(
            "id",
            f"'{entry_id}' is not a lower-case slug",
            "use lower-case letters, digits and single hyphens, e.g. food-and-drug-administration",
        )
    if not label:
        raise fail("label", "the label is empty", "write the name as a reader writes it")
    entity_type = _TYPES.get(type_)
    if entity_type is None:
        raise fail("type", f"'{type_}' is not an entity type", "use one of: " + ", ".join(_TYPES))
    substance_kind = _KINDS.get(kind) if kind else None
    if entity_type is EntityType.SUBSTANCE and substance_kind is None:
        raise fail("kind", f"'{kind}' is not a substance kind", "use one of: " + ", ".join(_KINDS))
    if entity_type is not EntityType.SUBSTANCE and kind:
        raise fail("kind", "only substances have a kind", "leave the kind empty")
    problem = identifier_problem(identifier)
    if problem:
        raise fail("identifier", problem, "write one CURIE, checked against its registry")
    if match and match not in _MATCHES:
        raise fail(
            "match",
            f"'{match}' is not a SKOS match other than exactMatch",
            "leave it empty for an exact match, or use one of: " + ", ".join(_MATCHES),
        )
    match_kind = _MATCHES[match] if match else MatchKind.EXACT
    names = tuple(synonyms.split(SYNONYM_SEPARATOR)) if synonyms else ()
    if any(not name or name != name.strip() for name in names):
        raise fail("synonyms", "a synonym is empty or padded", "separate synonyms by '|' alone")
    if len(set(names)) != len(names) or label in names:
        raise fail("synonyms", "a name is listed twice", "list each synonym once, not the label")
    source = sources.get(source_key)
    if source is None:
        raise fail(
            "source",
            f"unknown source '{source_key}'",
            f"use a key of {SOURCES_FILE}: " + ", ".join(sorted(sources)),
        )
    if source.generated and checked_at:
        raise fail("checked_at", "a generated row has checked_at", "leave it empty")
    if not source.generated and not checked_at:
        raise fail(
            "checked_at",
            "a curated row does not say where its identifier was checked",
            "name the public page where you saw the identifier, or leave the row out",
        )
    return GazetteerEntry(
        entry_id,
        label,
        entity_type,
        substance_kind,
        identifier,
        match_kind,
        names,
        source_key,
        checked_at,
    )


def entity_of(entry: GazetteerEntry, source: Source, mapped: bool = True) -> Entity:
    """A gazetteer entry as a vocabulary entity. With ``mapped``, its identifier becomes a
    SKOS mapping when the project's prefix map can expand it (ISO 3166 codes have no agreed
    IRI yet); expanding is the slow part, so entities only checked against are left unmapped."""
    identifiers: tuple[ExternalId, ...] = ()
    iri = CONVERTER.expand(entry.identifier) if mapped else None
    if iri is not None:
        checked = entry.checked_at or f"generated from {source.name}, {source.version}"
        identifiers = (ExternalId(iri, entry.match, checked),)
    return Entity(
        id=entry.id,
        label=entry.label,
        type=entry.type,
        definition=f"{entry.label}, named in {source.name} as {entry.identifier}.",
        kind=entry.kind,
        synonyms=entry.synonyms,
        identifiers=identifiers,
    )


@dataclass(frozen=True, slots=True)
class ExtendedVocabulary:
    """The curated vocabulary with the gazetteer entries it does not shadow."""

    curated: Vocabulary
    gazetteer: Gazetteer | None
    all: Vocabulary  # curated entities and unmapped gazetteer ones, for checking ids and types
    files: tuple[tuple[str, int, int], ...] = ()  # the gazetteer files' names, sizes, times

    @property
    def identity(self) -> str:
        """What the extractor built from this vocabulary depends on: the curated records and
        the gazetteer files (cheaper to compare than 14,000 entities)."""
        curated = sorted(self.curated.entities.items())
        return repr((curated, self.curated.facts, self.files))

    def only_used(self, used: set[str]) -> Vocabulary:
        """The curated entities and the gazetteer entities in ``used``, mapped to their
        identifiers: a graph carries the gazetteer entries its claims name, not all of them."""
        kept = dict(self.curated.entities)
        if self.gazetteer is not None:
            for key in sorted(used - kept.keys()):
                entry = self.gazetteer.entries.get(key)
                if entry is not None:
                    kept[key] = entity_of(entry, self.gazetteer.sources[entry.source])
        return Vocabulary(kept, self.curated.facts)


def gazetteer_folder(vocabulary_dir: Path) -> Path:
    """The data folder's own gazetteer (``vocabulary/gazetteer/``) when it has one, else the
    one the package ships, so a data folder of curated records alone still reads names."""
    own = vocabulary_dir / "gazetteer"
    return own if own.is_dir() else paths.PACKAGED_GAZETTEER


def with_gazetteer(vocabulary: Vocabulary, folder: Path) -> ExtendedVocabulary:
    """The curated vocabulary and, when ``folder`` holds a gazetteer, every entry of it that
    the vocabulary does not already have (curated entities take precedence)."""
    if not folder.is_dir():
        return ExtendedVocabulary(vocabulary, None, vocabulary)
    files = _signature(folder)
    gazetteer = _loaded(folder, files).deferring_to(vocabulary)
    extra = {
        entry.id: entity_of(entry, gazetteer.sources[entry.source], mapped=False)
        for entry in gazetteer.entries.values()
    }
    return ExtendedVocabulary(
        vocabulary,
        gazetteer,
        Vocabulary({**extra, **vocabulary.entities}, vocabulary.facts),
        files,
    )


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The gazetteer files' names, sizes and modification times: what the cache is keyed by."""
    return tuple(
        (str(path), stat.st_size, stat.st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )


@functools.lru_cache(maxsize=4)
def _loaded(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> Gazetteer:
    """``load_gazetteer``, once per process for files that have not changed (builds and
    ingests in one process, the tests for one, read the same 14,000 rows again and again)."""
    return load_gazetteer(folder)
