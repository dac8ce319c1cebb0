"""Quality and speed of the extractor against gold statements.

    python -m bench.extraction                 # the development sets and the seed article
    python -m bench.extraction --heldout       # the held-out set: score it ONCE, at the end

Gold sets (``SPLIT.md``):
- ``bench/extraction-data/dev/``: the development half of the first ten articles;
- ``dev-2/``: their first held-out half, scored once (commit 68bb791) and then retired to
  development, so its figures since are development figures;
- ``dev-3/``: a second held-out set (once ``heldout-2/``), scored once (commit e2dcf8b) and
  then retired to development like ``dev-2/``;
- ``dev-4/``: the third held-out set (once ``heldout-3/``), scored once (commit 575bd74)
  and then retired to development;
- ``dev-5/``: the fourth held-out set (once ``heldout-4/``), scored once (commit 1dbac1e)
  and then retired to development;
- ``dev-6/``: the fifth held-out set (once ``heldout-5/``), scored once (commit 47d52ef)
  and then retired to development;
- ``heldout-6/``: the sixth held-out set, written by someone who did not read the rules;
  not yet scored.
  Each ``NAME.gold.yaml`` names entities as a reader does
  ("kratom", "mu-opioid receptor", "FDA"); a proposed entity matches a gold name when the
  name is one of the entity's labels or synonyms (plural and hyphen forms included) or its id.
- the seed article (``data/statements/``, curated with entity ids), a development text.

Scores (per article, and pooled over a set): strict precision and recall over distinct
(subject, relation, object, negated) keys; the same also requiring the modality, and also
requiring the attribution (the set of credited sources); polarity inversions (a proposed
key whose negation is the opposite of a gold key with the same subject, relation and
object, and which is not itself gold); and words per second of the extractor alone (the
pipeline loaded once, one process, best of several runs). A co-occurrence baseline in the
same run proposes, for each ordered pair of entities in a sentence, the first relation
whose domain and range accept them.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builders import paths
from builders.articles import load_articles
from builders.ingest.article import extractor_for, known_entities
from builders.ingest.extract import Extraction, Extractor
from builders.ingest.lexicon import Lexicon, spellings
from builders.ingest.rules import class_name
from builders.records import Relation
from builders.statements import load_statement_file
from builders.vocabulary import load_vocabulary
from builders.yamlsource import load_yaml

DATA = Path(__file__).resolve().parent / "extraction-data"
HELD_OUT = "heldout-6"
SEED = "000_5d16975f47f5a72c"
Key = tuple[str, str, str, bool]


@dataclass(frozen=True, slots=True)
class GoldStatement:
    """One gold statement, its entities as names or ids."""

    subject: str
    relation: str
    object: str
    negated: bool
    modality: str
    attributed_to: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    title: str
    text: str
    statements: tuple[GoldStatement, ...]


@dataclass(frozen=True, slots=True)
class Score:
    """How one method did on one article (or a pooled set)."""

    article: str
    gold: int
    proposed: int
    matched: int
    matched_modality: int
    matched_attribution: int
    inversions: int
    words: int
    seconds: float

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.proposed)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def modality_precision(self) -> float:
        return _ratio(self.matched_modality, self.proposed)

    @property
    def modality_recall(self) -> float:
        return _ratio(self.matched_modality, self.gold)

    @property
    def attribution_precision(self) -> float:
        return _ratio(self.matched_attribution, self.proposed)

    @property
    def attribution_recall(self) -> float:
        return _ratio(self.matched_attribution, self.gold)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def pooled(name: str, scores: Iterable[Score]) -> Score:
    items = list(scores)
    return Score(
        article=name,
        gold=sum(s.gold for s in items),
        proposed=sum(s.proposed for s in items),
        matched=sum(s.matched for s in items),
        matched_modality=sum(s.matched_modality for s in items),
        matched_attribution=sum(s.matched_attribution for s in items),
        inversions=sum(s.inversions for s in items),
        words=sum(s.words for s in items),
        seconds=sum(s.seconds for s in items),
    )


def read_gold(folder: Path) -> list[GoldArticle]:
    """The gold articles of one set (``dev``, ``dev-2`` to ``dev-6`` or ``heldout-6``)."""
    out = []
    for gold_path in sorted(folder.glob("*.gold.yaml")):
        name = gold_path.name.removesuffix(".gold.yaml")
        meta: dict[str, Any] = load_yaml(folder / f"{name}.yaml")
        gold: dict[str, Any] = load_yaml(gold_path)
        statements = tuple(
            GoldStatement(
                str(s["subject"]),
                str(s["relation"]),
                str(s["object"]),
                bool(s.get("negated", False)),
                str(s.get("modality", "asserted")),
                frozenset(str(a) for a in s.get("attributed_to") or ()),
            )
            for s in gold["statements"]
        )
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        out.append(GoldArticle(name, str(meta["title"]), text, statements))
    return out


def seed_gold() -> GoldArticle:
    """The seed article's curated statements, as gold (entities by id)."""
    vocabulary = load_vocabulary(paths.DATA_DIR / "vocabulary")
    articles = load_articles(paths.DATA_DIR / "articles")
    loaded = load_statement_file(
        paths.DATA_DIR / "statements" / f"{SEED}.yaml", vocabulary, articles
    )
    statements = tuple(
        GoldStatement(
            s.claim.subject,
            s.claim.relation.value,
            s.claim.object,
            s.claim.negated,
            s.modality.value,
            frozenset(s.attributed_to),
        )
        for s in loaded.statements
    )
    article = articles[SEED]
    return GoldArticle(SEED, article.title, article.text, statements)


