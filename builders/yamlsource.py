"""Read YAML input files, keeping the line of every mapping and field.

PyYAML forgets where a value came from; curated data needs errors that name the line.
``load_yaml`` returns plain Python values in which every mapping is a ``Node``: a dict
that also knows its own line and the line of each of its keys. Duplicate keys, which
PyYAML would silently overwrite, are an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import yaml

from builders.errors import DataError, Location

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
E = TypeVar("E", bound=StrEnum)


class Node(dict[str, Any]):
    """A YAML mapping with the 1-based line numbers of itself and of its keys."""

    def __init__(self, path: Path, line: int) -> None:
        super().__init__()
        self.path = path
        self.line = line
        self.key_lines: dict[str, int] = {}

    def where(self, field: str | None = None, prefix: str = "") -> Location:
        """The location of ``field`` in this mapping, or of the mapping itself."""
        line = self.key_lines.get(field, self.line) if field else self.line
        dotted = f"{prefix}{field}" if field else (prefix.rstrip(".") or None)
        return Location(self.path, line, dotted)


def _loader_for(path: Path) -> type[yaml.SafeLoader]:
    class LineLoader(yaml.SafeLoader):
        def construct_mapping(  # type: ignore[override]
            self, node: yaml.MappingNode, deep: bool = False
        ) -> Node:
            mapping = Node(path, node.start_mark.line + 1)
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if not isinstance(key, str):
                    raise DataError(
                        Location(path, line),
                        f"mapping key {key!r} is not a string",
                        "write every key as a plain word, such as 'quote' or 'subject'",
                    )
                if key in mapping:
                    raise DataError(
                        Location(path, line, key),
                        f"key '{key}' appears twice in one mapping "
                        f"(first at line {mapping.key_lines[key]})",
                        "keep one of the two entries",
                    )
                mapping[key] = self.construct_object(value_node, deep=True)
                mapping.key_lines[key] = line
            return mapping

    LineLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
        LineLoader.construct_mapping,
    )
    # Dates stay text so that a bad date gets our error, with its line, not PyYAML's.
    LineLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return LineLoader


BYTE_ORDER_MARK = "\ufeff"


def read_text(path: Path) -> str:
    """The file's text, decoded as strict UTF-8 with its line endings untouched, without
    a leading byte order mark (so offsets count from the first character of the text)."""
    return read_text_and_mark(path)[0]


def read_text_and_mark(path: Path) -> tuple[str, bool]:
    """Like ``read_text``, and whether the file began with a byte order mark (dropped)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(
            Location(path), f"cannot read the file: {exc.strerror}", "check the path"
        ) from exc
    text = decode_utf8(path, raw, "save the file as UTF-8")
    return text.removeprefix(BYTE_ORDER_MARK), text.startswith(BYTE_ORDER_MARK)


def decode_utf8(path: Path, raw: bytes, fix: str) -> str:
    """``raw`` as strict UTF-8; else a DataError naming the first bad byte and its line."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            Location(path, raw[: exc.start].count(b"\n") + 1),
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            fix,
        ) from exc


def load_yaml(path: Path) -> Any:
    """Parse one YAML file into plain values whose mappings are ``Node`` objects."""
    text = read_text(path)
    try:
        return yaml.load(text, Loader=_loader_for(path))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = f"malformed YAML: {exc.problem or exc.context}"
        if exc.context_mark is not None and exc.problem_mark is not None:
            problem += f" ({exc.context}, opened at line {exc.context_mark.line + 1})"
        raise DataError(
            Location(path, line),
            problem,
            "fix the YAML syntax at that line (indentation, quoting or a missing colon)",
        ) from exc
    except yaml.YAMLError as exc:
        raise DataError(Location(path), f"malformed YAML: {exc}", "fix the YAML syntax") from exc


def require_mapping(value: Any, where: Location, what: str) -> Node:
    """``value`` if it is a mapping, else an error naming ``what`` was expected."""
    if not isinstance(value, Node):
        raise DataError(
            where,
            f"expected {what} (a mapping), found {_kind(value)}",
            f"write {what} as 'key: value' lines",
        )
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"a {type(value).__name__}"


class Fields:
    """Typed access to the fields of one mapping, with errors that name file, line and field.

    ``prefix`` is the dotted path of the mapping inside its file, such as ``statements[3].``.
    Unknown keys are errors, so a misspelt field is never silently ignored.
    """

    def __init__(self, node: Node, prefix: str, allowed: AbstractSet[str]) -> None:
        self.node = node
        self.prefix = prefix
        unknown = sorted(set(node) - allowed)
        if unknown:
            raise DataError(
                node.where(unknown[0], prefix),
                f"unknown field '{unknown[0]}'",
                f"use only these fields: {', '.join(sorted(allowed))}",
            )

    def where(self, field: str | None = None) -> Location:
        return self.node.where(field, self.prefix)

    def error(self, field: str | None, problem: str, fix: str) -> DataError:
        return DataError(self.where(field), problem, fix)

    def text(self, field: str, *, example: str) -> str:
        value = self.optional_text(field)
        if value is None:
            raise self.error(
                field,
                f"required field '{field}' is missing or empty",
                f"add it, for example: {field}: {example}",
            )
        return value

    def optional_text(self, field: str) -> str | None:
        value = self.node.get(field)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(
                field,
                f"expected non-empty text, found {_kind(value)}",
                "write the value as text, in quotes if it contains ':' or '#'",
            )
        return value

    def date(self, field: str) -> dt.date:
        value = self.text(field, example="2020-02-21")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.error(
                field,
                f"'{value}' is not a valid date",
                "write the date as YYYY-MM-DD, for example 2020-02-21",
            ) from None

    def boolean(self, field: str, default: bool) -> bool:
        value = self.node.get(field, default)
        if not isinstance(value, bool):
            raise self.error(
                field,
                f"expected true or false, found {_kind(value)}",
                f"write {field}: true or {field}: false",
            )
        return value

    def text_list(self, field: str) -> tuple[str, ...]:
        value = self.node.get(field, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.error(
                field,
                f"expected a list of texts, found {_kind(value)}",
                f"write {field}: [first, second]",
            )
        return tuple(value)

    def choice(self, field: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.node.get(field, default)
        if value not in allowed:
            shown = "nothing" if value is None else repr(value)
            raise self.error(
                field, f"{shown} is not an allowed value", f"use one of: {', '.join(allowed)}"
            )
        return str(value)

    def member(self, field: str, enum: type[E], default: E | None = None) -> E:
        """The member of ``enum`` whose value the field holds (or ``default`` when absent)."""
        allowed = tuple(member.value for member in enum)
        return enum(self.choice(field, allowed, None if default is None else default.value))

    def mapping(self, field: str, allowed: AbstractSet[str]) -> Fields | None:
        """The nested mapping under ``field`` with only ``allowed`` keys, or None."""
        value = self.node.get(field)
        if value is None:
            return None
        node = require_mapping(value, self.where(field), f"'{field}'")
        return Fields(node, f"{self.prefix}{field}.", allowed)

    def items(self, field: str) -> list[tuple[Node, str]]:
        """The mappings of the list under ``field``, each with its dotted path prefix."""
        value = self.node.get(field)
        if not isinstance(value, list) or not value:
            raise self.error(
                field,
                f"expected a non-empty list under '{field}'",
                f"add '{field}:' followed by '- ...' entries",
            )
        out = []
        for index, item in enumerate(value):
            path = f"{self.prefix}{field}[{index}]"
            out.append((require_mapping(item, self.where(field), path), f"{path}."))
        return out
