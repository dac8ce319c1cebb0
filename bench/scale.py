"""Build and query synthetic graphs of growing size: the project's path against plain rdflib.

For each size (in triples) the benchmark makes a synthetic corpus (``bench.corpus``) and
measures, each part in a fresh process so that its peak memory is its own:

1. build: records to sorted N-Triples with ``builders.bulk`` (the writers of the real
   build, without SHACL), written to disk; triples per second and peak memory;
2. store: loading that file and the ontology into an on-disk Oxigraph store with
   ``graph.store.diskstore`` (what ``claimgraph build --store`` does), then every catalogue
   query on it (median of three runs);
3. rdflib: the same file and ontology parsed into a plain in-memory ``rdflib.Graph`` and
   every catalogue query run once on it, each stopped after ``--rdflib-timeout`` seconds.

Each query's answers from both engines are compared as sorted rows. Parameterized queries
run as ``claimgraph query`` runs them: the parameter resolved through the name index and
bound by ``graph.query.catalogue.bind_names``. Every query rewritten for issue 14 also runs in its
earlier form (``bench/baseline_queries/``) on the same stores, and the lookup table puts the
two side by side with their answers compared. The build is measured against pyoxigraph
parsing the same N-Triples and serializing them again, in the same process.

Run it with::

    python -m bench.scale --sizes 100000 1000000 --json bench/out/scale.json

which prints a Markdown report (machine included) for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from types import FrameType
from typing import Any

QUERY_RUNS = 3
DEFAULT_RDFLIB_TIMEOUT_S = 120.0
BASELINE_QUERIES = Path(__file__).parent / "baseline_queries"


@dataclass(frozen=True, slots=True)
class QueryTiming:
    """One catalogue query on both engines; ``rdflib_s`` is None when it was stopped."""

    name: str
    oxigraph_s: float  # the on-disk store (build --store, serve)
    memory_s: float  # the in-memory store that `claimgraph query` loads
    rdflib_s: float | None
    rows: int
    same_answer: bool | None
    baseline_disk_s: float | None = None  # the query's earlier text, when it was rewritten
    baseline_memory_s: float | None = None
    same_as_baseline: bool | None = None


@dataclass(frozen=True, slots=True)
class SizeReport:
    """Every figure measured for one size."""

    target: int
    articles: int
    triples: int
    generate_s: float
    build_s: float
    build_peak_mb: float
    oxigraph_roundtrip_s: float
    store_triples: int
    store_load_s: float
    store_peak_mb: float
    memory_load_s: float
    rdflib_load_s: float
    rdflib_peak_mb: float
    rdflib_timeout_s: float
    queries: list[QueryTiming] = field(default_factory=list)

    @property
    def build_rate(self) -> float:
        return self.triples / self.build_s


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _digest(rows: Iterable[tuple[str, ...]]) -> tuple[int, str]:
    ordered = sorted(rows)
    text = json.dumps(ordered, ensure_ascii=False)
    return len(ordered), hashlib.sha256(text.encode("utf-8")).hexdigest()


# Workers: each runs in its own process and prints one JSON object.


def build_worker(articles: int, seed: int, nt_path: Path) -> dict[str, Any]:
    import pyoxigraph as ox

    from bench.corpus import CorpusSpec, generate, sample_params
    from builders.bulk import ntriples

    started = time.perf_counter()
    dataset = generate(CorpusSpec(articles=articles, seed=seed))
    generated = time.perf_counter()
    data = ntriples(dataset)
    nt_path.write_bytes(data)
    built = time.perf_counter()
    peak_mb = _peak_mb()
    params = sample_params(dataset)
    del dataset, data
    # the baseline: the writer's limit, pyoxigraph reading the same file and writing it again
    began = time.perf_counter()
    with nt_path.with_suffix(".roundtrip.nt").open("wb") as out:
        triples = ox.parse(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
        ox.serialize(triples, out, format=ox.RdfFormat.N_TRIPLES)
    roundtrip_s = time.perf_counter() - began
    nt_path.with_suffix(".roundtrip.nt").unlink()
    return {
        "triples": sum(1 for _ in nt_path.open("rb")),
        "generate_s": generated - started,
        "build_s": built - generated,
        "peak_mb": peak_mb,
        "roundtrip_s": roundtrip_s,
        "params": params,
    }


def _timed(run: Callable[[], list[tuple[str, ...]]]) -> tuple[float, int, str]:
    """The median time of ``QUERY_RUNS`` runs, and the answer's row count and digest."""
    times = []
    rows: list[tuple[str, ...]] = []
    for _ in range(QUERY_RUNS):
        began = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - began)
    count, digest = _digest(rows)
    return statistics.median(times), count, digest


