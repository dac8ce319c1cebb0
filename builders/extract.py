"""Rule-based statement extraction: sentences, entity mentions, cue rules, proposals.

For each sentence the extractor finds the vocabulary's entities (``builders.mentions``),
joins coordinated ones ("marijuana and kratom") into groups, and reads each relation cue
(``builders.cues``) left to right (``builders.cuereader``):

- the object is the first group after the cue (within the cue's window) whose type the
  relation accepts; a cue such as "kill" carries its object, and "is legal" without a
  place takes the sentence's ("In Texas, ...") or else the article's main jurisdiction;
- the subject is the nearest fitting group before the cue in the same clause; else the
  noun an appositive describes ("thebaine, a compound in ..."); else, when the clause
  opens with "it", "they", "these drugs", "high doses" and the like, or has no subject of
  its own ("which are derived from"), the current topic (the first substance, method or
  condition of the sentence, or of an earlier one); else a substance the sentence says
  people are "taking" (a condition before the cue is then the population);
- negation ("not", "no", "n't", "never"; or a cue such as "banned in") between subject and
  object denies the claim; "but not X" and "without X" deny X of the topic;
- "can", "may", "suggest" make a statement hedged, "showing promise" speculative; a
  clause that only "shows promise" proposes that its subject treats the article's topic
  (the first condition of its title); a question asserts nothing, so it yields only
  speculative statements whose arguments are both named;
- "according to X" credits organization X with the sentence, "X says ..." with what
  follows X.

Each proposal carries a confidence: the cue's weight, lowered when the subject or object
was inferred rather than named. In an "and" group holding a term and its broader term
("opiates and opioids"), the broader one stands for both.

The work per sentence grows faster than its length, so a sentence longer than
``MAX_SENTENCE_CHARS`` is not read, and one sentence yields at most
``MAX_PROPOSALS_PER_SENTENCE`` proposals; both are recorded in ``Extraction.skipped``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from builders import cues
from builders.cuereader import Discourse, Group, Proposal, SentenceReader
from builders.mentions import Lexicon, Mention
from builders.records import Background, EntityType, Vocabulary
from builders.sentences import Sentence, split_sentences, word_count

MAX_SENTENCE_CHARS = 2_000  # longer "sentences" (lists, run-on text) are not read
MAX_PROPOSALS_PER_SENTENCE = 50  # more is no sentence a reviewer can check


@dataclass(frozen=True, slots=True)
class Skipped:
    """A sentence the rules did not read (``long``) or read only in part (``crowded``)."""

    sentence: Sentence
    reason: Literal["long", "crowded"]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the rules found in one text."""

    proposals: tuple[Proposal, ...]
    unresolved: tuple[tuple[int, int], ...]  # spans where an argument named no known entity
    mentions: tuple[Mention, ...]
    sentences: tuple[Sentence, ...]
    words: int
    skipped: tuple[Skipped, ...] = ()


__all__ = ["Extraction", "Extractor", "Group", "Proposal", "Skipped"]


class Extractor:
    """Extracts proposals from texts against one vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.lexicon = Lexicon(vocabulary)
        self.broader = {
            (f.subject, f.object) for f in vocabulary.facts if f.relation is Background.BROADER
        }

    def extract(self, text: str, title: str | None = None) -> Extraction:
        """The statements the rules find in ``text``; ``title`` names its topic."""
        sentences = split_sentences(text)
        mentions = [self.mentions(text, s.start, s.end) for s in sentences]
        places = Counter(
            m.entity for ms in mentions for m in ms if m.type is EntityType.JURISDICTION
        )
        heading = self.lexicon.find(title) if title else (mentions[0] if mentions else [])
        discourse = Discourse(
            text=text,
            topic_condition=next(
                (m.entity for m in heading if m.type is EntityType.CONDITION), None
            ),
            main_jurisdiction=min(places, key=lambda e: (-places[e], e)) if places else None,
        )
        proposals: list[Proposal] = []
        skipped: list[Skipped] = []
        for sentence, found in zip(sentences, mentions, strict=True):
            if sentence.end - sentence.start > MAX_SENTENCE_CHARS:
                skipped.append(Skipped(sentence, "long"))
                continue
            groups = self.groups(text, found)
            read = SentenceReader(self.vocabulary, groups, discourse, sentence).read()
            if len(read) > MAX_PROPOSALS_PER_SENTENCE:
                skipped.append(Skipped(sentence, "crowded"))
            proposals.extend(read[:MAX_PROPOSALS_PER_SENTENCE])
        return Extraction(
            proposals=tuple(proposals),
            unresolved=tuple(discourse.unresolved),
            mentions=tuple(m for ms in mentions for m in ms),
            sentences=tuple(sentences),
            words=word_count(text),
            skipped=tuple(skipped),
        )

    def mentions(self, text: str, start: int, end: int) -> list[Mention]:
        found = self.lexicon.find(text, start, end)
        found += self.lexicon.receptor_mentions(text, start, end, found)
        return sorted(found, key=lambda m: m.start)

    def groups(self, text: str, mentions: list[Mention]) -> list[Group]:
        """Join mentions listed with "and", "or" and commas; a list needs an "and" or "or"
        ("THC, CBD does" is no list); in an "and" list a broader term stands for both."""
        runs: list[list[Mention]] = []
        for mention in mentions:
            if runs and cues.COORDINATION.match(text[runs[-1][-1].end : mention.start]):
                runs[-1].append(mention)
            else:
                runs.append([mention])
        out: list[Group] = []
        for run in runs:
            joints = [text[a.end : b.start] for a, b in pairwise(run)]
            if joints and all(j.strip() == "," for j in joints):
                out.extend(Group(m.start, m.end, (m,)) for m in run)
                continue
            kept = run
            if joints and all(cues.AND_ONLY.match(j) or j.strip() == "," for j in joints):
                ids = {m.entity for m in run}
                kept = [m for m in run if not any((m.entity, o) in self.broader for o in ids)]
            out.append(Group(run[0].start, run[-1].end, tuple(kept)))
        return out