class Names:
    """Matches gold names to entity ids through the lexicon's labels and synonyms."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.ids: dict[str, set[str]] = {}
        for entity in lexicon.known:
            self._add(entity, entity)
        for name in lexicon.names:
            self._add(name.text, name.entity)

    def _add(self, text: str, entity: str) -> None:
        for spelling in spellings(text):
            self.ids.setdefault(_normal(spelling), set()).add(entity)

    def entities(self, name: str) -> set[str]:
        return self.ids.get(_normal(name), set()) | {name}


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def score(extractor: Extractor, names: Names, article: GoldArticle, runs: int = 3) -> Score:
    extraction = extractor.extract(article.text, article.title)
    seconds = min(_time(extractor, article) for _ in range(runs))
    proposed = {
        (
            (p.claim.subject, p.claim.relation.value, p.claim.object, p.claim.negated),
            p.modality.value,
            frozenset(p.attributed_to),
        )
        for p in extraction.proposals
    }
    return _compare(article, names, proposed, extraction.words, seconds)


def _time(extractor: Extractor, article: GoldArticle) -> float:
    began = time.perf_counter()
    extractor.extract(article.text, article.title)
    return time.perf_counter() - began


def _compare(
    article: GoldArticle,
    names: Names,
    proposed: set[tuple[Key, str, frozenset[str]]],
    words: int,
    seconds: float,
) -> Score:
    keys = {key for key, _, _ in proposed}
    matched = matched_modality = matched_attribution = 0
    used: set[Key] = set()
    golds = {(g.subject, g.relation, g.object, g.negated): g for g in article.statements}
    for gold in golds.values():
        hit = next((k for k in keys - used if _same(names, gold, k)), None)
        if hit is None:
            continue
        used.add(hit)
        matched += 1
        extras = [(m, a) for k, m, a in proposed if k == hit]
        if any(m == gold.modality for m, _ in extras):
            matched_modality += 1
            if any(
                m == gold.modality and _same_sources(names, gold.attributed_to, a)
                for m, a in extras
            ):
                matched_attribution += 1
    inversions = sum(
        1
        for k in keys - used
        if any(_same(names, g, (k[0], k[1], k[2], not k[3])) for g in golds.values())
    )
    return Score(
        article.name,
        len(golds),
        len(keys),
        matched,
        matched_modality,
        matched_attribution,
        inversions,
        words,
        seconds,
    )


def _same(names: Names, gold: GoldStatement, key: Key) -> bool:
    subject, relation, obj, negated = key
    return (
        gold.relation == relation
        and gold.negated == negated
        and subject in names.entities(gold.subject)
        and obj in names.entities(gold.object)
    )


def _same_sources(names: Names, gold: frozenset[str], proposed: frozenset[str]) -> bool:
    if len(gold) != len(proposed):
        return False
    return all(any(p in names.entities(g) for p in proposed) for g in gold)


def baseline(extraction: Extraction, extractor: Extractor) -> set[tuple[Key, str, frozenset[str]]]:
    """Co-occurrence: each ordered pair of entities in a sentence, first admissible relation."""
    known = extractor.lexicon.known
    found: set[tuple[Key, str, frozenset[str]]] = set()
    for sentence in extraction.sentences:
        inside = [m for m in extraction.mentions if sentence.start <= m.start < sentence.end]
        for i, a in enumerate(inside):
            for b in inside[i + 1 :]:
                ka, kb = known[a.entity], known[b.entity]
                relation = next(
                    (
                        r
                        for r in Relation
                        if extractor.signatures[r].accepts(
                            class_name(ka.type, ka.kind), class_name(kb.type, kb.kind)
                        )
                    ),
                    None,
                )
                if relation is not None and a.entity != b.entity:
                    found.add(
                        ((a.entity, relation.value, b.entity, False), "asserted", frozenset())
                    )
    return found


def evaluate(
    sets: list[tuple[str, list[GoldArticle]]], runs: int = 3
) -> list[tuple[str, list[Score], list[Score]]]:
    """Per set: the extractor's and the baseline's score on each article."""
    extractor = extractor_for(known_entities(paths.DATA_DIR))
    names = Names(extractor.lexicon)
    out = []
    for set_name, articles in sets:
        ours, theirs = [], []
        for article in articles:
            ours.append(score(extractor, names, article, runs))
            extraction = extractor.extract(article.text, article.title)
            theirs.append(
                _compare(article, names, baseline(extraction, extractor), extraction.words, 0.0)
            )
        out.append((set_name, ours, theirs))
    return out


def table(set_name: str, ours: list[Score], theirs: list[Score]) -> str:
    lines = [
        f"### {set_name}",
        "",
        "| article | gold | proposed | matched | P | R | P +mod | R +mod | P +attr | R +attr "
        "| inversions | baseline P | baseline R | words | words/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [*zip(ours, theirs, strict=True), (pooled("all", ours), pooled("all", theirs))]
    for s, b in rows:
        lines.append(
            f"| {s.article} | {s.gold} | {s.proposed} | {s.matched} | {s.precision:.2f} "
            f"| {s.recall:.2f} | {s.modality_precision:.2f} | {s.modality_recall:.2f} "
            f"| {s.attribution_precision:.2f} | {s.attribution_recall:.2f} | {s.inversions} "
            f"| {b.precision:.2f} | {b.recall:.2f} | {s.words} | {s.words_per_second:,.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="score the held-out set (once, at the end; record it in bench/RESULTS.md)",
    )
    args = parser.parse_args(argv)
    if args.heldout and not any((DATA / HELD_OUT).glob("*.gold.yaml")):
        print(
            f"error: no held-out set in {DATA / HELD_OUT}: it has not been written yet "
            "(see SPLIT.md); nothing was scored",
            file=sys.stderr,
        )
        return 2
    sets = (
        [(f"held-out set ({HELD_OUT})", read_gold(DATA / HELD_OUT))]
        if args.heldout
        else [
            ("development half (dev)", read_gold(DATA / "dev")),
            ("first held-out half, retired to development (dev-2)", read_gold(DATA / "dev-2")),
            ("second held-out set, retired to development (dev-3)", read_gold(DATA / "dev-3")),
            ("third held-out set, retired to development (dev-4)", read_gold(DATA / "dev-4")),
            ("fourth held-out set, retired to development (dev-5)", read_gold(DATA / "dev-5")),
            ("fifth held-out set, retired to development (dev-6)", read_gold(DATA / "dev-6")),
            ("seed article", [seed_gold()]),
        ]
    )
    print(f"machine: {platform.machine()} {platform.system()}, Python {platform.python_version()}")
    for set_name, ours, theirs in evaluate(sets):
        print(table(set_name, ours, theirs) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
