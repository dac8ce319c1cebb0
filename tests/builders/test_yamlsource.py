from __future__ import annotations

from pathlib import Path

import pytest

from builders.errors import DataError
from builders.yamlsource import Fields, load_yaml


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "file.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_mappings_know_their_lines(tmp_path: Path) -> None:
    data = load_yaml(write(tmp_path, "items:\n  - a: 1\n    b: 2\n  - a: 3\n"))
    first, second = data["items"]
    assert (first.line, first.key_lines["b"]) == (2, 3)
    assert second.where("a").line == 4


def test_duplicate_keys_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"file.yaml:3: field 'quote': key 'quote' appears twice"):
        load_yaml(write(tmp_path, "x: 1\nquote: a\nquote: b\n"))


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"file.yaml:3: malformed YAML: mapping values") as info:
        load_yaml(write(tmp_path, "a: 1\nb: 2\nc: d: e\n"))
    assert "how to fix" in str(info.value)


def test_unclosed_bracket_names_where_it_opened(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"file.yaml:4: .*opened at line 3"):
        load_yaml(write(tmp_path, "a: 1\nb:\n  - [unclosed\n"))


def test_non_utf8_names_line_and_byte(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"file.yaml:2: the file is not valid UTF-8 \(byte 0xe9"):
        load_yaml(write(tmp_path, b"a: 1\nb: caf\xe9\n"))


def test_dates_stay_text_and_bad_dates_are_reported(tmp_path: Path) -> None:
    node = load_yaml(write(tmp_path, "when: 2020-02-30\n"))
    assert node["when"] == "2020-02-30"
    with pytest.raises(DataError, match=r":1: field 'when': '2020-02-30' is not a valid date"):
        Fields(node, "", {"when"}).date("when")


def test_unknown_fields_are_errors(tmp_path: Path) -> None:
    node = load_yaml(write(tmp_path, "quote: a\nsubjet: kratom\n"))
    with pytest.raises(DataError, match=r":2: field 'subjet': unknown field") as info:
        Fields(node, "", {"quote", "subject"})
    assert "quote, subject" in str(info.value)
