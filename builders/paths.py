"""Where claimgraph finds its files.

Two kinds of file, kept apart:

- **The user's**: the curated data folder and the output folder. They default to ``data/``
  and ``out/`` in the *current* folder (relative paths, resolved when used), so an
  installed ``claimgraph`` reads and writes where it is run and never inside the package.
- **The package's**: the ontology, the SHACL shapes and the generated gazetteer. They are
  package data of ``builders`` (``builders/resources/``), read with ``importlib.resources``.
  In a checkout those entries are symbolic links to the top-level ``ontology.ttl`` and
  ``shapes.ttl`` and to ``data/vocabulary/gazetteer``, so each file has one source; a wheel
  carries copies of them.

``PROJECT_ROOT`` is the checkout (the folder holding pyproject.toml); only the tests, the
benchmarks and the developer commands (``make model``, ``make gazetteer``) use it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path("data")
OUT_DIR = Path("out")


def _packaged(name: str) -> Path:
    # An installed wheel is unpacked on disk, so the resource is a real file with a path.
    return Path(str(resources.files("builders").joinpath("resources", name)))


ONTOLOGY = _packaged("ontology.ttl")
SHAPES = _packaged("shapes.ttl")
PACKAGED_GAZETTEER = _packaged("gazetteer")
