"""HTML to readable text: what a reader sees, one paragraph per block element.

Scripts, styles, navigation, forms, elements marked ``hidden`` or ``aria-hidden="true"``
and the like are dropped; character references are decoded. A page may leave out <body>:
the first element that cannot be in <head>, or the first text, starts it.

Title, date, URL and publisher come from JSON-LD, ``<meta>`` tags, ``<title>``,
``<link rel=canonical>`` and the first ``<time datetime>``, in that order of preference;
only the document's own ``<title>`` (the first, in ``<head>``) counts, not an SVG's.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

from builders.ingest.pagemeta import SourceText, clean, iso_date, web_url

SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "head",
    }
)
BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "table",
        "tr",
        "td",
        "th",
        "hr",
        "br",
        "body",
        "address",
        "time",
    }
)
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "col"})
# what a <head> may hold; any other element, or text, starts the body (HTML5 lets a page
# leave out <body>, and even </head>)
HEAD_CONTENT = frozenset(
    {"html", "head", "title", "meta", "link", "base", "script", "style", "noscript", "template"}
)
META_KEYS = {
    "title": ("og:title", "twitter:title", "title", "dc.title"),
    "published": (
        "article:published_time",
        "date",
        "pubdate",
        "publish-date",
        "dc.date",
        "dcterms.date",
        "datepublished",
    ),
    "url": ("og:url",),
    "publisher": ("og:site_name", "publisher", "dc.publisher"),
}


class _Reducer(HTMLParser):
    """Collects the visible text of a page in blocks, and its metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip: list[str] = []  # open elements whose content is not shown
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.in_title = False
        self.title_seen = False  # only the document's first <title>, in its <head>, counts
        self.in_body = False
        self.in_jsonld = False
        self.jsonld: list[list[str]] = []
        self.canonical: str | None = None
        self.time: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (
                values.get("property") or values.get("name") or values.get("itemprop") or ""
            ).lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href")
        elif tag == "time" and self.time is None and values.get("datetime"):
            self.time = values["datetime"]
        elif tag == "title":
            self.in_title = not (self.title_seen or self.in_body)
            self.title_seen = True
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self.in_jsonld = True
            self.jsonld.append([])
        if tag not in HEAD_CONTENT and ("head" not in self.skip or self.skip[-1] == "head"):
            self._start_body()
        if tag not in VOID and (self.skip or tag in SKIPPED or _hidden(values)):
            self.skip.append(tag)  # inside skipped content every element is tracked
        if tag in BLOCKS:
            self._break()

    def _start_body(self) -> None:
        """The body starts: a <head> left open ends here."""
        self.in_body = True
        if "head" in self.skip:
            del self.skip[self.skip.index("head") :]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        depth = len(self.skip)
        self.handle_starttag(tag, attrs)
        del self.skip[depth:]  # <tag/> opens nothing

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_jsonld = False
        if tag in self.skip:
            while self.skip and self.skip.pop() != tag:
                pass
        if tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip[-1:] == ["head"] and data.strip():
            self._start_body()  # text outside any head element belongs to the body
        if self.in_title:
            self.title.append(data)
        if self.in_jsonld:
            self.jsonld[-1].append(data)
        if not self.skip:
            self.current.append(data)

    def _break(self) -> None:
        block = " ".join("".join(self.current).split())
        if block:
            self.blocks.append(block)
        self.current.clear()

    def close(self) -> None:
        super().close()
        self._break()


def _hidden(attributes: dict[str, str]) -> bool:
    """An element a reader does not see: ``hidden`` or ``aria-hidden="true"``."""
    return "hidden" in attributes or attributes.get("aria-hidden", "").lower() == "true"


def _jsonld(texts: list[str]) -> dict[str, Any]:
    """The first schema.org Article-like object of the page's JSON-LD, if any."""
    for text in texts:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # not JSON, or nested too deep to read
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            graph = item.get("@graph") if isinstance(item, dict) else None
            for node in graph if isinstance(graph, list) else [item]:
                if isinstance(node, dict) and ("headline" in node or "datePublished" in node):
                    return node
    return {}


def from_html(text: str) -> SourceText:
    reducer = _Reducer()
    reducer.feed(text)
    reducer.close()
    ld = _jsonld(["".join(parts) for parts in reducer.jsonld])

    def meta(field: str) -> str | None:
        for key in META_KEYS[field]:
            if reducer.meta.get(key):
                return reducer.meta[key]
        return None

    publisher = ld.get("publisher")
    publisher_name = publisher.get("name") if isinstance(publisher, dict) else publisher
    return SourceText(
        "\n\n".join(reducer.blocks) + "\n" if reducer.blocks else "",
        title=clean(ld.get("headline")) or clean(meta("title")) or clean("".join(reducer.title)),
        published=iso_date(ld.get("datePublished"))
        or iso_date(meta("published"))
        or iso_date(reducer.time),
        url=web_url(ld.get("url")) or web_url(meta("url")) or web_url(reducer.canonical),
        publisher=clean(publisher_name) or clean(meta("publisher")),
    )
