"""The names the extractor can ground: every label and synonym of the known entities.

Names come from the curated vocabulary (``data/vocabulary/*.yaml``) and the gazetteer
generated from public vocabularies (``data/vocabulary/gazetteer/``, read by
``builders.gazetteer``). A curated entity takes precedence over a gazetteer entry with the
same name. Each name is matched whole, in any case, with its plural, and with a hyphen read
as a space and a space as a hyphen ("pain-relief", "pain relief"); a name written in
capitals ("CBD", "WHO", "US") matches only in capitals, so "who" and "us" never do. A
name whose last word is a regular plural, as MeSH names classes ("controlled substances",
"heart diseases"), also matches in the singular; these singulars come after every other
name, so they never take a name from an entity that has it as its own.

A receptor whose label ends in "opioid receptor" and is the only such receptor also stands
for the generic "opioid receptor(s)", a rule written into the data as
``GENERIC_RECEPTOR_NAMES`` below rather than into the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from builders.records import EntityType, SubstanceKind, Vocabulary

GENERIC_RECEPTOR_NAMES = {"opioid receptor": "opioid receptor"}  # suffix -> generic name
_CAPITALS = re.compile(r"^[A-Z0-9][A-Z0-9.&-]*[A-Z0-9.]$")
_NOT_PLURALIZED = re.compile(r"(?:s|x|z|ch|sh|ism|ness|ity|ion|ing|ine|in|um)$")


class EntryLike(Protocol):
    """A gazetteer entry, as far as matching needs it (``builders.gazetteer``)."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def type(self) -> EntityType: ...
    @property
    def kind(self) -> SubstanceKind | None: ...
    @property
    def synonyms(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Name:
    """One way of writing one entity: the text, and whether it matches only as written."""

    text: str
    entity: str
    type: EntityType
    kind: SubstanceKind | None
    exact_case: bool
    curated: bool


@dataclass(frozen=True, slots=True)
class Known:
    """What the extractor knows of an entity: its type, kind and preferred label."""

    id: str
    label: str
    type: EntityType
    kind: SubstanceKind | None
    curated: bool


def plural(word: str) -> str | None:
    """The regular English plural of a noun phrase's last word, or None when it has none
    worth matching (it already ends like a plural, a mass noun or a chemical name)."""
    if _NOT_PLURALIZED.search(word) or not word[-1:].isalpha():
        return None
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def singular(word: str) -> str | None:
    """The singular of a regular English plural ("diseases", "therapies", "analgesics"),
    or None when ``word`` does not end like one ("-ss", "-us", "-is" or no "s")."""
    lower = word.lower()
    if len(word) < 4 or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return None
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "xes", "shes")):
        return word[:-2]
    return word[:-1]


def spellings(text: str) -> Iterator[str]:
    """``text`` with hyphens as spaces and, for two-word names, the space as a hyphen."""
    yield text
    if "-" in text:
        yield text.replace("-", " ")
    words = text.split()
    if len(words) == 2 and "-" not in text:
        yield "-".join(words)


class Lexicon:
    """Every name of every known entity, curated ones first."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        gazetteer: Iterable[EntryLike] = (),
        absorbed: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        """``absorbed``: further names of curated entities, those of the gazetteer entries
        that gave way to them (``Gazetteer.absorbed``); they come after every curated name."""
        self.known: dict[str, Known] = {}
        self.names: list[Name] = []
        taken: set[str] = set()
        given: list[tuple[Known, str]] = []  # every name given, for the singulars
        for entity in vocabulary.entities.values():
            known = Known(entity.id, entity.label, entity.type, entity.kind, curated=True)
            self._add(known, (entity.label, *entity.synonyms), taken, given)
        for entity_id, names in sorted((absorbed or {}).items()):
            if entity_id in self.known:
                self._add(self.known[entity_id], names, taken, given)
        self._add_generic_receptors(taken)
        for entry in gazetteer:
            if entry.id in self.known:
                continue
            known = Known(entry.id, entry.label, entry.type, entry.kind, curated=False)
            self._add(known, (entry.label, *entry.synonyms), taken, given)
        for known, text in given:
            head, _, last = text.rpartition(" ")
            if (one := singular(last)) is not None and not _CAPITALS.match(text):
                self._add(known, (f"{head} {one}".strip(),), taken)
        self._by_name = {n.text.lower(): n.entity for n in reversed(self.names)}

    def entity_named(self, text: str) -> str | None:
        """The entity a name written in lower case names (the first that has it), if any."""
        return self._by_name.get(text.lower())

    def _add(
        self,
        known: Known,
        texts: Iterable[str],
        taken: set[str],
        given: list[tuple[Known, str]] | None = None,
    ) -> None:
        added = False
        for text in texts:
            if given is not None:
                given.append((known, text.strip()))
            for name in self._variants(text):
                key = name if _CAPITALS.match(name) else name.lower()
                if key in taken:
                    continue
                taken.add(key)
                added = True
                self.names.append(
                    Name(
                        name,
                        known.id,
                        known.type,
                        known.kind,
                        exact_case=bool(_CAPITALS.match(name)),
                        curated=known.curated,
                    )
                )
        if added:
            self.known[known.id] = known

    @staticmethod
    def _variants(text: str) -> Iterator[str]:
        for spelling in spellings(text.strip()):
            yield spelling
            if _CAPITALS.match(spelling):
                continue
            head, _, last = spelling.rpartition(" ")
            if (more := plural(last)) is not None:
                yield f"{head} {more}".strip()

    def _add_generic_receptors(self, taken: set[str]) -> None:
        for suffix, generic in GENERIC_RECEPTOR_NAMES.items():
            receptors = [
                k
                for k in self.known.values()
                if k.type is EntityType.RECEPTOR and k.label.lower().endswith(suffix)
            ]
            if len(receptors) == 1:
                self._add(receptors[0], (generic,), taken)
