"""Default locations, relative to the project folder (the one holding pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
OUT_DIR = PROJECT_ROOT / "out"
ONTOLOGY = PROJECT_ROOT / "ontology.ttl"
SHAPES = PROJECT_ROOT / "shapes.ttl"
