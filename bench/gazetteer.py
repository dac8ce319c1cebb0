"""How long loading the gazetteer takes, against a plain csv read of the same files.

    python -m bench.gazetteer [--runs 5] [--folder data/vocabulary/gazetteer]

Each run is timed in the same process, one after the other:

- *csv baseline*: ``csv.reader`` over every TSV file into lists of strings, nothing checked;
- *load_gazetteer*: ``builders.gazetteer.load_gazetteer``, which checks every field and
  identifier, builds the typed records and the index by normalized name;
- *deferring_to*: the loaded gazetteer without the entries the curated vocabulary has.

A fresh interpreter that imports the loader and loads once is timed too (``cold``), since
that is what a command pays. Prints a Markdown table for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from builders import paths
from builders.gazetteer import load_gazetteer
from builders.vocabulary import load_vocabulary

DEFAULT_FOLDER = paths.DATA_DIR / "vocabulary" / "gazetteer"


def csv_baseline(folder: Path) -> int:
    rows = 0
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += sum(1 for _ in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def timed(work: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def cold_load(folder: Path) -> float:
    code = (
        "import sys, time\nstart = time.perf_counter()\n"
        "from builders.gazetteer import load_gazetteer\nfrom pathlib import Path\n"
        "load_gazetteer(Path(sys.argv[1]))\nprint(time.perf_counter() - start)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=paths.PROJECT_ROOT,
    )
    return float(done.stdout.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    args = parser.parse_args(argv)
    folder: Path = args.folder
    gazetteer = load_gazetteer(folder)
    vocabulary = load_vocabulary(folder.parent)
    rows = {
        "csv baseline": timed(lambda: csv_baseline(folder), args.runs),
        "load_gazetteer": timed(lambda: load_gazetteer(folder), args.runs),
        "deferring_to": timed(lambda: gazetteer.deferring_to(vocabulary), args.runs),
        "cold (new interpreter: imports + load)": [cold_load(folder) for _ in range(3)],
    }
    print(
        f"{len(gazetteer.entries)} entries, {len(gazetteer.by_name)} names, "
        f"{sum(1 for _ in folder.glob('*.tsv'))} files; {platform.platform()}, "
        f"Python {platform.python_version()}"
    )
    print("\n| step | min (s) | median (s) | runs |\n|---|---:|---:|---:|")
    for name, times in rows.items():
        print(f"| {name} | {min(times):.3f} | {statistics.median(times):.3f} | {len(times)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
