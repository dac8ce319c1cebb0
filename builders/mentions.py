"""Find the vocabulary's entities in a text: labels and synonyms, longest match first.

Matching is by whole words, ignores case and a plural ``s`` (``Opioids`` finds the entity
whose label is ``opioid``), and treats a hyphen like a space (``pain-relief`` is ``pain
relief``). Words written in capitals in the vocabulary, such as ``US`` or ``CBD``, match only
in capitals, so the pronoun "us" is not the United States. A name two entities share goes to
the one whose label it is, else to the first id in order.

``receptor_mentions`` adds receptors named by what binds them: "opioid receptors" or "the
same nerve receptor as opioids" is the one vocabulary receptor whose name ends in "opioid
receptor", if exactly one does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from builders.records import EntityType, Vocabulary
from builders.sentences import Word, words

_SEPARATOR = re.compile(r"[ \t\n\-\u2010\u2011\u2013]{1,3}")  # spaces and hyphens
# a ligand's name: a word of at most 41 characters, or a few joined by hyphens
# ("mu-opioid"); bounded, so that no text makes the search slower than linear
_HEAD = r"[A-Za-z]\w{0,40}(?:-\w{1,40}){0,4}"
_RECEPTOR_AFTER = re.compile(
    rf"\bsame\s+(?:[a-z]{{1,40}}\s+)?(receptors?)\s+as\s+(?:the\s+)?({_HEAD})", re.IGNORECASE
)
_RECEPTOR_BEFORE = re.compile(rf"(?<![\w-])({_HEAD})[\s-]{{1,3}}(receptors?)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """``text[start:end]`` names the entity ``entity`` (of type ``type``)."""

    start: int
    end: int
    entity: str
    type: EntityType
    derived: bool = False  # found by a rule (receptor by ligand), not by name


_POSSESSIVE = re.compile(r"['\u2019]s$")


def normalize(word: str) -> str:
    """A word for matching: lower case, no possessive, no plural ``s``."""
    word = _POSSESSIVE.sub("", word.lower())
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _is_capitals(word: str) -> bool:
    return len(word) >= 2 and word.upper() == word and any(ch.isalpha() for ch in word)


@dataclass(frozen=True, slots=True)
class _Entry:
    entity: str
    forms: tuple[str | None, ...]  # the exact word where case matters, else None
    is_label: bool


class Lexicon:
    """Every label and synonym of a vocabulary, indexed by its normalized words."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.types = {e.id: e.type for e in vocabulary.entities.values()}
        index: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self.receptor_heads: dict[str, set[str]] = defaultdict(set)
        for entity in sorted(vocabulary.entities.values(), key=lambda e: e.id):
            for name in (entity.label, *entity.synonyms):
                found = words(name)
                if not found:
                    continue
                key = tuple(normalize(w.text) for w in found)
                forms = tuple(w.text if _is_capitals(w.text) else None for w in found)
                index[key].append(_Entry(entity.id, forms, name == entity.label))
                if entity.type is EntityType.RECEPTOR and len(key) >= 2 and key[-1] == "receptor":
                    self.receptor_heads[key[-2]].add(entity.id)
        self.index = {
            key: sorted(entries, key=lambda e: (not e.is_label, e.entity))
            for key, entries in index.items()
        }
        self.longest = max((len(key) for key in self.index), default=0)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """The entity mentions in ``text[start:end]``, left to right, longest first."""
        found = words(text, start, end)
        keys = [normalize(w.text) for w in found]
        mentions: list[Mention] = []
        i = 0
        while i < len(found):
            for length in range(min(self.longest, len(found) - i), 0, -1):
                entry = self._match(text, found, keys, i, length)
                if entry is not None:
                    mentions.append(
                        Mention(
                            found[i].start,
                            found[i + length - 1].end,
                            entry.entity,
                            self.types[entry.entity],
                        )
                    )
                    i += length
                    break
            else:
                i += 1
        return mentions

    def _match(
        self, text: str, found: list[Word], keys: list[str], i: int, length: int
    ) -> _Entry | None:
        entries = self.index.get(tuple(keys[i : i + length]))
        if not entries:
            return None
        for k in range(i, i + length - 1):
            if not _SEPARATOR.fullmatch(text[found[k].end : found[k + 1].start]):
                return None
        for entry in entries:
            if all(
                form is None or found[i + n].text in (form, form + "s")
                for n, form in enumerate(entry.forms)
            ):
                return entry
        return None

    def receptor_mentions(
        self, text: str, start: int, end: int, known: list[Mention]
    ) -> list[Mention]:
        """Receptors named by their ligand ("opioid receptors"), not overlapping ``known``."""
        out: list[Mention] = []
        for pattern, receptor_group, head_group in (
            (_RECEPTOR_AFTER, 1, 2),
            (_RECEPTOR_BEFORE, 2, 1),
        ):
            for match in pattern.finditer(text, start, end):
                ids = self.receptor_heads.get(normalize(match.group(head_group)), set())
                if len(ids) != 1:
                    continue
                span_start = match.start(receptor_group if head_group == 2 else head_group)
                span_end = match.end(receptor_group)
                if any(m.start < span_end and span_start < m.end for m in (*known, *out)):
                    continue
                [entity] = ids
                out.append(Mention(span_start, span_end, entity, self.types[entity], True))
        return out
