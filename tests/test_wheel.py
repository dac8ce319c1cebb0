"""The package as a user gets it: a wheel, installed non-editable, used in a folder of its own.

The wheel is built from this checkout without network (``--no-build-isolation``, with the
setuptools the test lock pins) and installed with ``--no-deps`` into a new virtual
environment whose third-party packages come from the project's own environment (a ``.pth``
line: nothing is downloaded, and the checkout itself is not importable there). Every
command then runs in a temporary folder holding a copy of ``data/`` and nothing else.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from builders import paths
from graph.serve.server import free_port

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path
    site_packages: Path


def _run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def _files(folder: Path) -> set[Path]:
    return {
        path.relative_to(folder) for path in folder.rglob("*") if "__pycache__" not in str(path)
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so the build's own folders never touch the checkout
    shutil.copytree(
        paths.PROJECT_ROOT,
        source,
        symlinks=True,
        ignore=shutil.ignore_patterns(".venv", ".git", "out", "build", "*.egg-info", "__pycache__"),
    )
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(work / "dist"), str(source)],
        cwd=work,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("claimgraph-*.whl")
    venv = work / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], cwd=work)
    assert made.returncode == 0, made.stderr
    (site_packages,) = (venv / "lib").glob("python*/site-packages")
    (site_packages / "project-dependencies.pth").write_text(site.getsitepackages()[0] + "\n")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "--no-index"]
    done = _run([*pip, str(wheel)], cwd=work)
    assert done.returncode == 0, done.stderr
    yield Installed(wheel, venv / "bin", site_packages)


def test_the_wheel_carries_every_file_the_package_reads(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for needed in (
        "builders/resources/ontology.ttl",
        "builders/resources/shapes.ttl",
        "builders/resources/gazetteer/mesh.tsv",
        "builders/resources/gazetteer/sources.yaml",
        "builders/resources/gazetteer/synonyms/everyday-names.tsv",
        "builders/ingest/rules/relations.yaml",
        "builders/ingest/model/en_ewt_parser/meta.json",
        "builders/ingest/model/en_ewt_parser/parser/model",
        "graph/query/queries/claims-about-substance.rq",
        "graph/view/queries/claims.rq",
        "graph/view/templates/view.html.jinja",
        "graph/serve/templates/query.html.jinja",
        "builders/py.typed",
        "graph/py.typed",
    ):
        assert needed in names, f"the wheel lacks {needed}"
    graph = paths.PROJECT_ROOT / "graph"
    shipped = [*graph.rglob("queries/*.rq"), *graph.rglob("templates/*")]
    assert len(shipped) > 20
    for path in shipped:  # every query and template of every subpackage
        needed = path.relative_to(paths.PROJECT_ROOT).as_posix()
        assert needed in names, f"the wheel lacks {needed}"
    with zipfile.ZipFile(installed.wheel) as wheel:  # copies of the one source, not links
        assert wheel.read("builders/resources/ontology.ttl") == paths.ONTOLOGY.read_bytes()
        assert wheel.read("builders/resources/shapes.ttl") == paths.SHAPES.read_bytes()
    assert not any(name.startswith(("data/", "tests/", "bench/")) for name in names)


def test_the_installed_command_works_in_a_folder_of_its_own(
    installed: Installed, tmp_path: Path, seed_out: Path
) -> None:
    shutil.copytree(paths.PROJECT_ROOT / "data", tmp_path / "data")
    shutil.rmtree(tmp_path / "data" / "vocabulary" / "gazetteer")  # the packaged one serves
    before = _files(installed.site_packages)
    claimgraph = str(installed.bin / "claimgraph")

    where = _run([str(installed.bin / "python"), "-c", "import builders; print(builders.__file__)"],
                 cwd=tmp_path)  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(installed.site_packages), where

    build = _run([claimgraph, "build"], cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    for name in ("claims.nt", "claims.ttl", "claims.jsonld"):  # what the checkout builds
        assert (tmp_path / "out" / name).read_bytes() == (seed_out / name).read_bytes(), name

    query = _run([claimgraph, "query", "claims-about-substance", "--param", "substance=kratom"],
                 cwd=tmp_path)  # fmt: skip
    assert query.returncode == 0 and "mu-opioid" in query.stdout, query.stderr

    draw = _run([claimgraph, "draw"], cwd=tmp_path)
    assert draw.returncode == 0, draw.stderr
    assert "<html" in (tmp_path / "out" / "claims.html").read_text(encoding="utf-8").lower()

    article = tmp_path / "kratom-note.txt"
    article.write_text(
        "Kratom acts on the mu-opioid receptor. Researchers warn that kratom may cause "
        "dependence.\n",
        encoding="utf-8",
    )
    known = set((tmp_path / "data" / "statements").glob("*.yaml"))
    ingest = _run([claimgraph, "ingest", str(article), "--date", "2026-01-15"], cwd=tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    statements = tmp_path / "data" / "statements"
    (draft,) = set(statements.glob("*.yaml")) - known
    assert "mu-opioid-receptor" in draft.read_text(encoding="utf-8"), ingest.stdout

    assert _files(installed.site_packages) == before  # nothing written into the package


def test_the_installed_endpoint_answers(installed: Installed, tmp_path: Path) -> None:
    shutil.copytree(paths.PROJECT_ROOT / "data", tmp_path / "data")
    assert _run([str(installed.bin / "claimgraph"), "build"], cwd=tmp_path).returncode == 0
    port = free_port()
    serve = subprocess.Popen(
        [str(installed.bin / "claimgraph"), "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert serve.stdout is not None
        assert f"127.0.0.1:{port}" in serve.stdout.readline()
        claim = "<https://w3id.org/claimgraph/vocab#Claim>"
        ask = urllib.parse.urlencode({"query": f"ASK {{ ?s a {claim} }}"})
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/query?{ask}",
            headers={"Accept": "application/sparql-results+json"},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=60) as response:
            assert b'"boolean":true' in response.read().replace(b" ", b"")
    finally:
        serve.terminate()
        serve.wait(60)