def store_worker(
    nt_path: Path, store_dir: Path, params: dict[str, dict[str, str]]
) -> dict[str, Any]:
    import pyoxigraph as ox

    from graph.query.catalogue import bind_names, catalogue
    from graph.query.sparql import execute
    from graph.store import diskstore
    from graph.store.memory import load_store

    def answer(store: ox.Store, text: str, bound: dict[str, str]) -> list[tuple[str, ...]]:
        result = execute(store, bind_names(store, text, bound), bound)
        assert isinstance(result, ox.QuerySolutions)
        # values in the order of the variables (a lookup by name per cell cost as much as
        # the query itself on the largest answers)
        return [tuple("" if t is None else t.value for t in s) for s in result]

    started = time.perf_counter()
    diskstore.replace_contents(store_dir, nt_path)
    load_s = time.perf_counter() - started
    on_disk = diskstore.open_store(store_dir)
    peak_mb = _peak_mb()
    started = time.perf_counter()
    in_memory = load_store(nt_path)
    memory_load_s = time.perf_counter() - started
    results: dict[str, Any] = {}
    for name, query in catalogue().items():
        bound = params.get(name, {})
        baseline = BASELINE_QUERIES / f"{name}.rq"
        result: dict[str, Any] = {}
        for label, store in (("seconds", on_disk), ("memory_s", in_memory)):
            seconds, count, digest = _timed(lambda: answer(store, query.text, bound))  # noqa: B023
            if result and result["digest"] != digest:
                raise AssertionError(f"{name}: the on-disk and in-memory stores disagree")
            result.update({label: seconds, "rows": count, "digest": digest})
            if baseline.is_file():
                text = baseline.read_text(encoding="utf-8")
                old_s, _, old_digest = _timed(lambda: answer(store, text, bound))  # noqa: B023
                result[f"baseline_{label}"] = old_s
                result["same_as_baseline"] = result.get("same_as_baseline", True) and (
                    old_digest == digest
                )
        results[name] = result
    return {
        "load_s": load_s,
        "memory_load_s": memory_load_s,
        "triples": len(on_disk),
        "peak_mb": peak_mb,
        "queries": results,
    }


