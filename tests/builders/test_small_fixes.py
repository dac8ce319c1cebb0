"""File modes that follow the umask, a byte order mark, and --out-dir naming a file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders.articles import load_article
from builders.build import BuildOptions, build
from builders.serialize import write_atomic
from graph.cli import main
from tests.conftest import SEED_ID


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_follow_the_umask(tmp_path: Path, umask: None, mask: int, mode: int) -> None:
    os.umask(mask)
    target = tmp_path / "out.txt"
    write_atomic(target, b"text\n")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    write_atomic(target, b"again\n")  # replacing a file too
    assert stat.S_IMODE(target.stat().st_mode) == mode and target.read_bytes() == b"again\n"


def test_a_build_writes_0644_under_umask_022(data_copy: Path, tmp_path: Path, umask: None) -> None:
    written = build(BuildOptions(data_dir=data_copy, out_dir=tmp_path / "out"))
    assert {stat.S_IMODE(path.stat().st_mode) for path in written.values()} == {0o644}


def test_a_byte_order_mark_is_dropped_and_noted(data_copy: Path) -> None:
    path = data_copy / "articles" / f"{SEED_ID}.txt"
    plain = load_article(path)
    assert plain.byte_order_mark is False
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    marked = load_article(path)
    assert marked.byte_order_mark is True
    assert marked.text == plain.text and marked.sha256 == plain.sha256


def test_a_seed_build_with_a_byte_order_mark_gives_the_same_graph(
    data_copy: Path, tmp_path: Path, seed_out: Path
) -> None:
    path = data_copy / "articles" / f"{SEED_ID}.txt"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # offsets would shift by one
    written = build(BuildOptions(data_dir=data_copy, out_dir=tmp_path / "out"))
    assert written["claims.nt"].read_bytes() == (seed_out / "claims.nt").read_bytes()


@pytest.mark.parametrize("where", ["file", "below-a-file"])
def test_build_out_naming_a_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    blocker = tmp_path / "claims.nt"
    blocker.write_bytes(b"keep me\n")
    out = blocker if where == "file" else blocker / "out"
    assert main(["build", "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{blocker}: this is a file" in err and "how to fix" in err
    assert "Traceback" not in err and blocker.read_bytes() == b"keep me\n"
