"""Load and soak test of ``claimgraph serve``: throughput, latency, errors, memory, threads.

``python -m bench.load --seconds 30 --clients 16`` starts the endpoint on the seed graph
(127.0.0.1, a free port), sends catalogue queries from N client threads, each on its own
keep-alive connection, until the time or the request count runs out, and stops. Meanwhile
it samples every process of the server (the front and its query workers): resident memory
and threads, per process and in total. The same load then goes to the plain Oxigraph
server (``oxigraph serve``, the endpoint before the front) on the same graph: the
baseline, in the same run. ``--soak`` runs the front alone for 10 minutes (or
``--seconds``) and also records memory and threads each ``--every`` seconds.
``--triples 1000000`` serves a synthetic graph from ``bench/corpus.py`` instead of the
seed, with point queries on its subjects (``lookups``).

Traffic goes to 127.0.0.1 only; every loop is bounded in time and in count.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.scale import machine
from builders.build import BuildOptions
from builders.build import build as build_outputs
from graph.query.catalogue import catalogue
from graph.serve import server
from graph.serve.querypage import bind_values, example_value
from graph.store import diskstore

JSON_RESULTS = "application/sparql-results+json"
MAX_REQUESTS = 1_000_000
SAMPLE_EVERY_S = 0.2
SETTLE_S = 2.0
LOOKUPS = 50


@dataclass(frozen=True, slots=True)
class Proc:
    pid: int
    role: str
    rss_kb: int
    threads: int


def processes(root: int) -> list[Proc]:
    """``root`` and every process below it, with memory and threads (from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    tree = [root]
    for pid in tree:  # grows while it is walked: breadth first
        tree.extend(child for child, parent in parents.items() if parent == pid)
    found = []
    for pid in tree:
        try:
            status = dict(
                line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            )
            words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        role = "worker" if b"graph.serve.worker" in words else "front" if pid == root else "other"
        if b"serve" in words and b"graph.serve.front" not in words:
            role = "oxigraph"
        rss = int(status.get("VmRSS", "0 kB").split()[0])
        found.append(Proc(pid, role, rss, int(status["Threads"])))
    return found


@dataclass(slots=True)
class Usage:
    """Peaks of memory and threads, per process and for the whole server."""

    peak_total_threads: int = 0
    peak_total_rss_mb: float = 0.0
    peak_threads: dict[str, int] = field(default_factory=dict)  # per role, one process
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    peak_processes: int = 0
    timeline: list[tuple[float, float, int]] = field(default_factory=list)  # s, MB, threads

    def add(self, found: list[Proc]) -> tuple[float, int]:
        rss = sum(p.rss_kb for p in found) / 1024
        threads = sum(p.threads for p in found)
        self.peak_total_threads = max(self.peak_total_threads, threads)
        self.peak_total_rss_mb = max(self.peak_total_rss_mb, rss)
        self.peak_processes = max(self.peak_processes, len(found))
        for p in found:
            self.peak_threads[p.role] = max(self.peak_threads.get(p.role, 0), p.threads)
            self.peak_rss_mb[p.role] = max(self.peak_rss_mb.get(p.role, 0.0), p.rss_kb / 1024)
        return rss, threads


@contextmanager
def sampling(root: int, usage: Usage, every_s: float | None) -> Iterator[None]:
    """Sample the server's processes in a thread while the block runs."""
    done = threading.Event()
    started = time.monotonic()

    def loop() -> None:
        last = -1e9
        while not done.wait(SAMPLE_EVERY_S):
            rss, threads = usage.add(processes(root))
            now = time.monotonic() - started
            if every_s is not None and now - last >= every_s:
                usage.timeline.append((round(now, 1), round(rss, 1), threads))
                last = now

    sampler = threading.Thread(target=loop, daemon=True)
    sampler.start()
    try:
        yield
    finally:
        done.set()
        sampler.join()


@dataclass(slots=True)
class Report:
    label: str
    graph: str
    clients: int
    seconds: float
    requests: int = 0
    ok: int = 0
    busy: int = 0  # 503: deliberate refusals beyond the queue
    errors: int = 0  # anything else
    per_second: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    threads_start: int = 0
    threads_end: int = 0
    exit_code: int | None = None  # the server's, if it ended during the run
    log_tail: str = ""
    usage: Usage = field(default_factory=Usage)


def _one_client(
    port: int, paths_: Sequence[str], stop_at: float, budget: list[int], lock: threading.Lock
) -> list[tuple[int, float]]:
    results: list[tuple[int, float]] = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    index = 0
    try:
        while time.monotonic() < stop_at:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            path = paths_[index % len(paths_)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": JSON_RESULTS})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            results.append((status, time.perf_counter() - started))
    finally:
        connection.close()
    return results


def drive(
    port: int, queries: Sequence[str], clients: int, seconds: float, max_requests: int
) -> list[tuple[int, float]]:
    """Send ``queries`` round-robin from ``clients`` threads; (status, seconds) of each."""
    paths_ = [f"/query?{urllib.parse.urlencode({'query': q})}" for q in queries]
    stop_at = time.monotonic() + seconds
    budget, lock = [max_requests], threading.Lock()
    gathered: list[list[tuple[int, float]]] = [[] for _ in range(clients)]

    def client(slot: int) -> None:
        gathered[slot] = _one_client(
            port, paths_[slot % len(paths_) :] + paths_, stop_at, budget, lock
        )

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [result for results in gathered for result in results]


def measure(
    label: str,
    graph: str,
    running: server.RunningServer,
    queries: Sequence[str],
    clients: int,
    seconds: float,
    max_requests: int = MAX_REQUESTS,
    every_s: float | None = None,
    workers: int = 1,
) -> Report:
    port = int(running.url.rsplit(":", 1)[1])
    # Warm up: every query once in each worker, so that *start* counts the caches the load
    # fills. One client sends each query ``workers`` times in a row; the front hands out
    # idle workers in turn, so each of them answers it once.
    warm_up = [query for query in queries for _ in range(workers)]
    drive(port, warm_up, 1, 120, len(warm_up))
    report = Report(label, graph, clients, seconds)
    before = processes(running.process.pid)
    report.rss_start_mb = round(sum(p.rss_kb for p in before) / 1024, 1)
    report.threads_start = sum(p.threads for p in before)
    started = time.monotonic()
    with sampling(running.process.pid, report.usage, every_s):
        results = drive(port, queries, clients, seconds, max_requests)
    elapsed = time.monotonic() - started
    time.sleep(SETTLE_S)
    after = processes(running.process.pid)
    report.rss_end_mb = round(sum(p.rss_kb for p in after) / 1024, 1)
    report.threads_end = sum(p.threads for p in after)
    report.exit_code = running.process.poll()
    if report.exit_code is not None and running.log.is_file():
        report.log_tail = running.log.read_text(errors="replace")[-2000:]
    latencies = sorted(seconds_ for status, seconds_ in results if status == 200)
    report.requests = len(results)
    report.ok = len(latencies)
    report.busy = sum(1 for status, _ in results if status == 503)
    report.errors = report.requests - report.ok - report.busy
    report.per_second = round(report.requests / elapsed, 1)
    if latencies:
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        report.p50_ms = round(cuts[49] * 1000, 1)
        report.p99_ms = round(cuts[98] * 1000, 1)
    return report


def catalogue_queries() -> list[str]:
    """Every catalogue query, its parameters bound to the examples their headers give."""
    return [
        bind_values(named.text, {p: example_value(t) for p, t in named.params.items()})
        for named in catalogue().values()
    ]


def synthetic_graph(triples: int, folder: Path) -> Path:
    """A synthetic graph of about ``triples`` triples (kept in ``folder``, made once)."""
    target = folder / f"synthetic-{triples}.nt"
    if not target.is_file():
        from bench.corpus import CorpusSpec, articles_for, generate
        from builders.bulk import ntriples

        dataset = generate(CorpusSpec(articles=articles_for(triples), seed=6))
        target.write_bytes(ntriples(dataset))
    return target


def lookups(nt_path: Path, count: int = LOOKUPS) -> list[str]:
    """Point queries for a large graph: every property of one of its first subjects each.

    (The parameterized catalogue queries scan every label; on a million triples each
    takes tens of seconds, which measures the query, not the endpoint.)
    """
    subjects: dict[str, None] = {}
    with nt_path.open("rb") as lines:
        for line in lines:
            if line.startswith(b"<"):
                subjects[line.split(b" ", 1)[0].decode()] = None
            if len(subjects) >= count:
                break
    return [f"SELECT ?p ?o WHERE {{ {subject} ?p ?o }}" for subject in subjects]


def plain_oxigraph(nt_path: Path, folder: Path, timeout_s: int) -> server.RunningServer:
    """The baseline: the Oxigraph server alone on its own copy of the store."""
    location = diskstore.replace_contents(folder / "baseline-store", nt_path)
    options = server.ServeOptions(location, port=0, timeout_s=timeout_s, read_only=False)
    return server.start(options)


def run(
    clients: int,
    seconds: float,
    *,
    triples: int | None = None,
    soak: bool = False,
    every_s: float = 60.0,
    max_queries: int = 8,
    max_queued: int = 64,
    max_requests: int = MAX_REQUESTS,
    baseline: bool = True,
    work: Path | None = None,
) -> list[Report]:
    """Measure the front (and, unless ``soak``, the plain Oxigraph baseline)."""
    with tempfile.TemporaryDirectory(prefix="claimgraph-load-") as scratch:
        folder = Path(scratch)
        if triples is None:
            build_outputs(BuildOptions(out_dir=folder / "out"))
            nt_path, graph, queries = folder / "out" / "claims.nt", "seed", catalogue_queries()
        else:
            nt_path = synthetic_graph(triples, work or folder)
            graph, queries = f"{triples:,} triples (lookups)", lookups(nt_path)
        front = server.FrontOptions(max_queries=max_queries, max_queued=max_queued)
        starts: list[tuple[str, Callable[[], AbstractContextManager[server.RunningServer]]]] = [
            ("front", lambda: server.serve_graph(nt_path, 0, server.DEFAULT_TIMEOUT_S, front=front))
        ]
        if baseline and not soak:
            starts.append(
                ("oxigraph", lambda: plain_oxigraph(nt_path, folder, server.DEFAULT_TIMEOUT_S))
            )
        reports = []
        for label, start in starts:
            with start() as running:
                reports.append(
                    measure(
                        f"{label}{' soak' if soak else ''}",
                        graph,
                        running,
                        queries,
                        clients,
                        seconds,
                        max_requests,
                        every_s if soak else None,
                        max_queries if label == "front" else 1,
                    )
                )
        return reports


def markdown(reports: Sequence[Report]) -> str:
    lines = [
        "| server | graph | clients | s | requests | q/s | p50 ms | p99 ms | 503 | errors "
        "| threads peak (front / worker / total) | RSS MB start → end (peak) | server at end |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for r in reports:
        u = r.usage
        per = " / ".join(str(u.peak_threads.get(role, "-")) for role in ("front", "worker"))
        lines.append(
            f"| {r.label} | {r.graph} | {r.clients} | {r.seconds:g} | {r.requests} | "
            f"{r.per_second} | {r.p50_ms} | {r.p99_ms} | {r.busy} | {r.errors} | "
            f"{per} / {u.peak_total_threads} | {r.rss_start_mb} → {r.rss_end_mb} "
            f"({u.peak_total_rss_mb:.1f}) | "
            f"{'running' if r.exit_code is None else f'ended, code {r.exit_code}'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, help="default 30, or 600 with --soak")
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS)
    parser.add_argument("--triples", type=int, help="serve a synthetic graph this large")
    parser.add_argument("--soak", action="store_true", help="the front alone, 10 minutes")
    parser.add_argument("--every", type=float, default=60.0, help="soak sample interval (s)")
    parser.add_argument("--max-queries", type=int, default=8)
    parser.add_argument("--max-queued", type=int, default=64)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--work", type=Path, help="keep the synthetic graph here (reused)")
    args = parser.parse_args(argv)
    seconds = args.seconds or (600.0 if args.soak else 30.0)
    reports = run(
        args.clients,
        seconds,
        triples=args.triples,
        soak=args.soak,
        every_s=args.every,
        max_queries=args.max_queries,
        max_queued=args.max_queued,
        max_requests=args.max_requests,
        baseline=not args.no_baseline,
        work=args.work,
    )
    print(json.dumps(machine()))
    print(markdown(reports))
    for report in reports:
        if report.log_tail:
            print(f"{report.label} ended by itself; the end of its log:\n{report.log_tail}")
        if report.usage.timeline:
            print(f"{report.label}: (s, MB, threads) every {args.every:g} s:")
            print(" ".join(str(point) for point in report.usage.timeline))
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(r) for r in reports], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
