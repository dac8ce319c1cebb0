"""Shared fixtures: the seed graph built once per session, and a scratch copy of data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from builders import paths
from builders.build import BuildOptions, build, load_dataset
from builders.records import Dataset
from graph.store import load_store

RESOURCES = Path(__file__).parent / "resources"
SEED_ID = "000_5d16975f47f5a72c"


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph built from data/ into a fresh folder."""
    out = tmp_path_factory.mktemp("seed-out")
    build(BuildOptions(out_dir=out))
    return out


@pytest.fixture(scope="session")
def seed_graph(seed_out: Path) -> Graph:
    return Graph().parse(seed_out / "claims.nt", format="nt")


@pytest.fixture(scope="session")
def seed_store(seed_out: Path) -> ox.Store:
    return load_store(seed_out / "claims.nt")


@pytest.fixture(scope="session")
def seed_dataset() -> Dataset:
    return load_dataset(paths.DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target
