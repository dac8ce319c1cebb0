"""The notebooks run clean, top to bottom, in a fresh kernel (nbclient, no Jupyter server)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from builders import paths

NOTEBOOKS = sorted((paths.PROJECT_ROOT / "notebooks").glob("*.ipynb"))


def run(notebook: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("CLAIMGRAPH_OUT", str(out))
    nb: nbformat.NotebookNode = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": notebook.parent}}
    )
    client.execute()
    return nb


def outputs_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/html", ""))
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_there_are_notebooks_for_researchers_and_analysts() -> None:
    assert {"researchers.ipynb", "analysts.ipynb"} <= {nb.name for nb in NOTEBOOKS}


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_clean(
    notebook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = run(notebook, tmp_path / "out", monkeypatch)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert (tmp_path / "out" / "claims.nt").is_file()
    if notebook.name == "researchers.ipynb":
        text = outputs_text(nb)
        assert "the quote matches the article at its offsets" in text
        assert "verdict: supported" in text
        changes = next(c for c in nb.cells if "'verdict-changes'" in c.source)
        only_changes = nbformat.from_dict({"cells": [changes]})  # type: ignore[no-untyped-call]
        shown = outputs_text(only_changes)
        assert "kratom has property understudied" in shown
        assert "insufficient evidence" in shown
        assert "<table>" in text  # answers display as tables
    if notebook.name == "analysts.ipynb":
        text = outputs_text(nb)
        assert text.count("<iframe srcdoc=") == 2
        assert "kratom acts on mu-opioid receptor" in text and "supported" in text
        assert (tmp_path / "out" / "kratom.html").is_file()
        assert (tmp_path / "out" / "claims.graphml").is_file()
