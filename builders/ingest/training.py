"""Train the shipped parser model from UD English-EWT (``make model``), and measure it.

    python -m builders.ingest.training --treebank GIT_DIR [--out-dir DIR] [--steps N]

``GIT_DIR`` is a git directory of https://github.com/UniversalDependencies/UD_English-EWT
(the project's snapshot came from the search tool's ``fetch``; any clone works). Its
training file is over 4 MB and may be missing from a snapshot, so it is rebuilt, as the
treebank's own tools do, by joining the per-document files under
``not-to-release/sources/`` in the order of ``not-to-release/file-lists/files.train``
(the same join rebuilds the released dev and test files byte for byte). The three splits
are converted with ``spacy convert``, the pipeline (tok2vec, morphologizer, parser,
trainable lemmatizer; ``builders/ingest/model/config.cfg``) is trained with ``spacy
train`` from a fixed seed, and the best model on the dev split is evaluated on the test
split, with predicted and with gold tokenization, punctuation included in the latter.
The figures go to ``DIR/../metrics.json``; bench/RESULTS.md quotes them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example

MODEL_DIR = Path(__file__).resolve().parent / "model"
CONFIG = MODEL_DIR / "config.cfg"
SPLITS = ("train", "dev", "test")


def git_show(git_dir: Path, path: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
    ).stdout


def rebuild_split(git_dir: Path, split: str) -> bytes:
    """A split's CoNLL-U, joined from the per-document sources in the file list's order."""
    listing = git_show(git_dir, f"not-to-release/file-lists/files.{split}").decode()
    return b"".join(git_show(git_dir, f"not-to-release/sources/{name}") for name in listing.split())


def treebank_version(git_dir: Path) -> dict[str, str]:
    commit = subprocess.run(
        ["git", "--git-dir", str(git_dir), "log", "-1", "--format=%H %cs"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return {"commit": commit[0], "date": commit[1]}


def convert(conllu_dir: Path, corpus_dir: Path) -> None:
    for split in SPLITS:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "spacy",
                "convert",
                str(conllu_dir / f"en_ewt-ud-{split}.conllu"),
                str(corpus_dir),
                "--converter",
                "conllu",
                "--n-sents",
                "10",
                "--merge-subtokens",
            ],
            check=True,
        )


def train(corpus_dir: Path, run_dir: Path, steps: int) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            str(CONFIG),
            "--output",
            str(run_dir),
            "--paths.train",
            str(corpus_dir / "en_ewt-ud-train.spacy"),
            "--paths.dev",
            str(corpus_dir / "en_ewt-ud-dev.spacy"),
            "--training.max_steps",
            str(steps),
        ],
        check=True,
    )
    return run_dir / "model-best"


def gold_tokenization_scores(model: Path, test: Path) -> dict[str, float]:
    """UAS and LAS over every token, punctuation included, when the parser is given the
    treebank's own words and sentences."""
    nlp = spacy.load(model)
    heads = labels = total = 0
    for gold in DocBin().from_disk(test).get_docs(nlp.vocab):
        for sentence in gold.sents:
            words = [t.text for t in sentence]
            starts: list[bool | int | None] = [i == 0 for i in range(len(words))]
            doc = Doc(nlp.vocab, words=words, sent_starts=starts)
            for _, component in nlp.pipeline:
                doc = component(doc)
            for predicted, expected in zip(doc, sentence, strict=True):
                same_head = predicted.head.i == expected.head.i - sentence.start
                heads += same_head
                labels += same_head and predicted.dep_ == expected.dep_
                total += 1
    return {"uas_all_tokens": heads / total, "las_all_tokens": labels / total, "tokens": total}


def evaluate(model: Path, test: Path) -> dict[str, Any]:
    nlp = spacy.load(model)
    examples = []
    for gold in DocBin().from_disk(test).get_docs(nlp.vocab):
        examples.append(Example(nlp.make_doc(gold.text), gold))
    scores = nlp.evaluate(examples)
    keep = ("pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f", "speed")
    return {k: scores[k] for k in keep} | gold_tokenization_scores(model, test)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="train the parser model from UD English-EWT")
    parser.add_argument("--treebank", type=Path, required=True, help="UD_English-EWT git dir")
    parser.add_argument("--out", type=Path, default=MODEL_DIR / "en_ewt_parser")
    parser.add_argument("--steps", type=int, default=14_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        conllu, corpus = work / "conllu", work / "corpus"
        conllu.mkdir()
        corpus.mkdir()
        for split in SPLITS:
            (conllu / f"en_ewt-ud-{split}.conllu").write_bytes(rebuild_split(args.treebank, split))
        convert(conllu, corpus)
        best = train(corpus, work / "run", args.steps)
        metrics = evaluate(best, corpus / "en_ewt-ud-test.spacy")
        if args.out_dir.exists():
            shutil.rmtree(args.out_dir)
        shutil.copytree(best, args.out_dir)
    metrics["treebank"] = treebank_version(args.treebank) | {"name": "UD_English-EWT"}
    metrics["steps"] = args.steps
    (args.out_dir.parent / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print(json.dumps(metrics, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
