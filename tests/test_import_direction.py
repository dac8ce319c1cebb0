"""Imports go one way: curated data -> RDF (builders) <- text -> drafts (builders.ingest),
and graph/ uses both; builders/ takes only the prefix map from graph/."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import paths

ROOT = paths.PROJECT_ROOT


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module ``path`` imports (absolute names), with its line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:  # "from builders import ingest"
                yield node.lineno, f"{node.module}.{alias.name}"


def _offences(files: list[Path], allowed: tuple[str, ...], banned: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line} imports {name}"
        for path in files
        for line, name in _imports(path)
        if name.startswith(banned) and not name.startswith(allowed)
    ]


def _modules(folder: str, skip: str | None = None) -> list[Path]:
    found = sorted((ROOT / folder).rglob("*.py"))
    return [path for path in found if skip is None or not path.is_relative_to(ROOT / skip)]


@pytest.mark.parametrize(
    ("folder", "skip", "allowed", "banned"),
    [
        # the curated-data side needs nothing of the extractor, nor of the graph but its prefixes
        ("builders", "builders/ingest", ("graph.namespace",), ("builders.ingest", "graph")),
        # the extractor writes drafts of curated records; it never reads the served graph
        ("builders/ingest", None, ("graph.namespace",), ("graph",)),
    ],
)
def test_imports_go_one_way(
    folder: str, skip: str | None, allowed: tuple[str, ...], banned: tuple[str, ...]
) -> None:
    offences = _offences(_modules(folder, skip), allowed, banned)
    assert not offences, "\n".join(offences)


def test_the_check_sees_an_offending_import(tmp_path: Path) -> None:
    module = ROOT / "builders" / "claims.py"
    copy = tmp_path / "claims.py"
    copy.write_text(module.read_text(encoding="utf-8") + "\nfrom graph import view\n")
    offences = _offences([copy], ("graph.namespace",), ("graph",))
    assert [offence.rsplit(" ", 1)[1] for offence in offences] == ["graph", "graph.view"]
    assert all(offence.startswith(f"{copy}:") for offence in offences)
