"""The spaCy pipeline every extraction step reads: one ``Doc`` per article.

The parser model ships with the project (``builders/ingest/model/``, trained from UD
English-EWT by ``make model``: see its MODEL.md); nothing is downloaded. Around the trained
components the pipeline adds two of its own:

- ``claimgraph_mentions`` (right after the tokenizer): finds the lexicon's names with two
  ``PhraseMatcher`` s (any case, and capitals only), keeps the longest of overlapping ones
  (a curated name wins a tie), merges each into one token and records it in ``doc.ents``
  with the entity id as its label, so ``token.ent_type_`` is the entity a word names;
- ``claimgraph_lines`` (before the parser): a line break starts a sentence, so a headline,
  a date line or a list item is never read as part of the next sentence.

Token offsets (``token.idx``) are code-point offsets into the text, as the selectors need.
"""

import re
from collections.abc import Iterator
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from builders.ingest.lexicon import Lexicon
from builders.records import EntityType

MODEL_PACKAGE = "builders.ingest.model"
MODEL_NAME = "en_ewt_parser"
MAX_DOC_CHARS = 1_000_000  # the limit textsource enforces on readable text
MAX_HEADING_TOKENS = 30
ENDINGS = frozenset({".", "!", "?", ":", ";", "\u2026", '"', "\u201d", "'", "\u2019", ")", "]"})
_LIST_MARKER = re.compile(r"(?:\d{1,3}[.)]|[-*\u2022])\s")
_PLAIN = re.compile(r"^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$")
# The word a merged mention shows the model in place of its own (its NORM feature; prefix,
# suffix and shape stay the mention's): a common treebank word of the same kind, so that
# "kratom causes nausea" reads to the tagger and parser like "medicine causes pain".
HYPHENS = ("-", "\u2010")
STAND_INS = {
    EntityType.SUBSTANCE: "medicine",
    EntityType.RECEPTOR: "receptor",
    EntityType.CONDITION: "pain",
    EntityType.ORGANIZATION: "government",
    EntityType.JURISDICTION: "california",
    EntityType.METHOD: "treatment",
    EntityType.ANATOMY: "brain",
    EntityType.PROPERTY: "dangerous",
}


def model_path() -> Path:
    """The shipped model's folder, from the installed package's data."""
    return Path(str(resources.files(MODEL_PACKAGE).joinpath(MODEL_NAME)))


class MentionFinder:
    """Finds, merges and labels the lexicon's names in a ``Doc``.

    Each ``PhraseMatcher`` holds every name under one key, and a match is mapped back to
    its entity by its words (lower-cased for the any-case matcher): one key per entity
    would make building the matcher several times slower. Names made only of letters,
    digits and spaces are turned into patterns without the tokenizer, which splits such
    text at its spaces anyway."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.capitals = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entity: dict[tuple[bool, str], str] = {}
        self.curated = {k.id for k in lexicon.known.values() if k.curated}
        self.stand_in = {k.id: STAND_INS[k.type] for k in lexicon.known.values()}
        self.properties = {k.id for k in lexicon.known.values() if k.type is EntityType.PROPERTY}
        patterns: dict[bool, list[Doc]] = {True: [], False: []}
        for name, doc in zip(lexicon.names, self._patterns(nlp, lexicon), strict=True):
            key = (name.exact_case, _words(doc, name.exact_case))
            if key not in self.entity:
                self.entity[key] = name.entity
                patterns[name.exact_case].append(doc)
        self.capitals.add("NAME", patterns[True])
        self.any_case.add("NAME", patterns[False])

    @staticmethod
    def _patterns(nlp: Language, lexicon: Lexicon) -> Iterator[Doc]:
        texts = [n.text for n in lexicon.names]
        tricky = [t for t in texts if not _PLAIN.match(t)]
        tokenizer: Any = nlp.tokenizer  # spaCy's Cython Tokenizer ships no type stubs
        tokenized = iter(tokenizer.pipe(tricky))
        for text in texts:
            yield Doc(nlp.vocab, words=text.split()) if _PLAIN.match(text) else next(tokenized)

    def __call__(self, doc: Doc) -> Doc:
        found = [*self._spans(doc, self.any_case, False), *self._spans(doc, self.capitals, True)]
        found = [self._with_non(doc, span) for span in found]
        # the longest span wins; among equals, a curated entity, then the lower id
        found.sort(key=lambda s: (s.label_ not in self.curated, s.label_))
        kept = sorted(filter_spans(found), key=lambda s: s.start)
        labels = [s.label_ for s in kept]
        with doc.retokenize() as retokenizer:
            for span in kept:
                if len(span) > 1:
                    retokenizer.merge(span)
        starts = self._merged_starts(kept)
        doc.ents = [
            Span(doc, i, i + 1, label=label) for i, label in zip(starts, labels, strict=True)
        ]
        for index, label in zip(starts, labels, strict=True):
            doc[index].norm_ = self.stand_in[label]
        return doc

    def _spans(self, doc: Doc, matcher: PhraseMatcher, exact: bool) -> Iterator[Span]:
        for _, start, end in matcher(doc):
            entity = self.entity[(exact, _words(doc[start:end], exact))]
            yield Span(doc, start, end, label=entity)

    def _with_non(self, doc: Doc, span: Span) -> Span:
        """A property written with "non-" ("non-addictive") as one word, so the parser
        reads it as one adjective; the prefix still denies it (``arguments.prefixed_non``)."""
        start = span.start
        if (
            span.label_ in self.properties
            and start >= 2
            and doc[start - 1].text in HYPHENS
            and doc[start - 2].lower_ == "non"
            and not doc[start - 2].whitespace_
            and not doc[start - 1].whitespace_
        ):
            return Span(doc, start - 2, span.end, label=span.label_)
        return span

    @staticmethod
    def _merged_starts(kept: list[Span]) -> list[int]:
        """Each kept span's token index once the spans before it became one token each."""
        removed = 0
        starts = []
        for span in kept:
            starts.append(span.start - removed)
            removed += len(span) - 1
        return starts


