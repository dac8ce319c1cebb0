"""The on-disk store: built once, opened without rebuilding, replaced all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from builders.build import BuildOptions
from graph import api
from graph.cli import main
from graph.errors import StoreError
from graph.store import diskstore

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TINY = b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"


def rows(store: ox.Store, query: str, **params: str) -> list[tuple[str, ...]]:
    return sorted(api.ask(store, query, **params).rows)


def count(store: ox.Store) -> int:
    return int(api.ask(store, COUNT).rows[0][0])


@pytest.fixture
def store_dir(tmp_path: Path, seed_out: Path) -> Path:
    directory = tmp_path / "store"
    diskstore.replace_contents(directory, seed_out / "claims.nt")
    return directory


def test_store_answers_as_the_in_memory_store(store_dir: Path, seed_store: ox.Store) -> None:
    on_disk = api.open_store_dir(store_dir)
    assert count(on_disk) == count(seed_store) == len(seed_store)
    for name in ("claim-verdicts", "attribution-chains", "evidence-by-design"):
        assert rows(on_disk, name) == rows(seed_store, name)
    assert rows(on_disk, "claims-about-substance", substance="kratom") == rows(
        seed_store, "claims-about-substance", substance="kratom"
    )


def test_build_with_store_then_query_it_from_the_cli(
    tmp_path: Path, seed_store: ox.Store, capsys: pytest.CaptureFixture[str]
) -> None:
    written = api.build(BuildOptions(out_dir=tmp_path / "out"), store=tmp_path / "store")
    assert written["store"] == diskstore.generation(tmp_path / "store")
    assert rows(api.open_store_dir(tmp_path / "store"), "studies") == rows(seed_store, "studies")
    code = main(["query", "studies", "--store", str(tmp_path / "store"), "-f", "csv"])
    from_store = capsys.readouterr().out
    main(["query", "studies", "--graph-file", str(tmp_path / "out" / "claims.nt"), "-f", "csv"])
    assert code == 0 and from_store == capsys.readouterr().out


def test_rebuild_replaces_contents_and_keeps_one_older_generation(
    store_dir: Path, tmp_path: Path
) -> None:
    tiny = tmp_path / "tiny.nt"
    tiny.write_bytes(TINY)
    first = diskstore.generation(store_dir)
    second = diskstore.replace_contents(store_dir, tiny, ontology=None)
    third = diskstore.replace_contents(store_dir, tiny, ontology=None)
    store = api.open_store_dir(store_dir)
    assert count(store) == 1
    assert api.answer_text(store, "ASK { <https://example.org/a> ?p ?o }") == "true\n"
    assert diskstore.generation(store_dir) == third
    assert not first.exists() and second.exists()  # the one before the current is kept


def test_reader_keeps_reading_the_generation_it_opened(store_dir: Path, tmp_path: Path) -> None:
    before = api.open_store_dir(store_dir)
    old_count = count(before)
    tiny = tmp_path / "tiny.nt"
    tiny.write_bytes(TINY)
    diskstore.replace_contents(store_dir, tiny, ontology=None)
    assert count(before) == old_count > 1
    assert count(api.open_store_dir(store_dir)) == 1


def test_failed_load_leaves_the_old_store_usable(store_dir: Path, tmp_path: Path) -> None:
    before = count(api.open_store_dir(store_dir))
    generations = sorted(store_dir.glob("generation-*"))
    broken = tmp_path / "broken.nt"
    broken.write_bytes(TINY + b"<https://example.org/a> <b> .\n")
    with pytest.raises(StoreError, match="keeps its old contents"):
        diskstore.replace_contents(store_dir, broken)
    assert count(api.open_store_dir(store_dir)) == before
    assert sorted(store_dir.glob("generation-*")) == generations  # nothing half-made is left


def test_failed_build_leaves_the_old_store_usable(
    store_dir: Path, data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = rows(api.open_store_dir(store_dir), "claim-verdicts")
    statements = next((data_copy / "statements").glob("*.yaml"))
    statements.write_text("statements: [", encoding="utf-8")
    code = main(
        [
            "build",
            "--data",
            str(data_copy),
            "--out-dir",
            str(tmp_path / "o"),
            "--store",
            str(store_dir),
        ]
    )
    assert code == 1 and str(statements) in capsys.readouterr().err
    assert rows(api.open_store_dir(store_dir), "claim-verdicts") == before


def test_refuses_a_folder_that_is_not_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", "--out-dir", str(out), "--store", str(folder)])
    err = capsys.readouterr().err
    assert code == 1 and "is not a claimgraph store" in err and "how to fix" in err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert not out.exists()  # checked before anything was built


def test_opening_a_missing_or_damaged_store_says_how_to_fix(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["query", "studies", "--store", str(tmp_path / "nowhere")])
    assert code == 1 and "claimgraph build --store" in capsys.readouterr().err
    shutil.rmtree(diskstore.generation(store_dir))
    with pytest.raises(StoreError, match="which is missing"):
        api.open_store_dir(store_dir)


@pytest.mark.parametrize("existing", [False, True])
def test_a_failed_first_load_leaves_no_store_behind(tmp_path: Path, existing: bool) -> None:
    directory = tmp_path / "store"
    if existing:
        directory.mkdir()
    broken = tmp_path / "broken.nt"
    broken.write_bytes(TINY + b"<https://example.org/a> <b> .\n")
    with pytest.raises(StoreError, match="nothing was stored"):
        diskstore.replace_contents(directory, broken)
    assert directory.exists() is existing
    assert not existing or list(directory.iterdir()) == []


def test_a_second_writer_is_refused_while_a_build_holds_the_store(
    store_dir: Path, tmp_path: Path
) -> None:
    before = diskstore.generation(store_dir)
    nt = tmp_path / "tiny.nt"
    nt.write_bytes(TINY)
    with (
        diskstore._locked(store_dir),
        pytest.raises(StoreError, match="another build is writing"),
    ):
        diskstore.replace_contents(store_dir, nt)
    assert diskstore.generation(store_dir) == before
    diskstore.replace_contents(store_dir, nt, ontology=None)  # the lock is free again
    assert count(api.open_store_dir(store_dir)) == 1
