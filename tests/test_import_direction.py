"""Imports go one way: curated data -> RDF (builders) <- text -> drafts (builders.ingest),
and graph/ uses both; builders/ takes only the prefix map from graph/.

Inside graph/: store/ (the stores, moving graphs) and query/ (named queries, running SPARQL)
stand on their own; view/ (the picture) runs queries; serve/ (the endpoint) uses stores and
queries; only the entry points api.py and cli.py import everything, and nothing imports them.
namespace.py, the shared prefix map, imports nothing of graph/."""

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
        if _within(name, banned) and not _within(name, allowed)
    ]


def _within(name: str, packages: tuple[str, ...]) -> bool:
    """Whether module ``name`` is one of ``packages`` or inside one."""
    return any(name == package or name.startswith(f"{package}.") for package in packages)


# what a subpackage may import of graph/ ("from graph import store" names "graph", the whole
# of graph/, and so is refused)
NAMESPACE = ("graph.namespace", "graph.errors")  # shared by every subpackage
STORE = (*NAMESPACE, "graph.store")
QUERY = (*NAMESPACE, "graph.query")
GRAPH_ORDER = {
    "graph/store": STORE,  # the stores know nothing of querying, the endpoint or the view
    "graph/query": QUERY,  # querying works on any store it is given
    "graph/view": (*QUERY, "graph.view"),  # the picture runs queries; no stores, no endpoint
    "graph/serve": (*STORE, *QUERY, "graph.serve"),  # the endpoint never draws
}


def _modules(folder: str, skip: str | None = None) -> list[Path]:
    found = sorted((ROOT / folder).rglob("*.py"))
    return [path for path in found if skip is None or not path.is_relative_to(ROOT / skip)]


def test_the_prefix_map_imports_nothing_of_the_graph() -> None:
    assert not _offences([ROOT / "graph" / "namespace.py"], (), ("graph", "builders"))


def test_nothing_imports_the_entry_points() -> None:
    entry_points = {ROOT / "graph" / "api.py", ROOT / "graph" / "cli.py"}
    files = [path for path in _modules("graph") if path not in entry_points]
    offences = _offences(files, (), ("graph.api", "graph.cli"))
    assert not offences, "\n".join(offences)


@pytest.mark.parametrize(
    ("folder", "skip", "allowed", "banned"),
    [
        # the curated-data side needs nothing of the extractor, nor of the graph but its prefixes
        ("builders", "builders/ingest", ("graph.namespace",), ("builders.ingest", "graph")),
        # the extractor writes drafts of curated records; it never reads the served graph
        ("builders/ingest", None, ("graph.namespace",), ("graph",)),
        *((folder, None, allowed, ("graph",)) for folder, allowed in GRAPH_ORDER.items()),
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


@pytest.mark.parametrize(
    ("module", "offending"),
    [
        ("graph/view/network.py", "from graph.serve import server"),
        ("graph/view/layout.py", "from graph.store import diskstore"),
        ("graph/store/push.py", "from graph.query import sparql"),
        ("graph/store/diskstore.py", "import graph.serve.worker"),
        ("graph/serve/server.py", "from graph.view.htmlpage import render"),
        ("graph/query/sparql.py", "from graph import api"),
    ],
)
def test_the_check_sees_an_import_against_the_graph_order(
    tmp_path: Path, module: str, offending: str
) -> None:
    allowed = GRAPH_ORDER[module.rsplit("/", 1)[0]]
    source = (ROOT / module).read_text(encoding="utf-8")
    assert not _offences([ROOT / module], allowed, ("graph",))
    copy = tmp_path / Path(module).name
    copy.write_text(source + f"\n{offending}\n", encoding="utf-8")
    offences = _offences([copy], allowed, ("graph",))
    assert offences and all(offence.startswith(f"{copy}:") for offence in offences)
    assert offending.split()[1] in {offence.rsplit(" ", 1)[1] for offence in offences}


def test_the_entry_point_check_sees_an_import_of_the_cli(tmp_path: Path) -> None:
    copy = tmp_path / "worker.py"
    copy.write_text(
        (ROOT / "graph" / "serve" / "worker.py").read_text(encoding="utf-8")
        + "\nfrom graph.cli import main\n",
        encoding="utf-8",
    )
    assert [o.rsplit(" ", 1)[1] for o in _offences([copy], (), ("graph.api", "graph.cli"))] == [
        "graph.cli",
        "graph.cli.main",
    ]
