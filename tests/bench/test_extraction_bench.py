"""The extraction benchmark scores honestly: gold names match entities through the lexicon,
a wrong polarity is counted as an inversion, and pooled figures add up the articles'."""

from __future__ import annotations

import pytest

from bench import extraction
from builders import paths
from builders.ingest.article import extractor_for, known_entities
from builders.ingest.extract import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return extractor_for(known_entities(paths.DATA_DIR))


def gold(*statements: tuple[str, str, str, bool]) -> extraction.GoldArticle:
    return extraction.GoldArticle(
        "t",
        "A title",
        "Kratom acts on the mu-opioid receptor. CBD is not addictive.",
        tuple(
            extraction.GoldStatement(s, r, o, n, "asserted", frozenset())
            for s, r, o, n in statements
        ),
    )


def test_gold_names_match_extracted_entities_and_inversions_are_counted(
    extractor: Extractor,
) -> None:
    names = extraction.Names(extractor.lexicon)
    article = gold(
        ("kratom", "actsOn", "mu-opioid receptor", False),
        ("CBD", "hasProperty", "addictive", False),  # the text denies it
    )
    score = extraction.score(extractor, names, article, runs=1)
    assert score.gold == 2
    assert score.matched == 1
    assert score.inversions == 1
    assert score.precision == pytest.approx(1 / score.proposed)


def test_every_gold_file_of_the_development_half_reads_and_anchors() -> None:
    articles = extraction.read_gold(extraction.DATA / "dev")
    assert len(articles) == 5
    for article in articles:
        assert article.statements
        assert article.title == article.text.splitlines()[0]


def test_pooled_scores_are_the_sums_of_the_articles() -> None:
    one = extraction.Score("a", 10, 8, 6, 5, 4, 1, 300, 0.1)
    two = extraction.Score("b", 5, 4, 2, 2, 1, 0, 200, 0.1)
    both = extraction.pooled("all", [one, two])
    assert (both.gold, both.proposed, both.matched, both.inversions) == (15, 12, 8, 1)
    assert both.recall == pytest.approx(8 / 15)
    assert both.words_per_second == pytest.approx(500 / 0.2)


def test_the_main_table_prints_for_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    results = extraction.evaluate([("seed article", [extraction.seed_gold()])], runs=1)
    [(name, ours, theirs)] = results
    print(extraction.table(name, ours, theirs))
    out = capsys.readouterr().out
    assert extraction.SEED in out and "| all |" in out
    statements = extraction.seed_gold().statements
    assert ours[0].gold == len({(g.subject, g.relation, g.object, g.negated) for g in statements})


def test_no_gold_statement_of_the_development_half_is_proposed_with_its_polarity_inverted(
    extractor: Extractor,
) -> None:
    """Every gold claim, negated or not, is checked against every proposal: none may state
    it with the opposite polarity (the held-out half is scored once, by bench.extraction)."""
    names = extraction.Names(extractor.lexicon)
    for article in [*extraction.read_gold(extraction.DATA / "dev"), extraction.seed_gold()]:
        assert extraction.score(extractor, names, article, runs=1).inversions == 0, article.name
