"""Vocabulary candidates in a draft: names the article uses that the vocabulary lacks.

``builders.ingest.candidates`` finds them; this module holds the record and reads the
``candidates:`` list of a statements file. Each candidate has ``text`` (exactly as the
article writes it), ``occurrences``, and, when the extractor can tell, a suggested ``type``
and ``suggestions``: the ids of the closest known entities. Only drafts list candidates:
a reviewed file has resolved them.
"""

from __future__ import annotations

from dataclasses import dataclass

from builders.records import Article, EntityType
from builders.yamlsource import Fields

CANDIDATE_FIELDS = frozenset({"text", "occurrences", "type", "suggestions"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name for the vocabulary: how the article writes it, how often, and a type guess."""

    text: str
    occurrences: int
    type: EntityType | None = None
    suggestions: tuple[str, ...] = ()


def read_candidates(fields: Fields, article: Article, status: str) -> tuple[Candidate, ...]:
    """The ``candidates`` of a statements file, checked against its article."""
    if "candidates" not in fields.node:
        return ()
    if status != "draft":
        raise fields.error(
            "candidates",
            "a reviewed file still lists vocabulary candidates",
            "add each candidate to data/vocabulary/ or drop it, then delete 'candidates'",
        )
    if fields.node["candidates"] in (None, []):
        return ()
    out = []
    for node, prefix in fields.items("candidates"):
        entry = Fields(node, prefix, CANDIDATE_FIELDS)
        text = entry.text("text", example="Food and Drug Administration")
        if text not in article.text:
            raise entry.error(
                "text",
                "this text does not occur in the article",
                "copy the name from the article exactly, or delete the candidate",
            )
        occurrences = node.get("occurrences", 1)
        if isinstance(occurrences, bool) or not isinstance(occurrences, int) or occurrences < 1:
            raise entry.error(
                "occurrences",
                f"expected a whole number of 1 or more, found {occurrences!r}",
                "write how often the name occurs, e.g. occurrences: 2",
            )
        kind = entry.member("type", EntityType) if "type" in node else None
        out.append(Candidate(text, occurrences, kind, entry.text_list("suggestions")))
    return tuple(out)
