"""Shared fixtures: the seed graph built once per session, and a scratch copy of data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from builders import paths
from builders.build import BuildOptions, load_dataset
from builders.records import Dataset
from graph import api
from graph.store.memory import load_store

RESOURCES = Path(__file__).parent / "resources"
SEED_ID = "000_5d16975f47f5a72c"


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph (and its HTML view) built from data/ into a fresh folder."""
    out = tmp_path_factory.mktemp("seed-out")
    api.build(BuildOptions(out_dir=out))
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


HOSTILE_QUOTE = (
    "Kratom <img src=x onerror=alert(1)> relieves pain </script><script>alert(2)</script>"
)
HOSTILE_TITLE = "Medical Marijuana <b onmouseover=alert(3)>and</b> Kratom </script>"


@pytest.fixture(scope="session")
def hostile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph with markup in a quote and in the title, built with its HTML view."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(paths.DATA_DIR, data)
    text = data / "articles" / f"{SEED_ID}.txt"
    text.write_text(text.read_text(encoding="utf-8") + f"\n{HOSTILE_QUOTE}\n", encoding="utf-8")
    meta = data / "articles" / f"{SEED_ID}.yaml"
    lines = meta.read_text(encoding="utf-8").splitlines()
    retitled = [f"title: '{HOSTILE_TITLE}'" if ln.startswith("title:") else ln for ln in lines]
    meta.write_text("\n".join(retitled) + "\n", encoding="utf-8")
    statements = data / "statements" / f"{SEED_ID}.yaml"
    statements.write_text(
        statements.read_text(encoding="utf-8")
        + f"  - quote: '{HOSTILE_QUOTE}'\n"
        + "    subject: kratom\n    relation: relieves\n    object: pain\n"
        + "    modality: asserted\n",
        encoding="utf-8",
    )
    out = root / "out"
    api.build(BuildOptions(data_dir=data, out_dir=out))
    return out
