"""Bad input fails the build with file, line, field and fix, and leaves old outputs intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders.build import BuildOptions, build
from builders.errors import ValidationError
from graph.cli import main

SEED = "000_5d16975f47f5a72c"


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first occurrence of ``text`` in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def replace_once(path: Path, old: str, new: str) -> int:
    content = path.read_text(encoding="utf-8")
    assert old in content
    line = line_of(path, old)
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return line


@pytest.fixture
def built(data_copy: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A successful build into out/, and the bytes it wrote."""
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_copy), "--out-dir", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"claims.ttl", "claims.nt", "claims.jsonld", "claims.html"}
    return data_copy, out, before


def fails_and_keeps_outputs(
    data: Path, out: Path, before: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> str:
    assert main(["build", "--data", str(data), "--out-dir", str(out)]) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "quote: Kratom is already legal",
            "quote: Kratom is already illegal",
            "quote",
            "the quote does not occur in the article",
        ),
        (
            "quote: Kratom is already legal",
            "quote: kratom",
            "quote",
            "the quote occurs more than once",
        ),
        ("subject: kratom", "subject: kratomm", "subject", "unknown entity 'kratomm'"),
        ("relation: actsOn", "relation: bindsTo", "relation", "'bindsTo' is not an allowed value"),
        (
            "modality: speculative",
            "modality: certain",
            "modality",
            "'certain' is not an allowed value",
        ),
        (
            "attributed_to: [american-medical-association, journal-of-pain]",
            "attributed_to: [american-medical-association, kratom]",
            "attributed_to",
            "'kratom' is of type Substance, not Organization",
        ),
    ],
)
def test_bad_statement_is_reported_at_its_line(
    built: tuple[Path, Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    field: str,
    message: str,
) -> None:
    data, out, before = built
    statements = data / "statements" / f"{SEED}.yaml"
    line = replace_once(statements, old, new)
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert f"{statements}:{line}: field 'statements[" in err
    assert f"].{field}': {message}" in err
    assert "how to fix:" in err


def test_unknown_relation_lists_the_allowed_ones(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    replace_once(data / "statements" / f"{SEED}.yaml", "relation: actsOn", "relation: bindsTo")
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert "use one of: actsOn, derivedFrom, relieves, treats" in err


def test_malformed_yaml(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    statements = data / "statements" / f"{SEED}.yaml"
    with statements.open("a", encoding="utf-8") as stream:
        stream.write("  - quote: [unclosed\n    subject: kratom\n")
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert f"{statements}:" in err and "malformed YAML" in err


def test_bad_date(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    meta = data / "articles" / f"{SEED}.yaml"
    line = replace_once(meta, 'published: "2020-02-21"', "published: 2020-02-30")
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert f"{meta}:{line}: field 'published': '2020-02-30' is not a valid date" in err
    assert "YYYY-MM-DD" in err


def test_non_utf8_article(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    article = data / "articles" / f"{SEED}.txt"
    article.write_bytes(b"Title\n\nSome text in Latin-1: caf\xe9.\n")
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert f"{article}:3: the file is not valid UTF-8 (byte 0xe9" in err


def test_empty_article(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    article = data / "articles" / f"{SEED}.txt"
    article.write_text("  \n", encoding="utf-8")
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert f"{article}: the article is empty" in err


def test_statements_for_a_missing_article(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    statements = data / "statements" / f"{SEED}.yaml"
    line = replace_once(statements, f"article: {SEED}", "article: no-such-article")
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert f"{statements}:{line}: field 'article': no article 'no-such-article'" in err


def test_unverifiable_identifier_form_is_rejected(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    entities = data / "vocabulary" / "entities.yaml"
    line = replace_once(entities, "curie: cas:4098-40-2", "curie: cas:4098-40-3")
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert f"{entities}:{line}: field 'entities[" in err
    assert "'4098-40-3' fails the cas check digit" in err


def test_shape_violation_fails_the_build_and_keeps_outputs(
    built: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    data, out, before = built
    strict = tmp_path / "strict-shapes.ttl"
    strict.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix cg: <https://w3id.org/claimgraph/vocab#> .\n"
        "[] a sh:NodeShape ; sh:targetClass cg:Claim ;\n"
        "   sh:property [ sh:path cg:population ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="MinCountConstraintComponent"):
        build(BuildOptions(data_dir=data, out_dir=out, shapes=strict))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


AMA_RELIEVES_PAIN = (
    "  - quote: The American Medical Association\n"
    "    subject: american-medical-association\n"
    "    relation: relieves\n"
    "    object: pain\n"
    "    modality: asserted\n"
)


def test_a_subject_outside_the_relations_domain_is_an_error_with_a_fix(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    statements = data / "statements" / f"{SEED}.yaml"
    statements.write_text(
        statements.read_text(encoding="utf-8") + AMA_RELIEVES_PAIN, encoding="utf-8"
    )
    line = line_of(statements, "subject: american-medical-association")
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert f"{statements}:{line}: field 'statements[" in err and "].subject'" in err
    assert "'american-medical-association' is a Organization" in err
    assert "the domain of 'relieves' in ontology.ttl is Substance" in err
    assert "how to fix: name an entity of type Substance as the subject" in err


def test_an_object_outside_the_relations_range_is_an_error(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    statements = data / "statements" / f"{SEED}.yaml"
    text = statements.read_text(encoding="utf-8")
    legal = "    relation: legalIn\n    object: world\n    modality: asserted\n    note: No place"
    assert text.count(legal) == 1
    statements.write_text(text.replace(legal, legal.replace("world", "pain")), encoding="utf-8")
    line = line_of(statements, "No place is named") - 2
    err = fails_and_keeps_outputs(data, out, before, capsys)
    assert f"{statements}:{line}: field 'statements[" in err and "].object'" in err
    assert (
        "'pain' is a Condition, but the range of 'legalIn' in ontology.ttl is Jurisdiction" in err
    )
