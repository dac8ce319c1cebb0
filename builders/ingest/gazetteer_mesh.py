"""Gazetteer entries from MeSH descriptors and their tree numbers.

The input is ``tree-numbers.tsv`` of the public repository ``dhimmel/mesh`` (MeSH 2015):
one row per descriptor and tree number (``mesh_id``, ``mesh_name``, ``mesh_tree_number``).
That repository has no entry terms, so generated rows have no synonyms; the domain's
common names, with synonyms checked on MeSH's own pages, are curated separately.

What is kept, and as what (the first rule that applies):

1. a descriptor with a tree number in C (diseases, C23 signs and symptoms included) or in
   F03 (mental disorders) is a Condition;
2. one under D12.776.543.750 (cell-surface receptors) or D12.776.826 (cytoplasmic and
   nuclear receptors) is a Receptor;
3. one under D27 (pharmacologic actions and other uses of chemicals) is a DrugClass
   substance; one under D20 (complex mixtures) or D26 (pharmaceutical preparations) a
   Preparation;
4. any other descriptor in D is a DrugClass when its head noun is plural ("Benzodiazepines",
   "Opiate Alkaloids") and a Compound otherwise ("Naloxone");
5. nothing else is kept.

A descriptor in ``STOP_LIST`` is dropped. The list was made by rule, then by reading: every
kept descriptor whose name is one word of English used at least ten times per million
words (wordfreq 3.1.1, Zipf 4 or more) was read, and those whose everyday sense is not the
medical one (``HOMOGRAPHS``: "Lead", "Shock") or which only head a group (``HEADINGS``:
"Disease", "Solutions") are listed, with the multi-word group headings of the same kind.

The label is the name in natural word order and lower case: MeSH's inverted "Analgesics,
Opioid" becomes "opioid analgesics". Words with two capitals or more, single letters and
words with digits keep their case ("HIV", "B-cell", "type 2"). Eponyms are lowered too
("alzheimer disease"); the matcher compares names case-insensitively.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from builders.errors import DataError, Location
from builders.records import EntityType, SubstanceKind

MESH_COLUMNS = ("mesh_id", "mesh_name", "mesh_tree_number")
MESH_FILE = "tree-numbers.tsv"
CONDITION_BRANCHES = ("C", "F03")
RECEPTOR_BRANCHES = ("D12.776.543.750", "D12.776.826")
DRUG_CLASS_BRANCHES = ("D27",)
PREPARATION_BRANCHES = ("D20", "D26")
HOMOGRAPHS = frozenset(
    {
        "Amber", "Burns", "Coal", "Coke", "Diamond", "Gold", "Ice", "Lead", "Mercury", "Platinum",
        "Rubber", "Shock", "Silk", "Silver", "Soil", "Steam", "Steel", "Tin", "Water",
    }
)  # fmt: skip
HEADINGS = frozenset(
    {
        "Amino Acids, Peptides, and Proteins", "Biological Factors",
        "Biomedical and Dental Materials", "Chemical Actions and Uses", "Complex Mixtures",
        "Disease", "Elements", "Enzymes and Coenzymes", "Heterocyclic Compounds",
        "Hormones, Hormone Substitutes, and Hormone Antagonists", "Inorganic Chemicals",
        "Macromolecular Substances", "Nucleic Acids, Nucleotides, and Nucleosides",
        "Organic Chemicals", "Pathologic Processes", "Pathological Conditions, Signs and Symptoms",
        "Pharmacologic Actions", "Polycyclic Compounds", "Proteins", "Recurrence",
        "Signs and Symptoms", "Solutions", "Specialty Uses of Chemicals", "Syndrome",
        "Toxic Actions",
    }
)  # fmt: skip
STOP_LIST = HOMOGRAPHS | HEADINGS
_NOT_PLURAL = ("ss", "is", "us")


@dataclass(frozen=True, slots=True)
class Draft:
    """A generated entry before it has an id: what the source says about one thing."""

    label: str
    type: EntityType
    kind: SubstanceKind | None
    identifier: str
    synonyms: tuple[str, ...] = ()


def mesh_file(path: Path) -> Path:
    """``path`` itself, or the tree-numbers file inside a dhimmel/mesh folder."""
    if path.is_dir():
        for candidate in (path / "data" / MESH_FILE, path / MESH_FILE):
            if candidate.is_file():
                return candidate
        raise DataError(
            Location(path),
            f"no {MESH_FILE} in this folder or its data/ folder",
            "pass the dhimmel/mesh snapshot folder or its data/tree-numbers.tsv",
        )
    return path


def read_descriptors(path: Path) -> dict[str, tuple[str, set[str]]]:
    """Each descriptor id with its name and tree numbers, from a tree-numbers file."""
    descriptors: dict[str, tuple[str, set[str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header) != MESH_COLUMNS:
            raise DataError(
                Location(path, 1),
                "the first line is not the header of dhimmel/mesh data/tree-numbers.tsv",
                "expected the tab-separated columns " + ", ".join(MESH_COLUMNS),
            )
        for row in reader:
            line = reader.line_num
            if len(row) != len(MESH_COLUMNS):
                raise DataError(
                    Location(path, line),
                    f"expected {len(MESH_COLUMNS)} tab-separated fields, found {len(row)}",
                    "use an unmodified copy of the file",
                )
            mesh_id, name, tree = row
            if not (mesh_id.startswith("D") and mesh_id[1:].isdigit()):
                raise DataError(
                    Location(path, line, "mesh_id"),
                    f"'{mesh_id}' is not a MeSH descriptor id",
                    "use an unmodified copy of the file",
                )
            known = descriptors.setdefault(mesh_id, (name, set()))
            if known[0] != name:
                raise DataError(
                    Location(path, line, "mesh_name"),
                    f"descriptor {mesh_id} is named both '{known[0]}' and '{name}'",
                    "use an unmodified copy of the file",
                )
            known[1].add(tree)
    return descriptors


def classify(name: str, trees: Iterable[str]) -> tuple[EntityType, SubstanceKind | None] | None:
    """The type and kind the tree numbers give a descriptor, or None when it is not kept."""
    trees = tuple(trees)

    def under(branches: tuple[str, ...]) -> bool:
        return any(_in_branch(tree, branch) for tree in trees for branch in branches)

    if under(CONDITION_BRANCHES):
        return EntityType.CONDITION, None
    if under(RECEPTOR_BRANCHES):
        return EntityType.RECEPTOR, None
    if under(DRUG_CLASS_BRANCHES):
        return EntityType.SUBSTANCE, SubstanceKind.DRUG_CLASS
    if under(PREPARATION_BRANCHES):
        return EntityType.SUBSTANCE, SubstanceKind.PREPARATION
    if under(("D",)):
        head = name.split(", ")[0].split()[-1]
        plural = head.endswith("s") and not head.endswith(_NOT_PLURAL)
        return EntityType.SUBSTANCE, SubstanceKind.DRUG_CLASS if plural else SubstanceKind.COMPOUND
    return None


def _in_branch(tree: str, branch: str) -> bool:
    """True when ``tree`` is ``branch`` or below it (a one-letter branch is a category)."""
    return tree == branch or tree.startswith(branch if len(branch) == 1 else branch + ".")


def natural_name(mesh_name: str) -> str:
    """The descriptor name as a reader writes it: natural word order, lower case."""
    segments = mesh_name.split(", ")
    inverted = len(segments) > 1 and not any(s.startswith(("and ", "or ")) for s in segments)
    text = " ".join(reversed(segments)) if inverted else mesh_name
    return " ".join(_lower_word(word) for word in text.split(" "))


def _lower_word(word: str) -> str:
    return "-".join(_lower_part(part) for part in word.split("-"))


def _lower_part(part: str) -> str:
    capitals = sum(c.isupper() for c in part)
    if capitals >= 2 or (len(part) == 1 and capitals) or any(c.isdigit() for c in part):
        return part
    return part.lower()


def mesh_drafts(path: Path) -> list[Draft]:
    """The kept descriptors of a tree-numbers file, in descriptor-id order."""
    drafts = []
    for mesh_id, (name, trees) in sorted(read_descriptors(mesh_file(path)).items()):
        if name in STOP_LIST:
            continue
        typed = classify(name, trees)
        if typed is not None:
            drafts.append(Draft(natural_name(name), typed[0], typed[1], f"mesh:{mesh_id}"))
    return drafts
