"""The load test runs against a real serve, stops by itself and reports what it measured."""

from __future__ import annotations

import threading

from bench import load


def test_a_short_soak_reports_load_memory_and_threads() -> None:
    started_threads = threading.active_count()
    (report,) = load.run(clients=4, seconds=3, soak=True, every_s=0.5, max_queries=2)
    assert report.label == "front soak" and report.graph == "seed"
    assert report.requests == report.ok > 0 and report.errors == 0 and report.busy == 0
    assert 0 < report.p50_ms <= report.p99_ms
    assert report.usage.peak_processes == 3  # the front and its two workers, never more
    assert 0 < report.usage.peak_threads["worker"] <= report.usage.peak_total_threads
    assert len(report.usage.timeline) >= 3 and report.rss_end_mb > 0
    assert "| front soak | seed | 4 | 3 |" in load.markdown([report])
    assert threading.active_count() == started_threads  # every client and the sampler ended


def test_the_request_budget_bounds_a_run() -> None:
    (front, plain) = load.run(clients=2, seconds=30, max_queries=1, max_requests=20)
    assert front.requests == plain.requests == 20 and front.errors == plain.errors == 0
    assert front.seconds == 30 and plain.label == "oxigraph"
