"""Deterministic serializations and atomic file writes.

The same graph always gives the same bytes: N-Triples comes from ``builders.ntriples``
(sorted lines), Turtle from rdflib's sorted serializer (the graph has no blank nodes), and
JSON-LD is dumped once, with sorted keys and its nodes ordered by ``@id``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from rdflib import Graph
from rdflib.plugins.serializers.jsonld import from_rdf

from graph.namespace import PREFIXES

# rdflib's document maker is not annotated; this is its signature as used here
_from_rdf = cast(Callable[..., dict[str, Any]], from_rdf)


def to_turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


def _sort_nested(value: Any) -> Any:
    """Order JSON-LD value arrays so that set-valued properties print in one order."""
    if isinstance(value, dict):
        return {key: _sort_nested(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sort_nested(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def to_jsonld(graph: Graph) -> bytes:
    """The graph as compacted JSON-LD, made as a document by rdflib and dumped once here.

    rdflib's JSON-LD serializer is ``from_rdf`` and a ``json.dumps``; calling ``from_rdf``
    directly gives the document itself, to be ordered before it is written.
    """
    context = {prefix: iri for prefix, iri in sorted(PREFIXES.items())}
    for prefix, namespace in graph.namespaces():
        context[prefix] = str(namespace)
    raw: dict[str, Any] = _from_rdf(graph, context, auto_compact=True)
    nodes = raw.get("@graph", [raw] if "@id" in raw else [])
    document = {"@context": raw.get("@context", context), "@graph": _sort_nested(nodes)}
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _file_mode() -> int:
    """The mode a new file gets from ``open``: 0666 less the process umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _stage(outputs: dict[Path, bytes], staged: list[tuple[Path, Path]]) -> None:
    """Write each output to a synced temporary file beside it, recording (temporary, final)."""
    for path, content in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(handle, _file_mode())  # mkstemp makes 0600; outputs follow the umask
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        staged.append((Path(name), path))


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write every output to a temporary file first, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        _stage(outputs, staged)
        for staged_file, path in staged:
            staged_file.replace(path)
    finally:
        for staged_file, _ in staged:
            staged_file.unlink(missing_ok=True)


def publish_new(outputs: dict[Path, bytes]) -> None:
    """Write new files, in order, each complete or not at all, and never over a file.

    Each output goes to a temporary file first and is then hard-linked to its name, which
    fails with ``FileExistsError`` when that name exists (no check-then-replace race).
    On any failure the files this call already published are removed again.
    """
    staged: list[tuple[Path, Path]] = []
    published: list[Path] = []
    try:
        _stage(outputs, staged)
        for staged_file, path in staged:
            os.link(staged_file, path)
            published.append(path)
    except BaseException:
        for path in published:
            path.unlink(missing_ok=True)
        raise
    finally:
        for staged_file, _ in staged:
            staged_file.unlink(missing_ok=True)


def write_atomic(path: Path, content: bytes) -> None:
    """Write one file through a temporary file and a rename."""
    write_all({path: content})
