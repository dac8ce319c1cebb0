"""The README's Layout section names every module and folder the packages have."""

from __future__ import annotations

import re

from builders import paths

README = paths.PROJECT_ROOT / "README.md"
# every package folder of the two source trees, subpackages included
PACKAGES = sorted(
    path.parent.relative_to(paths.PROJECT_ROOT).as_posix()
    for top in ("builders", "graph")
    for path in (paths.PROJECT_ROOT / top).rglob("__init__.py")
)


def _layout() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```", 2)[1]


def test_every_module_is_named_in_the_layout() -> None:
    words = set(re.findall(r"[a-z_]+", _layout()))
    missing = [
        str(path.relative_to(paths.PROJECT_ROOT))
        for package in PACKAGES
        for path in sorted((paths.PROJECT_ROOT / package).glob("*.py"))
        if not path.stem.startswith("_") and path.stem not in words
    ]
    assert not missing, f"add these to README.md's Layout section: {missing}"


def test_the_layout_covers_every_subpackage() -> None:
    assert {"builders/ingest", "graph/store", "graph/query", "graph/serve", "graph/view"} <= set(
        PACKAGES
    )
    named = set(re.findall(r"(?<![\w/.])((?:[a-z_]+/)+)", _layout()))
    with_modules = [  # a package of data alone (builders/ingest/model) needs no line
        package
        for package in PACKAGES
        if any(
            not path.stem.startswith("_") for path in (paths.PROJECT_ROOT / package).glob("*.py")
        )
    ]
    unnamed = [package for package in with_modules if package + "/" not in named]
    assert not unnamed, f"give these packages a line of README.md's Layout section: {unnamed}"


def test_every_folder_the_layout_names_exists() -> None:
    named = re.findall(r"(?<![\w/.])((?:[a-z_]+/)+)", _layout())
    folders = {
        path.relative_to(paths.PROJECT_ROOT).as_posix() + "/"
        for path in paths.PROJECT_ROOT.rglob("*")
        if path.is_dir() and not {".git", ".venv"} & set(path.parts)
    }
    absent = [
        folder
        for folder in named
        if not any(("/" + known).endswith("/" + folder) for known in folders)
    ]
    assert not absent, f"README.md's Layout section names folders that do not exist: {absent}"
