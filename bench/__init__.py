"""Benchmarks: synthetic inputs, timings against a baseline in the same run (see RESULTS.md)."""
