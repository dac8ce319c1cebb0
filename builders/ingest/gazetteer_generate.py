"""Regenerate the generated files of data/vocabulary/gazetteer/ from their public sources.

    python -m builders.ingest.gazetteer_generate --mesh DIR_OR_FILE [--out-dir DIR]

``--mesh`` is a snapshot of the public repository dhimmel/mesh (or its
``data/tree-numbers.tsv``); the ``us`` and ``pycountry`` packages come from the
``gazetteer`` extra. Before writing, the inputs are checked against ``sources.yaml``: the
MeSH file's SHA-256 and the two packages' versions must be the ones recorded there, so the
same inputs always give the same bytes. Curated files are read, never written: a
descriptor or place whose identifier a curated row already has is not generated, and no
generated id takes a curated one. Ids are slugs of the labels; when a slug is wanted twice
(Georgia the country and Georgia the state), each generated claimant gets its identifier's
local part appended (``georgia-268``, ``georgia-us-ga``).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from builders.cliopts import deprecation, option, renamed_options
from builders.errors import DataError, Location
from builders.gazetteer import (
    SOURCES_FILE,
    GazetteerEntry,
    Source,
    format_tsv,
    load_sources,
    read_entries,
)
from builders.ingest.gazetteer_mesh import Draft, mesh_drafts, mesh_file
from builders.paths import PROJECT_ROOT
from builders.records import MatchKind

GAZETTEER_DIR = PROJECT_ROOT / "data" / "vocabulary" / "gazetteer"  # the shipped one
MESH_SOURCE = "mesh"
PACKAGE_SOURCES = {"us": "us", "pycountry": "pycountry"}
GENERATED_FILES = {"mesh.tsv": "mesh", "us-states.tsv": "us", "countries.tsv": "pycountry"}
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", ascii_text.lower()).strip("-")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_sources(sources: Mapping[str, Source], sources_path: Path, mesh: Path) -> None:
    """Refuse inputs other than those ``sources.yaml`` records, naming the field to update."""
    found = {MESH_SOURCE: ("sha256", sha256_of(mesh))}
    for key, package in PACKAGE_SOURCES.items():
        found[key] = ("version", importlib.metadata.version(package))
    for key, (field, value) in found.items():
        source = sources.get(key)
        if source is None:
            raise DataError(Location(sources_path), f"no source '{key}'", f"add the '{key}' source")
        recorded = getattr(source, field)
        if recorded != value:
            raise DataError(
                Location(sources_path, None, f"{key}.{field}"),
                f"the input has {field} {value}, but {SOURCES_FILE} records {recorded}",
                f"use the recorded input, or update {field} (and version, retrieved) of '{key}'",
            )


def generate(mesh: Path, out: Path) -> dict[str, str]:
    """The text of each generated file, from ``mesh`` and the installed packages."""
    from builders.ingest.gazetteer_places import country_drafts, us_drafts

    sources = load_sources(out / SOURCES_FILE)
    curated: list[GazetteerEntry] = []
    for path in sorted(out.glob("*.tsv")):
        if path.name not in GENERATED_FILES:
            curated.extend(entry for entry, _ in read_entries(path, sources))
    makers: dict[str, Callable[[], list[Draft]]] = {
        "mesh.tsv": lambda: mesh_drafts(mesh),
        "us-states.tsv": us_drafts,
        "countries.tsv": country_drafts,
    }
    taken = {entry.identifier for entry in curated}
    drafts = {
        name: [d for d in make() if d.identifier not in taken] for name, make in makers.items()
    }
    ids = _assign_ids(
        [d for name in GENERATED_FILES for d in drafts[name]], {e.id for e in curated}
    )
    return {
        name: format_tsv(
            GazetteerEntry(
                ids[d.identifier],
                d.label,
                d.type,
                d.kind,
                d.identifier,
                MatchKind.EXACT,
                d.synonyms,
                key,
                "",
            )
            for d in drafts[name]
        )
        for name, key in GENERATED_FILES.items()
    }


def _assign_ids(drafts: Sequence[Draft], reserved: set[str]) -> dict[str, str]:
    wanted = Counter(slugify(d.label) for d in drafts)
    ids: dict[str, str] = {}
    used = set(reserved)
    for draft in drafts:
        slug = slugify(draft.label)
        if wanted[slug] > 1 or slug in reserved:
            slug = f"{slug}-{slugify(draft.identifier.partition(':')[2])}"
        if slug in used or draft.identifier in ids:
            raise ValueError(f"cannot give {draft.identifier} a unique id ({slug})")
        used.add(slug)
        ids[draft.identifier] = slug
    return ids


def write_files(out: Path, texts: Mapping[str, str]) -> None:
    """Write each file through a temporary file and a rename, so none is ever half-written."""
    for name, text in texts.items():
        fd, temp = tempfile.mkstemp(dir=out, prefix=f".{name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            Path(temp).replace(out / name)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mesh", type=Path, required=True, help="dhimmel/mesh folder or file")
    option(
        "--out-dir",
        renamed_from=("--out",),
        type=Path,
        default=GAZETTEER_DIR,
        metavar="DIR",
        help="the gazetteer folder",
    )(parser)
    args = parser.parse_args(argv)
    for old, new in renamed_options(args):
        print(f"gazetteer_generate: {deprecation(old, new)}", file=sys.stderr)
    try:
        mesh = mesh_file(args.mesh)
        sources_path = args.out_dir / SOURCES_FILE
        check_sources(load_sources(sources_path), sources_path, mesh)
        texts = generate(mesh, args.out_dir)
    except DataError as exc:
        print(f"gazetteer_generate: {exc}", file=sys.stderr)
        return 1
    write_files(args.out_dir, texts)
    for name, text in texts.items():
        print(f"{args.out_dir / name}: {text.count(chr(10)) - 1} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