class _StoppedError(Exception):
    """An rdflib query ran past its time limit."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _StoppedError


def rdflib_worker(
    nt_path: Path, params: dict[str, dict[str, str]], timeout_s: float
) -> dict[str, Any]:
    from rdflib import Graph, Literal

    from builders import paths
    from graph.namespace import PREFIXES
    from graph.query.catalogue import catalogue

    started = time.perf_counter()
    graph = Graph()
    graph.parse(nt_path, format="nt")
    graph.parse(paths.ONTOLOGY, format="turtle")
    load_s = time.perf_counter() - started
    # rdflib imports and sets up its SPARQL engine on the first query; do that untimed
    assert graph.query("ASK { ?s ?p ?o }", initNs=PREFIXES).askAnswer
    signal.signal(signal.SIGALRM, _stop)
    results: dict[str, Any] = {}
    for name, query in catalogue().items():
        bindings = {var: Literal(value) for var, value in params.get(name, {}).items()}
        began = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout_s)
        try:
            answer = graph.query(query.text, initNs=PREFIXES, initBindings=bindings)
            variables = [str(v) for v in answer.vars or []]
            rows = [
                tuple("" if row[v] is None else str(row[v]) for v in variables)  # type: ignore[call-overload,index]
                for row in answer
            ]
        except _StoppedError:
            results[name] = None
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - began
        count, digest = _digest(rows)
        results[name] = {"seconds": seconds, "rows": count, "digest": digest}
    return {"load_s": load_s, "peak_mb": _peak_mb(), "queries": results}


def _in_process(worker: str, arguments: dict[str, Any]) -> dict[str, Any]:
    """Run a worker in a fresh Python process and return what it printed."""
    command = [sys.executable, "-m", "bench.scale", "--worker", worker, json.dumps(arguments)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the {worker} worker failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


WORKERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "build": lambda a: build_worker(a["articles"], a["seed"], Path(a["nt"])),
    "store": lambda a: store_worker(Path(a["nt"]), Path(a["store"]), a["params"]),
    "rdflib": lambda a: rdflib_worker(Path(a["nt"]), a["params"], a["timeout"]),
}


def measure(target: int, seed: int, rdflib_timeout_s: float, work: Path) -> SizeReport:
    """Every figure for a graph of about ``target`` triples, with files under ``work``."""
    from bench.corpus import articles_for

    articles = articles_for(target)
    nt = work / f"synthetic-{target}.nt"
    built = _in_process("build", {"articles": articles, "seed": seed, "nt": str(nt)})
    params = built["params"]
    stored = _in_process(
        "store", {"nt": str(nt), "store": str(work / f"store-{target}"), "params": params}
    )
    if rdflib_timeout_s > 0:
        arguments = {"nt": str(nt), "params": params, "timeout": rdflib_timeout_s}
        plain = _in_process("rdflib", arguments)
    else:  # rdflib not run (--rdflib-timeout 0)
        plain = {"load_s": 0.0, "peak_mb": 0.0, "queries": dict.fromkeys(stored["queries"])}
    queries = []
    for name, ox_result in stored["queries"].items():
        rdf_result = plain["queries"][name]
        queries.append(
            QueryTiming(
                name=name,
                oxigraph_s=ox_result["seconds"],
                memory_s=ox_result["memory_s"],
                rdflib_s=None if rdf_result is None else rdf_result["seconds"],
                rows=ox_result["rows"],
                same_answer=None
                if rdf_result is None
                else rdf_result["digest"] == ox_result["digest"],
                baseline_disk_s=ox_result.get("baseline_seconds"),
                baseline_memory_s=ox_result.get("baseline_memory_s"),
                same_as_baseline=ox_result.get("same_as_baseline"),
            )
        )
    return SizeReport(
        target=target,
        articles=articles,
        triples=built["triples"],
        generate_s=built["generate_s"],
        build_s=built["build_s"],
        build_peak_mb=built["peak_mb"],
        oxigraph_roundtrip_s=built["roundtrip_s"],
        store_triples=stored["triples"],
        store_load_s=stored["load_s"],
        store_peak_mb=stored["peak_mb"],
        memory_load_s=stored["memory_load_s"],
        rdflib_load_s=plain["load_s"],
        rdflib_peak_mb=plain["peak_mb"],
        rdflib_timeout_s=rdflib_timeout_s,
        queries=queries,
    )


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "unknown",
    )
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "uname": " ".join(platform.uname()),
        "cpu": cpu,
        "memory": memory,
        "python": sys.version.split()[0],
        "versions": ", ".join(
            f"{name} {metadata.version(name)}" for name in ("pyoxigraph", "oxigraph", "rdflib")
        ),
    }


def _seconds(value: float | None, limit: float) -> str:
    if value is None:
        return f"> {limit:.0f} s (stopped)" if limit > 0 else "not run"
    return f"{value * 1000:,.1f} ms"


def _ratio(rdflib_s: float | None, limit: float, seconds: float) -> str:
    if rdflib_s is None and limit <= 0:
        return "-"
    if rdflib_s is None:
        return f"> {limit / max(seconds, 1e-6):,.0f}x"
    return f"{rdflib_s / max(seconds, 1e-6):,.1f}x"


def markdown(reports: Sequence[SizeReport], host: dict[str, str]) -> str:
    """The report for bench/RESULTS.md."""
    out = [
        f"Measured {host['date']} on: `{host['uname']}`; {host['cpu']}; {host['memory']}; "
        f"Python {host['python']}; {host['versions']}.",
        "",
        "| size | articles | triples | build | build rate | pyoxigraph parse + write | build "
        "/ that | build peak | load: on-disk store | peak | load: in-memory store "
        "| load: rdflib | rdflib peak |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in reports:
        out.append(
            f"| ~{r.target:,} | {r.articles:,} | {r.triples:,} | {r.build_s:.1f} s | "
            f"{r.build_rate:,.0f} t/s | {r.oxigraph_roundtrip_s:.1f} s | "
            f"{r.build_s / max(r.oxigraph_roundtrip_s, 1e-6):.1f}x | "
            f"{r.build_peak_mb:,.0f} MB | {r.store_load_s:.1f} s | "
            f"{r.store_peak_mb:,.0f} MB | {r.memory_load_s:.1f} s | "
            + (
                f"{r.rdflib_load_s:.1f} s | {r.rdflib_peak_mb:,.0f} MB |"
                if r.rdflib_timeout_s > 0
                else "not run | not run |"
            )
        )
    for r in reports:
        limit = r.rdflib_timeout_s
        out += [
            "",
            f"Catalogue queries at {r.triples:,} triples (Oxigraph: median of {QUERY_RUNS} "
            f"runs; rdflib: one run, stopped after {limit:.0f} s; ratio: rdflib's time "
            "over Oxigraph's):",
            "",
            "| query | rows | on-disk store | ratio | in-memory store | ratio | rdflib | same |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for q in r.queries:
            same = {True: "yes", False: "NO", None: "not compared"}[q.same_answer]
            out.append(
                f"| {q.name} | {q.rows:,} | {_seconds(q.oxigraph_s, 0)} | "
                f"{_ratio(q.rdflib_s, limit, q.oxigraph_s)} | {_seconds(q.memory_s, 0)} | "
                f"{_ratio(q.rdflib_s, limit, q.memory_s)} | {_seconds(q.rdflib_s, limit)} | "
                f"{same} |"
            )
        out += _lookup_table(r)
    return "\n".join(out) + "\n"


def _lookup_table(r: SizeReport) -> list[str]:
    """The queries rewritten for issue 14, in their earlier and current forms."""
    rewritten = [q for q in r.queries if q.same_as_baseline is not None]
    if not rewritten:
        return []
    out = [
        "",
        f"Rewritten queries at {r.triples:,} triples, before (`bench/baseline_queries/`) and "
        f"now (parameters resolved through the name index), same stores, median of {QUERY_RUNS}:",
        "",
        "| query | rows | in memory: before | now | speed-up | on disk: before | now "
        "| speed-up | same answer |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for q in rewritten:
        old_memory = q.baseline_memory_s or 0.0
        old_disk = q.baseline_disk_s or 0.0
        out.append(
            f"| {q.name} | {q.rows:,} | {_seconds(old_memory, 0)} | {_seconds(q.memory_s, 0)} | "
            f"{old_memory / max(q.memory_s, 1e-6):,.1f}x | {_seconds(old_disk, 0)} | "
            f"{_seconds(q.oxigraph_s, 0)} | {old_disk / max(q.oxigraph_s, 1e-6):,.1f}x | "
            f"{'yes' if q.same_as_baseline else 'NO'} |"
        )
    return out


def run(sizes: Sequence[int], seed: int, rdflib_timeout_s: float, work: Path) -> list[SizeReport]:
    """Measure every size in turn (smallest first)."""
    work.mkdir(parents=True, exist_ok=True)
    return [measure(size, seed, rdflib_timeout_s, work) for size in sorted(sizes)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--rdflib-timeout",
        type=float,
        default=DEFAULT_RDFLIB_TIMEOUT_S,
        help="stop each rdflib query after this many seconds (0: do not run rdflib at all)",
    )
    parser.add_argument("--work", type=Path, help="folder for the graphs (default: a temp)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](json.loads(args.arguments))))
        return 0
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as scratch:
        reports = run(args.sizes, args.seed, args.rdflib_timeout, args.work or Path(scratch))
    host = machine()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        document = {"machine": host, "sizes": [asdict(r) for r in reports]}
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(markdown(reports, host))
    return 0


if __name__ == "__main__":
    sys.exit(main())
