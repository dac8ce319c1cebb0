"""Load data/articles/: each article is ``NAME.txt`` (its exact text) and ``NAME.yaml``.

The metadata file gives ``title``, ``published`` (YYYY-MM-DD) and optionally ``url``,
``publisher``, ``promotional`` and ``call_to_action`` (the article's own words that send
readers to the publisher, which must occur in the text). A UTF-8 byte order mark at the
start of the text file is not part of the article: it is dropped, so that quote offsets
count from the first character, and the record notes that the file had one.
"""

from __future__ import annotations

from pathlib import Path

from builders.errors import DataError, Location
from builders.iris import SLUG, text_hash
from builders.records import Article
from builders.yamlsource import Fields, load_yaml, read_text_and_mark, require_mapping

META_FIELDS = {"title", "published", "url", "publisher", "promotional", "call_to_action"}


def load_article(text_path: Path) -> Article:
    """Read one article and its metadata file beside it."""
    meta_path = text_path.with_suffix(".yaml")
    text, byte_order_mark = read_text_and_mark(text_path)
    if not text.strip():
        raise DataError(
            Location(text_path),
            "the article is empty",
            "put the article's text in the file, or remove the file",
        )
    if not meta_path.exists():
        raise DataError(
            Location(meta_path),
            "the article has no metadata file",
            f"create {meta_path.name} with at least 'title' and 'published'",
        )
    top = require_mapping(load_yaml(meta_path), Location(meta_path), "article metadata")
    fields = Fields(top, "", META_FIELDS)
    call = fields.optional_text("call_to_action")
    if call is not None and call not in text:
        raise fields.error(
            "call_to_action",
            "this text does not occur in the article",
            "copy the sentence from the article exactly, or remove the field",
        )
    url = fields.optional_text("url")
    if url is not None and not url.startswith(("http://", "https://")):
        raise fields.error("url", f"'{url}' is not an http(s) URL", "write the full URL")
    return Article(
        id=text_path.stem,
        title=fields.text("title", example="Medical Marijuana and Kratom for Opioid Withdrawal"),
        published=fields.date("published"),
        text=text,
        sha256=text_hash(text),
        url=url,
        publisher=fields.optional_text("publisher"),
        promotional=fields.boolean("promotional", default=False),
        call_to_action=call,
        byte_order_mark=byte_order_mark,
    )


def load_articles(folder: Path) -> dict[str, Article]:
    """Every ``*.txt`` article in ``folder`` by id; the same text twice is one article."""
    articles: dict[str, Article] = {}
    by_hash: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")):
        if not SLUG.match(path.stem.replace("_", "-")):
            raise DataError(
                Location(path),
                f"'{path.stem}' is not a valid article name",
                "name article files with lower-case letters, digits, - and _",
            )
        article = load_article(path)
        if article.sha256 in by_hash:
            raise DataError(
                Location(path),
                f"this text is identical to article '{by_hash[article.sha256]}'",
                "remove the copy: an article is identified by its text",
            )
        by_hash[article.sha256] = article.id
        articles[article.id] = article
    return articles
