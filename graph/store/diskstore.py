"""The persistent store: the built graph in an on-disk Oxigraph database.

``claimgraph build --store DIR`` loads the graph and the vocabulary into DIR, and
``query --store DIR``, ``serve --store DIR`` and the notebooks open it without
rebuilding. A store folder looks like this::

    DIR/claimgraph-store      marks the folder as a claimgraph store (and says so inside)
    DIR/current               a symbolic link to the generation in use
    DIR/generation-XXXXXXXX/  one Oxigraph database per build

A rebuild loads a new generation beside the old one and then moves the link with one
rename, so a reader sees the old contents or the new, never a mix, and a load that fails
leaves the link where it was. The generation before the current one is kept for readers
that opened it before the rebuild (a running ``serve`` keeps answering from it until it
is restarted); older ones are removed, so a server still running after a second rebuild
answers from deleted files (their disk space stays in use until it stops) and should be
restarted. Readers open the generation the link points to at the moment they open, never
the link itself. A first build that fails leaves no store behind: the folder is removed
if the build made it, else emptied of what the build wrote.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from builders import paths
from graph.errors import StoreError
from graph.store.memory import require_built_graph

MARKER = "claimgraph-store"
CURRENT = "current"
LOCK = ".lock"
GENERATION_PREFIX = "generation-"
_MARKER_TEXT = (
    "This folder is a claimgraph store: 'current' links to the Oxigraph database in use.\n"
    "Rebuild it with 'claimgraph build --store DIR'; do not edit it by hand.\n"
)

log = logging.getLogger(__name__)


def is_store(directory: Path) -> bool:
    """True when ``directory`` is a claimgraph store folder."""
    return (directory / MARKER).is_file()


def generation(directory: Path) -> Path:
    """The Oxigraph database the store's link points to now."""
    if not directory.is_dir():
        raise StoreError(
            "no such store folder",
            f"build one with 'claimgraph build --store {directory}'",
            directory,
        )
    link = directory / CURRENT
    if not is_store(directory):
        raise StoreError(
            f"not a claimgraph store (no '{MARKER}' file)",
            f"build one with 'claimgraph build --store {directory}'",
            directory,
        )
    if not link.is_symlink():
        raise StoreError(
            f"a claimgraph store that holds no graph yet (no '{CURRENT}' link; "
            "its first build is running or did not finish)",
            f"wait for that build, or build it with 'claimgraph build --store {directory}'",
            directory,
        )
    target = link.resolve()
    if not target.is_dir():
        raise StoreError(
            f"its '{CURRENT}' link points at {target}, which is missing",
            f"rebuild it with 'claimgraph build --store {directory}'",
            directory,
        )
    return target


def open_store(directory: Path) -> ox.Store:
    """The store's current generation, opened read-only (several readers may share it)."""
    target = generation(directory)
    try:
        return ox.Store.read_only(str(target))
    except OSError as exc:
        raise StoreError(
            f"the Oxigraph database cannot be opened: {exc}",
            f"rebuild it with 'claimgraph build --store {directory}'",
            target,
        ) from None


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    with (directory / LOCK).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                "another build is writing this store",
                "wait for it to finish, then build again",
                directory,
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_target(directory: Path) -> None:
    """Raise unless ``directory`` is a store, an empty folder, or does not exist yet."""
    if directory.exists() and not directory.is_dir():
        raise StoreError("exists and is not a folder", "pass --store a folder path", directory)
    try:
        others = [p for p in directory.iterdir() if p.name != LOCK] if directory.is_dir() else []
    except OSError as exc:
        raise StoreError(
            f"the folder cannot be read ({exc.strerror})",
            "pass --store a folder you may read and write",
            directory,
        ) from None
    if others and not is_store(directory):
        raise StoreError(
            "the folder holds other files and is not a claimgraph store",
            "pass --store an empty or new folder (nothing here was changed)",
            directory,
        )


def _load(target: Path, sources: list[tuple[Path, ox.RdfFormat]]) -> None:
    """Load ``sources`` into a new database at ``target``."""
    store = ox.Store(str(target))
    started = time.perf_counter()
    try:
        for path, fmt in sources:
            log.info("loading %s into the store %s", path, target.parent)
            store.bulk_load(path=str(path), format=fmt)
        store.flush()
        log.info("loaded the store in %.1f s", time.perf_counter() - started)
    finally:
        del store  # closes the database before anyone else opens it


def _switch(directory: Path, target: Path) -> None:
    """Point the ``current`` link at ``target`` with one atomic rename."""
    staged = directory / f".{CURRENT}-{os.getpid()}"
    staged.unlink(missing_ok=True)
    staged.symlink_to(target.name)
    staged.replace(directory / CURRENT)
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def replace_contents(
    directory: Path, nt_path: Path, ontology: Path | None = paths.ONTOLOGY
) -> Path:
    """Load the N-Triples file and the ontology as the store's new contents, atomically.

    Returns the new generation. On any error the store keeps its old contents; when it had
    none (a first build), what this call wrote is removed again.
    """
    require_built_graph(nt_path, StoreError)
    check_target(directory)
    created = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    sources = [(nt_path, ox.RdfFormat.N_TRIPLES)]
    if ontology is not None:
        sources.append((ontology, ox.RdfFormat.TURTLE))
    with _locked(directory):
        first = not (directory / CURRENT).is_symlink()
        try:
            (directory / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
            return _new_generation(directory, nt_path, sources, first)
        except BaseException:
            if first:
                _remove_unused(directory, created)
            raise


def _new_generation(
    directory: Path, nt_path: Path, sources: list[tuple[Path, ox.RdfFormat]], first: bool
) -> Path:
    previous = None if first else (directory / CURRENT).resolve()
    target = Path(tempfile.mkdtemp(prefix=GENERATION_PREFIX, dir=directory))
    try:
        _load(target, sources)
    except (OSError, SyntaxError, ValueError) as exc:
        shutil.rmtree(target, ignore_errors=True)
        kept = "nothing was stored" if first else "the store keeps its old contents"
        raise StoreError(
            f"loading {nt_path} failed, {kept}: {exc}",
            "rebuild the graph with 'claimgraph build', then load it again",
            directory,
        ) from None
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _switch(directory, target)
    for old in directory.glob(f"{GENERATION_PREFIX}*"):
        if old.resolve() not in (target.resolve(), previous):
            shutil.rmtree(old, ignore_errors=True)
    return target


def _remove_unused(directory: Path, created: bool) -> None:
    """Undo a failed first build: remove the folder it made, or what it wrote there."""
    if created:
        shutil.rmtree(directory, ignore_errors=True)
        return
    for name in (MARKER, LOCK, CURRENT):
        (directory / name).unlink(missing_ok=True)
    for staged in directory.glob(f".{CURRENT}-*"):
        staged.unlink(missing_ok=True)
    for made in directory.glob(f"{GENERATION_PREFIX}*"):
        shutil.rmtree(made, ignore_errors=True)