def _words(tokens: Doc | Span, exact: bool) -> str:
    return " ".join(t.text if exact else t.lower_ for t in tokens)


def mark_line_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence, and so does a line break before a list item ("1.",
    "-", "*", "•"); the white space between is a sentence of its own, so the parser (trained
    on text without such tokens) never attaches words to it. A single line break inside a
    paragraph (hard-wrapped text) is no boundary, and no sentence starts after a word that
    is not sentence-final punctuation: the parser may split only after ".", "!", "?" ..."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        after_break = "\n" in previous.text or "\n" in previous.whitespace_
        if (
            _blank_line(previous)
            or (token.is_space and _blank_line(token))
            or (after_break and _LIST_MARKER.match(doc.text, token.idx))
        ):
            token.is_sent_start = True
        elif not after_break and not previous.is_space and previous.text not in ENDINGS:
            token.is_sent_start = False  # no sentence starts in mid-phrase ("Kratom | acts")
    _keep_headings_whole(doc)
    return doc


def _keep_headings_whole(doc: Doc) -> None:
    """A heading (a block of at most ``MAX_HEADING_TOKENS`` words with no full stop, "!" or
    "?" before its end, such as "Kratom for Opioid Withdrawal") is one sentence: the parser
    may not split it."""
    starts = [t.i for t in doc if t.i == 0 or t.is_sent_start] + [len(doc)]
    for start, end in pairwise(starts):
        block = doc[start:end]
        words = [t for t in block if not t.is_space]
        inner_stops = [t for t in words[:-1] if t.text in (".", "!", "?")]
        if words and len(words) <= MAX_HEADING_TOKENS and not inner_stops:
            for token in block[1:]:
                if not token.is_space:
                    token.is_sent_start = False


def _blank_line(token: Token) -> bool:
    return token.is_space and token.text.count("\n") >= 2


def load_pipeline(lexicon: Lexicon, model: Path | None = None) -> Language:
    """The shipped pipeline with the lexicon's mention finder and the line-start rule."""
    nlp = spacy.load(model or model_path())
    nlp.max_length = MAX_DOC_CHARS + 1
    finder = MentionFinder(nlp, lexicon)
    nlp.add_pipe("claimgraph_mentions", first=True, config={})
    nlp.get_pipe("claimgraph_mentions").finder = finder  # type: ignore[attr-defined]
    nlp.add_pipe("claimgraph_lines", before="parser")
    return nlp


class _MentionsComponent:
    """The pipe wrapper spaCy registers; its finder is set once the lexicon is known."""

    def __init__(self) -> None:
        self.finder: MentionFinder | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            raise RuntimeError("the mention finder was not set: use load_pipeline()")
        return self.finder(doc)


@Language.factory("claimgraph_mentions")
def _make_mentions(nlp: Language, name: str) -> _MentionsComponent:
    return _MentionsComponent()


@Language.component("claimgraph_lines")
def _lines(doc: Doc) -> Doc:
    return mark_line_starts(doc)
