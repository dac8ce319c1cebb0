"""Ingest: files written, drafts reviewed and built, claims merged across articles, bad input."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from builders import serialize
from builders.build import BuildOptions, build_graph, load_dataset
from builders.candidates import Candidate
from builders.errors import DataError
from builders.ingest import article as ingest_module
from builders.ingest.article import IngestOptions, ingest
from builders.ingest.drafts import render_draft, statement_entries
from builders.ingest.extract import Proposal
from builders.iris import HASH_LENGTH, Minter, text_hash
from builders.records import Claim, Modality, Provenance, Relation
from builders.statements import load_statement_file
from builders.yamlsource import load_yaml
from graph.cli import main
from graph.namespace import CG

RESOURCES = Path(__file__).parents[2] / "resources" / "ingest"
ARTICLE = RESOURCES / "kratom-receptor.txt"
SEED = "000_5d16975f47f5a72c"
MINT = Minter()
KRATOM_MOR_CLAIM = Claim("kratom", Relation.ACTS_ON, "mu-opioid-receptor")
KRATOM_MOR = MINT.claim(KRATOM_MOR_CLAIM)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def graph(data: Path, drafts: bool) -> Graph:
    return build_graph(BuildOptions(data_dir=data, include_drafts=drafts))


def statements_of(g: Graph, claim: URIRef) -> set[URIRef]:
    return {URIRef(str(s)) for s in g.subjects(CG.expresses, claim)}


def test_ingest_writes_the_article_and_a_draft_that_loads(data_copy: Path) -> None:
    result = ingest(ARTICLE, data_copy)
    name = f"001_{text_hash(ARTICLE.read_text(encoding='utf-8'))[:HASH_LENGTH]}"
    assert result.article_id == name and not result.already_present
    assert sorted(p.relative_to(data_copy).as_posix() for p in result.written) == [
        f"articles/{name}.txt",
        f"articles/{name}.yaml",
        f"statements/{name}.yaml",
    ]
    assert (data_copy / "articles" / f"{name}.txt").read_bytes() == ARTICLE.read_bytes()
    meta = load_yaml(data_copy / "articles" / f"{name}.yaml")
    assert (meta["title"], meta["published"]) == ("How Kratom Works in the Body", "2021-05-05")
    dataset = load_dataset(data_copy, include_drafts=True)
    draft = load_statement_file(
        data_copy / "statements" / f"{name}.yaml",
        dataset.vocabulary,
        {a.id: a for a in dataset.articles},
    )
    assert draft.status == "draft"
    assert [(s.claim, s.span.exact, s.modality) for s in draft.statements] == [
        (
            Claim("kratom", Relation.ACTS_ON, "mu-opioid-receptor"),
            "Kratom acts on the mu-opioid receptor",
            Modality.ASSERTED,
        ),
        (  # "readers ask whether kratom is safe": an open question asserts nothing
            Claim("kratom", Relation.HAS_PROPERTY, "safe"),
            "kratom is safe",
            Modality.SPECULATIVE,
        ),
    ]
    assert all(s.provenance is Provenance.RULE_EXTRACTED for s in draft.statements)
    assert all(s.confidence is not None and 0 < s.confidence <= 1 for s in draft.statements)


def test_drafts_enter_the_graph_only_when_asked_and_stay_marked(data_copy: Path) -> None:
    before = graph(data_copy, drafts=False)
    ingest(ARTICLE, data_copy)
    # nothing of an unreviewed article, not even its Article node, enters a plain build
    assert isomorphic(graph(data_copy, drafts=False), before)
    with_drafts = graph(data_copy, drafts=True)
    new = statements_of(with_drafts, KRATOM_MOR) - statements_of(before, KRATOM_MOR)
    [statement] = new
    assert (statement, CG.provenance, CG.ruleExtracted) in with_drafts
    assert with_drafts.value(statement, CG.confidence) is not None


def test_the_same_claim_from_two_articles_is_one_claim_with_two_statements(
    data_copy: Path,
) -> None:
    seed_only = graph(data_copy, drafts=False)
    [seed_verdict] = seed_only.objects(KRATOM_MOR, CG.verdict)
    ingest(ARTICLE, data_copy)
    merged = graph(data_copy, drafts=True)
    # the article's one new claim is its open question (kratom safe); kratom-MOR is shared
    kratom_safe = MINT.claim(Claim("kratom", Relation.HAS_PROPERTY, "safe"))
    assert set(merged.subjects(RDF.type, CG.Claim)) == {
        *seed_only.subjects(RDF.type, CG.Claim),
        kratom_safe,
    }
    statements = statements_of(merged, KRATOM_MOR)
    assert len(statements) == 2
    assert len({merged.value(s, CG.statedIn) for s in statements}) == 2
    assert list(merged.objects(KRATOM_MOR, CG.verdict)) == [seed_verdict]
    assert seed_verdict == CG.supported


def test_a_reviewed_draft_builds_without_drafts(data_copy: Path, tmp_path: Path) -> None:
    article = tmp_path / "council.txt"
    article.write_text(
        "Kratom Notes\n\nMay 1, 2020\n\nKratom acts on the mu-opioid receptor. "
        "The Botanical Trade Council says that kratom relieves pain.\n",
        encoding="utf-8",
    )
    result = ingest(article, data_copy)
    draft = data_copy / "statements" / f"{result.article_id}.yaml"
    text = draft.read_text(encoding="utf-8")
    assert "text: Botanical Trade Council" in text  # a name the vocabulary lacks
    draft.write_text(text.replace("status: draft", "status: reviewed"), encoding="utf-8")
    with pytest.raises(DataError, match="a reviewed file still lists vocabulary candidates"):
        load_dataset(data_copy)
    draft.write_text(
        text.split("candidates:")[0].replace("status: draft", "status: reviewed"),
        encoding="utf-8",
    )
    assert len(statements_of(graph(data_copy, drafts=False), KRATOM_MOR)) == 2


def test_ingesting_twice_adds_nothing(data_copy: Path) -> None:
    ingest(ARTICLE, data_copy)
    files = snapshot(data_copy)
    first = graph(data_copy, drafts=True)
    again = ingest(ARTICLE, data_copy)
    assert again.already_present and again.written == ()
    assert snapshot(data_copy) == files
    assert isomorphic(first, graph(data_copy, drafts=True))


def test_ingesting_a_curated_article_adds_nothing(data_copy: Path) -> None:
    files = snapshot(data_copy)
    result = ingest(data_copy / "articles" / f"{SEED}.txt", data_copy)
    assert (result.already_present, result.article_id) == (True, SEED)
    assert snapshot(data_copy) == files


def test_the_draft_is_byte_identical_across_processes(tmp_path: Path, data_copy: Path) -> None:
    """Two interpreters with different string hashing (set and dict order) write the same
    bytes; the seed article with its headline, lists and candidates gives them much to
    order."""
    article = tmp_path / "seed.txt"
    article.write_bytes((data_copy / "articles" / f"{SEED}.txt").read_bytes() + b"\nAnd more.\n")
    written = []
    for seed in ("0", "4242"):
        folder = tmp_path / f"data-{seed}"
        shutil.copytree(data_copy, folder)
        command = [sys.executable, "-m", "graph.cli", "ingest", str(article), "--data", str(folder)]
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(command, check=True, env=environment, capture_output=True, timeout=120)
        new = sorted(set(snapshot(folder)) - set(snapshot(data_copy)))
        written.append({name: (folder / name).read_bytes() for name in new})
    assert len(written[0]) == 3 and b"candidates:" in b"".join(written[0].values())
    assert written[0] == written[1]


def test_ingest_never_replaces_a_file(data_copy: Path) -> None:
    name = f"001_{text_hash(ARTICLE.read_text(encoding='utf-8'))[:HASH_LENGTH]}"
    reviewed = data_copy / "statements" / f"{name}.yaml"
    reviewed.write_text("article: somebody-else\nstatus: reviewed\n", encoding="utf-8")
    files = snapshot(data_copy)
    with pytest.raises(DataError, match="never overwritten"):
        ingest(ARTICLE, data_copy)
    assert snapshot(data_copy) == files


def test_metadata_from_html_and_from_options(data_copy: Path, tmp_path: Path) -> None:
    result = ingest(RESOURCES / "page.html", data_copy)
    meta = load_yaml(data_copy / "articles" / f"{result.article_id}.yaml")
    assert dict(meta) == {
        "title": "Kratom Facts",
        "published": "2021-07-09",
        "url": "https://blog.example.org/kratom-facts",
        "publisher": "Example Health Blog",
    }
    undated = tmp_path / "undated.md"
    undated.write_text("Opioids relieve pain.\n", encoding="utf-8")
    with pytest.raises(DataError, match="no publication date"):
        ingest(undated, data_copy)
    options = IngestOptions(title='A "title": #1', published=dt.date(2024, 2, 29))
    result = ingest(undated, data_copy, options)
    meta = load_yaml(data_copy / "articles" / f"{result.article_id}.yaml")
    assert (meta["title"], meta["published"]) == ('A "title": #1', "2024-02-29")
    with pytest.raises(DataError, match="is not an http"):
        ingest(undated, data_copy, IngestOptions(url="javascript:alert(1)"))


@pytest.mark.parametrize("joint", ["Drug\nAdministration", "Drug  Administration"])
def test_a_name_written_across_lines_is_a_candidate_as_written(
    data_copy: Path, tmp_path: Path, joint: str
) -> None:
    article = tmp_path / "wrapped.txt"
    article.write_text(
        f"Title here\n\nMay 1, 2020\n\nThe Food and {joint} warns that kratom relieves pain.\n",
        encoding="utf-8",
    )
    result = ingest(article, data_copy)
    draft = load_yaml(data_copy / "statements" / f"{result.article_id}.yaml")
    [candidate] = draft["candidates"]
    assert (candidate["text"], candidate["occurrences"], candidate["type"]) == (
        f"Food and {joint}",
        1,
        "Organization",
    )
    assert candidate["suggestions"][0] == "food-and-drug-administration"  # the closest name
    load_dataset(data_copy, include_drafts=True)


def test_a_draft_that_does_not_load_is_an_internal_error_naming_the_target(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def wrong(*_: object) -> tuple[Candidate, ...]:
        return (Candidate("Not in the article", 1),)

    monkeypatch.setattr(ingest_module, "find_candidates", wrong)
    files = snapshot(data_copy)
    with pytest.raises(DataError) as caught:
        ingest(ARTICLE, data_copy)
    name = f"001_{text_hash(ARTICLE.read_text(encoding='utf-8'))[:HASH_LENGTH]}"
    assert caught.value.where.path == data_copy / "statements" / f"{name}.yaml"
    assert caught.value.where.field == "candidates[0].text"
    assert "internal error" in caught.value.problem and "report" in caught.value.fix
    assert snapshot(data_copy) == files


def test_the_article_text_is_written_last_and_an_interrupted_ingest_can_be_completed(
    data_copy: Path,
) -> None:
    """The process dies (os._exit) just before it links the article's text into place."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from builders.ingest.article import ingest\n"
        "real = os.link\n"
        "def link(source, target):\n"
        "    if str(target).endswith('.txt'):\n"
        "        os._exit(9)\n"
        "    real(source, target)\n"
        "os.link = link\n"
        "ingest(Path(sys.argv[1]), Path(sys.argv[2]))\n"
    )
    command = [sys.executable, "-c", script, str(ARTICLE), str(data_copy)]
    assert subprocess.run(command, timeout=120).returncode == 9
    name = f"001_{text_hash(ARTICLE.read_text(encoding='utf-8'))[:HASH_LENGTH]}"
    left = sorted(p.relative_to(data_copy).as_posix() for p in data_copy.rglob(f"{name}*"))
    assert left == [f"articles/{name}.yaml", f"statements/{name}.yaml"]
    result = ingest(ARTICLE, data_copy)  # again: completes the article, replaces nothing
    assert result.article_id == name and not result.already_present
    assert (data_copy / "articles" / f"{name}.txt").read_bytes() == ARTICLE.read_bytes()
    assert len(statements_of(graph(data_copy, drafts=True), KRATOM_MOR)) == 2


