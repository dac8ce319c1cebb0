"""Markdown to readable text: markup removed, one paragraph per block.

Front matter (``---`` YAML ``---``) gives title, date, url and publisher (front matter that
is not valid YAML is refused, not dropped); otherwise the first level-1 heading is the
title. Lines of one paragraph are joined by spaces.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from builders.errors import DataError, Location
from builders.ingest.pagemeta import SourceText, clean, iso_date, web_url

# Every repeat is bounded, so that no line, however hostile, takes more than linear time.
_MD_INLINE = (
    (re.compile(r"!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)"), r"\1"),  # images: alt text
    (re.compile(r"\[([^\]\n]{1,500})\]\([^)\n]{0,2000}\)"), r"\1"),  # links: their text
    (re.compile(r"\[([^\]\n]{1,500})\]\[[^\]\n]{0,500}\]"), r"\1"),  # reference links
    (re.compile(r"`([^`\n]{0,2000})`"), r"\1"),
    (re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*)){1,500}?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)((?:[^_\n]|_(?!_)){1,500}?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,500}?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]{1,500}?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"<[^<>\n]{1,500}>"), ""),  # inline HTML tags
)
_MD_BLOCK_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)")
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")


def _front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    """The front matter's fields and the text after it. Text between two ``---`` lines
    that is no YAML mapping is no front matter; YAML that does not parse is refused."""
    end = text.find("\n---\n", 4) if text.startswith("---\n") else -1
    if end < 0:
        return {}, text
    try:
        loaded = yaml.safe_load(text[4:end])
    except (yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "nested too deeply"
        raise DataError(
            Location(path, mark.line + 2 if mark is not None else 2),
            f"the front matter (between the '---' lines) is not valid YAML: {problem}",
            "fix it, e.g. put a title with ':' in quotes, or delete the front matter and "
            "pass --title and --date",
        ) from None
    if not isinstance(loaded, dict):
        return {}, text
    return loaded, text[end + 5 :]


def from_markdown(path: Path, text: str) -> SourceText:
    meta, text = _front_matter(path, text)
    blocks: list[str] = []
    lines: list[str] = []
    heading: str | None = None

    def flush() -> None:
        if lines:
            blocks.append(" ".join(lines))
            lines.clear()

    for line in text.split("\n"):
        if not line.strip() or _MD_RULE.match(line) or line.lstrip().startswith("```"):
            flush()
            continue
        if _MD_REFERENCE.match(line):
            continue
        starts_block = _MD_BLOCK_PREFIX.match(line)
        content = _MD_BLOCK_PREFIX.sub("", line).rstrip().rstrip("#").strip()
        for pattern, replacement in _MD_INLINE:
            content = pattern.sub(replacement, content)
        if starts_block:
            flush()
            if heading is None and re.match(r"^\s{0,3}#\s", line):
                heading = content
        if content:
            lines.append(content)
        if starts_block and line.lstrip().startswith("#"):
            flush()
    flush()
    return SourceText(
        "\n\n".join(blocks) + "\n" if blocks else "",
        title=clean(meta.get("title")) or clean(heading),
        published=iso_date(meta.get("date") or meta.get("published")),
        url=web_url(meta.get("url") or meta.get("canonical_url")),
        publisher=clean(meta.get("publisher") or meta.get("site")),
    )
