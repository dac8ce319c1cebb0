"""Quality and speed of the rule-based extractor against curated statements.

    python -m bench.extraction

For the seed article (data/) and each test article (bench/extraction-data/), the extractor's
statements are compared with the curated ones. A match is the same subject, relation,
object and negation (qualifiers, modality and quote are not compared); precision and
recall are over the distinct (subject, relation, object, negated) keys of each side. A
stricter figure also requires the same modality (asserted, hedged, speculative). A
baseline measured in the same run proposes, for every ordered pair of entities in a
sentence, the first relation their types admit. Throughput is words per second of the
extractor alone, best of several runs, on each article and on a long text made of all
articles repeated.
"""

from __future__ import annotations

import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from builders import paths
from builders.articles import load_articles
from builders.cues import OBJECTS, SUBJECTS
from builders.extract import Extraction, Extractor
from builders.records import Article, Claim, Modality, Relation, Statement, Vocabulary
from builders.sentences import word_count
from builders.statements import load_statement_file
from builders.vocabulary import load_vocabulary

TESTS_DIR = Path(__file__).resolve().parent / "extraction-data"
SEED = "000_5d16975f47f5a72c"
Key = tuple[str, str, str, bool]
StrictKey = tuple[str, str, str, bool, str]  # the key and the modality


@dataclass(frozen=True, slots=True)
class Score:
    """How one method did on one article; ``strict_*`` also require the same modality."""

    article: str
    curated: int
    proposed: int
    matched: int
    words: int
    words_per_second: float
    strict_curated: int = 0
    strict_proposed: int = 0
    strict_matched: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.proposed)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.curated)

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict_matched, self.strict_proposed)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict_matched, self.strict_curated)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def vocabulary() -> Vocabulary:
    """The product's vocabulary plus the entities only the test articles need."""
    base = load_vocabulary(paths.DATA_DIR / "vocabulary")
    extra = load_vocabulary(TESTS_DIR / "vocabulary")
    clash = set(base.entities) & set(extra.entities)
    if clash:
        raise SystemExit(f"bench vocabulary redefines {sorted(clash)}")
    return Vocabulary({**base.entities, **extra.entities}, base.facts + extra.facts)


def corpus(vocab: Vocabulary) -> list[tuple[Article, tuple[Statement, ...]]]:
    """The seed article and each test article, with their curated statements."""
    out = []
    for folder, names in ((paths.DATA_DIR, (SEED,)), (TESTS_DIR, None)):
        articles = load_articles(folder / "articles")
        for name in names or sorted(articles):
            path = folder / "statements" / f"{name}.yaml"
            statements = load_statement_file(path, vocab, articles).statements
            out.append((articles[name], statements))
    return out


def strict_key(claim: Claim, modality: Modality) -> StrictKey:
    return (claim.subject, claim.relation.value, claim.object, claim.negated, modality.value)


def loose(strict: set[StrictKey]) -> set[Key]:
    return {(subject, relation, obj, negated) for subject, relation, obj, negated, _ in strict}


def baseline_keys(extractor: Extractor, article: Article, extraction: Extraction) -> set[Key]:
    """Co-occurrence: each ordered pair of entities in a sentence, first admissible relation."""
    found = set()
    for sentence in extraction.sentences:
        mentions = extractor.mentions(article.text, sentence.start, sentence.end)
        for i, a in enumerate(mentions):
            for b in mentions[i + 1 :]:
                relation = next(
                    (r for r in Relation if a.type in SUBJECTS[r] and b.type in OBJECTS[r]), None
                )
                if relation is not None and a.entity != b.entity:
                    found.add((a.entity, relation.value, b.entity, False))
    return found


def words_per_second(extractor: Extractor, text: str, title: str | None, budget: float) -> float:
    """Words of ``text`` per second of the extractor, best of at least three runs."""
    timings: list[float] = []
    while sum(timings) < budget or len(timings) < 3:
        began = time.perf_counter()
        extractor.extract(text, title)
        timings.append(time.perf_counter() - began)
    return word_count(text) / min(timings)


def score_article(
    extractor: Extractor, article: Article, statements: tuple[Statement, ...], budget: float
) -> tuple[Score, Score]:
    """The rules' score and the baseline's on one article."""
    curated = {strict_key(s.claim, s.modality) for s in statements}
    extraction = extractor.extract(article.text, article.title)
    proposed = {strict_key(p.claim, p.modality) for p in extraction.proposals}
    speed = words_per_second(extractor, article.text, article.title, budget)
    loose_curated, loose_proposed = loose(curated), loose(proposed)
    rules = Score(
        article.id,
        len(loose_curated),
        len(loose_proposed),
        len(loose_curated & loose_proposed),
        extraction.words,
        speed,
        len(curated),
        len(proposed),
        len(curated & proposed),
    )
    guessed = baseline_keys(extractor, article, extraction)
    baseline = Score(
        article.id,
        len(loose_curated),
        len(guessed),
        len(loose_curated & guessed),
        extraction.words,
        0.0,
    )
    return rules, baseline


def evaluate(budget: float = 1.0) -> tuple[list[Score], list[Score], float, int]:
    """Scores of the rules and of the baseline per article, and long-text throughput."""
    vocab = vocabulary()
    extractor = Extractor(vocab)
    articles = corpus(vocab)
    scores = [score_article(extractor, a, statements, budget) for a, statements in articles]
    long_text = "\n\n".join([a.text for a, _ in articles] * 40)
    long_speed = words_per_second(extractor, long_text, None, budget)
    return [r for r, _ in scores], [b for _, b in scores], long_speed, word_count(long_text)


def main() -> int:
    rules, baseline, long_speed, long_words = evaluate()
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} {platform.system()}, "
        f"Python {platform.python_version()}"
    )
    print(
        "| article | curated | proposed | matched | precision | recall | P +modality "
        "| R +modality | baseline P | baseline R | words | words/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for score, base in zip(rules, baseline, strict=True):
        print(
            f"| {score.article} | {score.curated} | {score.proposed} | {score.matched} "
            f"| {score.precision:.2f} | {score.recall:.2f} | {score.strict_precision:.2f} "
            f"| {score.strict_recall:.2f} | {base.precision:.2f} | {base.recall:.2f} "
            f"| {score.words} | {score.words_per_second:,.0f} |"
        )
    tests = [s for s in rules if s.article != SEED]
    matched = sum(s.matched for s in tests)
    strict = sum(s.strict_matched for s in tests)
    print(
        f"\ntest articles together: precision {matched / sum(s.proposed for s in tests):.2f}, "
        f"recall {matched / sum(s.curated for s in tests):.2f}; with modality: precision "
        f"{strict / sum(s.strict_proposed for s in tests):.2f}, "
        f"recall {strict / sum(s.strict_curated for s in tests):.2f}"
    )
    print(f"long text ({long_words:,} words, all articles x40): {long_speed:,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