def test_a_file_that_appears_while_ingesting_is_not_replaced(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"001_{text_hash(ARTICLE.read_text(encoding='utf-8'))[:HASH_LENGTH]}"
    theirs = data_copy / "articles" / f"{name}.yaml"
    real_publish = serialize.publish_new

    def racing(contents: dict[Path, bytes]) -> None:
        theirs.write_text("title: written by another process\n", encoding="utf-8")
        real_publish(contents)

    monkeypatch.setattr(ingest_module, "publish_new", racing)
    files = snapshot(data_copy)
    with pytest.raises(DataError) as caught:
        ingest(ARTICLE, data_copy)
    assert caught.value.where.path == theirs and "never overwritten" in caught.value.problem
    assert theirs.read_text(encoding="utf-8") == "title: written by another process\n"
    assert snapshot(data_copy) == {**files, f"articles/{name}.yaml": theirs.read_bytes()}


def test_article_text_cannot_break_the_yaml(data_copy: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "status: reviewed\n\n---\n\nMay 1, 2020\n\n"
        "'Kratom' acts on the mu-opioid receptor: #not a comment\u2028. "
        '"Kratom" & opioids: {a: b} [1, 2] *alias acts on the mu-opioid receptor.\n',
        encoding="utf-8",
    )
    result = ingest(hostile, data_copy)
    assert result.statement_count >= 1
    load_dataset(data_copy, include_drafts=True)  # every quote anchors in the article


def test_a_hostile_quote_round_trips_through_the_draft(data_copy: Path, tmp_path: Path) -> None:
    """YAML syntax, tabs and Unicode line separators in a quote come back exactly."""
    quote = "Kratom acts on\t#1: !!python/object\x85 &x *x |\u2028 the mu-opioid receptor"
    text = f"Hostile\n\nMay 1, 2020\n\n{quote}.\n"
    article_path = data_copy / "articles" / "001_hostile.txt"
    article_path.write_text(text, encoding="utf-8")
    (data_copy / "articles" / "001_hostile.yaml").write_text(
        "title: Hostile\npublished: 2020-05-01\n", encoding="utf-8"
    )
    start = text.index(quote)
    proposal = Proposal(KRATOM_MOR_CLAIM, start, start + len(quote), Modality.ASSERTED, 0.8)
    entries = statement_entries(text, (proposal,))
    draft_path = data_copy / "statements" / "001_hostile.yaml"
    draft_path.write_bytes(render_draft("001_hostile", entries, ()))
    dataset = load_dataset(data_copy, include_drafts=True)
    draft = load_statement_file(draft_path, dataset.vocabulary, {a.id: a for a in dataset.articles})
    assert [(s.span.exact, s.span.start, s.span.end) for s in draft.statements] == [
        (quote, start, start + len(quote))
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("binary.txt", b"\x00\x01\x02kratom"),
        ("empty.txt", b""),
        ("latin1.txt", "Caf\u00e9 kratom acts on opioids".encode("latin-1")),
        ("no-body.html", (RESOURCES / "no-body.html").read_bytes()),
        ("huge.txt", None),
    ],
)
def test_bad_input_fails_cleanly_and_changes_nothing(
    data_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
) -> None:
    path = tmp_path / name
    if content is None:
        with path.open("wb") as stream:
            stream.truncate(50 * 1024 * 1024)
    else:
        path.write_bytes(content)
    files = snapshot(data_copy)
    assert main(["ingest", str(path), "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"claimgraph: {path}") and "how to fix:" in err
    assert snapshot(data_copy) == files


def test_cli_reports_what_it_wrote(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(data_copy)
    assert main(["ingest", str(ARTICLE), "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out
    reported = [Path(line.removeprefix("wrote ")) for line in out.splitlines() if "wrote " in line]
    new = {name: content for name, content in snapshot(data_copy).items() if name not in before}
    assert sorted(p.relative_to(data_copy).as_posix() for p in reported) == sorted(new)
    name = reported[0].stem
    assert new[f"articles/{name}.txt"] == ARTICLE.read_bytes()
    draft = load_yaml(data_copy / "statements" / f"{name}.yaml")
    assert draft["status"] == "draft" and len(draft["statements"]) == 2
    assert f"draft: {len(draft['statements'])} statements" in out
    assert main(["ingest", str(ARTICLE), "--data", str(data_copy)]) == 0
    assert f"already there as {name}; nothing written" in capsys.readouterr().out
    assert snapshot(data_copy).keys() == new.keys() | before.keys()


def test_a_sentence_too_long_to_read_is_noted_in_the_draft(data_copy: Path, tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    run_on = "kratom relieves pain and opium acts on the mu-opioid receptor, " * 40
    article.write_text(
        f"Title\n\nMay 1, 2020\n\n{run_on}\n\nKratom acts on the mu-opioid receptor.\n",
        encoding="utf-8",
    )
    result = ingest(article, data_copy)
    draft = (data_copy / "statements" / f"{result.article_id}.yaml").read_text(encoding="utf-8")
    assert result.skipped_sentences == 1 and result.statement_count == 1
    assert "# NOTE: the rules did not read 1 sentence(s) longer than 2,000 characters (line 5)" in (
        draft
    )
