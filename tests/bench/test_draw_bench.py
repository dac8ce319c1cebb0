"""The drawing benchmark runs end to end at a small size (its figures are not checked)."""

from __future__ import annotations

from bench import draw


def test_draw_benchmark_measures_the_corpus_picture() -> None:
    picture, _ = draw.picture_of(draw.spec_for(60))
    rows = draw.run([60])
    assert [(r.nodes, r.edges) for r in rows] == [
        (picture.number_of_nodes(), picture.number_of_edges())
    ]
    row = rows[0]
    assert row.nodes > 20 and row.baseline_render_s is not None and row.html_mb > 0
    assert row.interactive_s is None  # no browser given
    assert "| nodes |" in draw.table(rows, 10)
