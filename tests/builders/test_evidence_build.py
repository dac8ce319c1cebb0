"""Evidence input errors name file, line and field; verdicts follow the data, not a cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders.build import load_dataset
from graph import api
from graph.cli import main
from graph.store.memory import load_store
from tests.builders.test_build_errors import line_of, replace_once

CAMPBELL_LINE = (
    "  - study: campbell-2018\n"
    "    claim: {subject: medical-marijuana, relation: reducesUseOf, object: opioids, "
    "qualifiers: {population: chronic-pain, degree: dramatically}}\n"
    "    direction: disputes\n"
    "    strength: weak"
)
CHRONIC_PAIN = (
    "medical marijuana reduces use of opioids (degree: dramatically; population: chronic pain)"
)


def verdict_in_graph(out: Path, label: str) -> str:
    answer = api.ask(load_store(out / "claims.nt"), "claim-verdicts")
    return next(r["verdict"] for r in answer.records() if r["claimLabel"] == label)


def test_flipping_one_evidence_line_changes_the_verdict(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_copy), "--out-dir", str(out)]) == 0
    assert verdict_in_graph(out, CHRONIC_PAIN) == "insufficient evidence"
    lines = data_copy / "evidence" / "lines.yaml"
    text = lines.read_text(encoding="utf-8")
    assert text.count(CAMPBELL_LINE) == 1
    graded_up = CAMPBELL_LINE.replace("strength: weak", "strength: moderate")
    lines.write_text(text.replace(CAMPBELL_LINE, graded_up), encoding="utf-8")
    assert main(["build", "--data", str(data_copy), "--out-dir", str(out)]) == 0
    assert verdict_in_graph(out, CHRONIC_PAIN) == "disputed"
    flipped = graded_up.replace("direction: disputes", "direction: supports")
    lines.write_text(text.replace(CAMPBELL_LINE, flipped), encoding="utf-8")
    assert main(["build", "--data", str(data_copy), "--out-dir", str(out)]) == 0
    assert verdict_in_graph(out, CHRONIC_PAIN) == "supported"
    rows = {row.claim: row.verdict for row in api.verdicts(data_copy)}
    assert rows[CHRONIC_PAIN] == "supported"


def test_build_as_of_adds_dated_assessments(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["build", "--data", str(data_copy), "--out-dir", str(out), "--as-of", "2018-01-01"]
    assert main(args) == 0
    store = load_store(out / "claims.nt")
    answer = api.ask(
        store,
        """SELECT ?wanted ?verdict WHERE {
             ?claim rdfs:label ?label .
             ?a schema:itemReviewed ?claim ; cg:asOf "2018-01-01"^^xsd:date ;
                cg:verdict/rdfs:label ?verdict .
             FILTER(STR(?label) = ?wanted)
           }""",
        wanted=CHRONIC_PAIN,
    )
    assert answer.column("verdict") == ["insufficient evidence"]


def test_verdicts_command_prints_each_claim(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verdicts", "--as-of", "2020-02-21"]) == 0
    lines = capsys.readouterr().out.splitlines()
    mimics = next(line for line in lines if line.startswith("kratom mimics opioids"))
    assert "supported" in mimics  # Kruegel 2016 already showed it by the article's date
    legal = next(line for line in lines if line.startswith("kratom legal in the world "))
    assert "contested" in legal and "rule L2: partly true" in legal
    assert "Alabama" in legal and "Wisconsin" in legal and "Thailand" in legal
    assert main(["verdicts"]) == 0
    today = capsys.readouterr().out.splitlines()
    legal_now = next(line for line in today if line.startswith("kratom legal in the world "))
    assert "contested" in legal_now and "Thailand" not in legal_now  # de-listed in 2021
    with pytest.raises(SystemExit) as exit_info:
        main(["verdicts", "--as-of", "21/02/2020"])
    assert exit_info.value.code == 2
    assert "is not a date; write YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "message"),
    [
        (
            "lines.yaml",
            "  - study: campbell-2018",
            "  - study: campbell-2019",
            "lines[2].study",
            "unknown study 'campbell-2019'",
        ),
        (
            "lines.yaml",
            "{subject: kratom, relation: actsOn, object: mu-opioid-receptor}",
            "{subject: kratom, relation: actsOn, object: opioids}",
            "claim",
            "no statement expresses this claim",
        ),
        (
            "lines.yaml",
            "direction: qualifies",
            "direction: refutes",
            "direction",
            "'refutes' is not an allowed value",
        ),
        (
            "studies.yaml",
            "curie: doi:10.1021/jacs.6b00360",
            "curie: doi:jacs.6b00360",
            "curie",
            "'jacs.6b00360' is not a well-formed doi identifier",
        ),
        (
            "studies.yaml",
            "curie: pubmed:24698080",
            "curie: pmid:24698080",
            "curie",
            "does not start with a known scheme",
        ),
        (
            "studies.yaml",
            "published: 2016-06",
            "published: 2016-13",
            "published",
            "'2016-13' is not a valid date",
        ),
        (
            "studies.yaml",
            "design: ecologicalStudy",
            "design: ecological",
            "design",
            "'ecological' is not an allowed value",
        ),
        (
            "attributions.yaml",
            "authority: journal-of-pain",
            "authority: united-states",
            "authority",
            "'united-states' is of type Jurisdiction, not Organization",
        ),
        (
            "studies.yaml",
            "curie: doi:10.1021/jacs.6b00360",
            "curie: doi:10.1073/PNAS.1903434116",
            "curie",
            "is already the identifier of the study at",
        ),
        (
            "studies.yaml",
            "checked_at: https://pmc.ncbi.nlm.nih.gov/articles/PMC5037576",
            "checked_at: web",
            "checked_at",
            "'web' is too short to say where the identifier was checked",
        ),
        (
            "studies.yaml",
            "checked_at: https://pmc.ncbi.nlm.nih.gov/articles/PMC5037576",
            "checked_at: facts.md (Evidence table, Hasin row)",
            "checked_at",
            "'facts.md' is the project's own list of facts, not a public page",
        ),
        (
            "lines.yaml",
            "    grading: Retrospective self-report survey",
            "    gradin: Retrospective self-report survey",
            "gradin",
            "unknown field 'gradin'",
        ),
        (
            "laws.yaml",
            "    effective: 2016-05-10",
            "    effective: 10 May 2016",
            "effective",
            "'10 May 2016' is not a valid date",
        ),
        (
            "laws.yaml",
            "    jurisdiction: alabama",
            "    jurisdiction: kratom",
            "jurisdiction",
            "'kratom' is of type Substance, not Jurisdiction",
        ),
        (
            "laws.yaml",
            "    status: prohibits",
            "    status: banned",
            "status",
            "'banned' is not an allowed value",
        ),
        (
            "laws.yaml",
            "    ends: 2021-08-24",
            "    ends: 1975-01-01",
            "ends",
            "is not after the effective date",
        ),
        (
            "attributions.yaml",
            "study: boehnke-2016",
            "study: boehnke-2061",
            "study",
            "unknown study 'boehnke-2061'",
        ),
    ],
)
def test_bad_evidence_fails_with_place_and_fix(
    data_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    field: str,
    message: str,
) -> None:
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_copy), "--out-dir", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    path = data_copy / "evidence" / file
    line = replace_once(path, old, new)
    assert main(["build", "--data", str(data_copy), "--out-dir", str(out)]) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    err = capsys.readouterr().err
    assert f"{path}:{line}: field '" in err
    assert field in err.split("\n")[0]
    assert message in err
    assert "how to fix:" in err


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        (
            "{subject: kratom, relation: actsOn, object: mu-opioid-receptor}",
            "marked not assessable but has an evidence line",
        ),
        (
            "{subject: opiates, relation: derivedFrom, object: opium}",
            "this claim is already marked not assessable at",
        ),
    ],
)
def test_conflicting_not_assessable_marks_are_errors(
    data_copy: Path, capsys: pytest.CaptureFixture[str], claim: str, message: str
) -> None:
    path = data_copy / "evidence" / "lines.yaml"
    text = path.read_text(encoding="utf-8")
    added = f"  - claim: {claim}\n    reason: evaluative\n    explanation: Marked again.\n"
    path.write_text(text + added, encoding="utf-8")
    assert main(["build", "--data", str(data_copy), "--out-dir", str(data_copy / "out")]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert f"{path}:{line_of(path, 'explanation: Marked again.') - 2}:" in err


def test_evidence_about_a_draft_article_waits_for_its_review(
    data_copy: Path, tmp_path: Path
) -> None:
    statements = data_copy / "statements" / "000_5d16975f47f5a72c.yaml"
    replace_once(statements, "status: reviewed", "status: draft")
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_copy), "--out-dir", str(out)]) == 0
    store = load_store(out / "claims.nt")
    assert api.ask(store, "claim-verdicts").rows == ()
    assert api.ask(store, "studies").rows != ()  # the studies themselves stay
    assert main(["build", "--data", str(data_copy), "--out-dir", str(out), "--include-drafts"]) == 0
    included = {s.claim for s in load_dataset(data_copy, include_drafts=True).statements}
    assert len(api.ask(load_store(out / "claims.nt"), "claim-verdicts").rows) == len(included)


def test_build_as_of_applies_to_laws(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["build", "--data", str(data_copy), "--out-dir", str(out), "--as-of", "2016-01-01"]
    assert main(args) == 0
    answer = api.ask(
        load_store(out / "claims.nt"),
        """SELECT ?wanted ?cutoff ?law ?verdict WHERE {
             ?claim rdfs:label ?label .
             ?a schema:itemReviewed ?claim ; cg:verdict/rdfs:label ?verdict .
             OPTIONAL { ?a cg:asOf ?date }
             BIND(COALESCE(STR(?date), "now") AS ?cutoff)
             OPTIONAL { ?a cg:countsLaw/dcterms:identifier ?law }
             FILTER(STR(?label) = ?wanted)
           }""",
        wanted="kratom legal in the world",
    )
    laws: dict[str, set[str]] = {}
    for row in answer.records():
        laws.setdefault(row["cutoff"], set()).add(row["law"])
        assert row["verdict"] == "contested"
    # Alabama's ban (May 2016) and the DEA's withdrawal (October 2016) came after the cut-off
    assert laws["2016-01-01"] == {"wisconsin-act-2013-351", "thailand-narcotics-act-1979"}
    assert "alabama-act-2016-279" in laws["2020-02-21"]
    assert "thailand-narcotics-act-1979" in laws["2020-02-21"]
    assert "thailand-narcotics-act-no-8-2021" in laws["now"]
    assert "thailand-narcotics-act-1979" not in laws["now"]
