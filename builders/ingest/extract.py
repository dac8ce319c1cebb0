"""Statements from a parsed article: each predicate's claim, with its scope.

For every sentence of the ``Doc`` (``builders.ingest.nlp``) the extractor looks for words
that state a relation: verbs, nouns and adjectives of the cue table
(``builders/ingest/rules/relations.yaml``), copular sentences ("X is an opioid", "X is
addictive"), appositions ("oxycodone, an opioid"), "such as" lists, "X for Y" phrases,
conditions listed after a colon ("withdrawal: sweating, chills"), approvals that name no
condition ("not approved for any use") and states a thing brings on ("it made me dizzy").
For each it reads the arguments from the parse (``builders.ingest.arguments``), keeps the
pairs whose types the relation's domain and range accept (``builders.ingest.rules``), and
reads negation, modality, quantifiers and attribution from the parse
(``builders.ingest.scope``). Each pair becomes a ``Proposal``: the claim, the words that
state it, and a confidence (the cue's weight, times 0.8 for each argument that was
inferred rather than named).

Polarity is never guessed: a claim is negated when an odd number of denials cover it (the
predicate's "not", a denying cue such as "ban", an argument under "neither/nor" or "no", an
argument under "except", a denied agent that is no argument: "no regulator has approved
X"), and a sentence that denies a claim never yields it positively.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import product

from spacy.tokens import Doc, Span, Token

from builders.ingest.arguments import (
    EXCEPT_WORDS,
    Arg,
    ArgumentReader,
    Discourse,
    case_of,
    denied_word,
    is_ing_form,
    is_plural,
    is_predicate_nominal,
    slot_words,
)
from builders.ingest.lexicon import EntryLike, Known, Lexicon
from builders.ingest.nlp import load_pipeline
from builders.ingest.rules import Cue, CueTable, class_name, cue_table, signatures
from builders.ingest.scope import (
    Scope,
    argument_quantifier,
    denied,
    negative_subject,
    read_scope,
    under_denied_evidence,
    unnamed_source,
)
from builders.ingest.surface import SURFACE_FACTOR, LocalPattern, surface_cues
from builders.records import (
    Claim,
    EntityType,
    Modality,
    Qualifiers,
    Relation,
    SubstanceKind,
    Vocabulary,
)

MAX_SENTENCE_CHARS = 2_000  # longer "sentences" (lists, run-on text) are not read
MAX_PROPOSALS_PER_SENTENCE = 50  # more is no sentence a reviewer can check
INFERRED_FACTOR = 0.8
COPULA_WEIGHT = 0.6
FOR_WEIGHT = 0.5
HEADLINE_FOR_WEIGHT = 0.6
EXCHANGE_VERBS = frozenset({"swap", "trade", "exchange", "substitute"})  # "swap X for Y"
EXCHANGE_SKIPPED = frozenset({"the", "their", "his", "her", "my", "your", "our", "some", "all"})
LIST_ITEM_WEIGHT = 0.55
APPROVAL_WORDS = frozenset({"approve", "authorize"})
APPROVED_PROPERTY = "FDA-approved"
# words of a purpose phrase that names no condition: "for any (other) use", "for anything"
GENERAL_PURPOSES = frozenset(
    {"any", "anything", "use", "uses", "purpose", "purposes", "people", "humans", "human"}
)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A statement the rules propose: its claim and the words of the article that say it."""

    claim: Claim
    start: int
    end: int
    modality: Modality
    confidence: float
    attributed_to: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    quantifier: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's character span."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """A sentence the rules did not read (``long``) or read only in part (``crowded``)."""

    sentence: Sentence
    reason: str


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity the text names, at a character span."""

    start: int
    end: int
    entity: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the rules found in one text."""

    proposals: tuple[Proposal, ...]
    mentions: tuple[Mention, ...]
    sentences: tuple[Sentence, ...]
    words: int
    doc: Doc
    unresolved: tuple[Token, ...] = ()  # argument words that named no known entity
    skipped: tuple[Skipped, ...] = ()


class Extractor:
    """Extracts proposals from texts against one vocabulary (and gazetteer)."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        gazetteer: Iterable[EntryLike] = (),
        absorbed: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.lexicon = Lexicon(vocabulary, gazetteer, absorbed)
        self.nlp = load_pipeline(self.lexicon)
        self.cues = cue_table()
        self.signatures = signatures()
        self.surface = surface_cues(self.cues)
        self.bare_conditions = {
            bare.word: (bare.suffix, self.lexicon.entity_named(bare.otherwise))
            for bare in self.cues.bare_conditions
        }

    def extract(self, text: str, title: str | None = None) -> Extraction:
        """The statements the rules find in ``text``; ``title`` is its headline."""
        doc = self.nlp(text)
        return self.read(doc, title)

    def read(self, doc: Doc, title: str | None = None) -> Extraction:
        discourse = Discourse(self.lexicon.known)
        proposals: list[Proposal] = []
        unresolved: list[Token] = []
        skipped: list[Skipped] = []
        sentences = []
        asked: list[Proposal] = []  # the claims of a question, until its answer is read
        for index, sent in enumerate(doc.sents):
            sentence = Sentence(sent.start_char, sent.end_char)
            sentences.append(sentence)
            if sent.end_char - sent.start_char > MAX_SENTENCE_CHARS:
                skipped.append(Skipped(sentence, "long"))
                continue
            headline = index == 0 and title is not None and _same_words(sent.text, title)
            reader = SentenceReader(self, discourse, sent, headline)
            found = _answered(asked, sent) + reader.read()
            if sent.text.strip():  # a blank line between a question and its answer
                asked = []
            if sent.text.rstrip().endswith("?") and not headline:
                asked, found = found, []  # an open question asserts nothing ("Is it safe?")
            unresolved.extend(reader.unresolved)
            if len(found) > MAX_PROPOSALS_PER_SENTENCE:
                skipped.append(Skipped(sentence, "crowded"))
            proposals.extend(found[:MAX_PROPOSALS_PER_SENTENCE])
            carried = _pronoun_referents(sent, reader.args, discourse)
            for token in sent:
                if token.ent_type_ and not is_predicate_nominal(token):
                    discourse.saw(token.ent_type_, is_plural(token))
                    if any(c.dep_ == "conj" and c.ent_type_ for c in token.children):
                        discourse.listed([m.ent_type_ for m in reader.args.members(token)])
            for proposal in found:
                discourse.saw(proposal.claim.subject)
                claim = proposal.claim
                if (
                    claim.relation is Relation.CAUSES
                    and not claim.negated
                    and self.lexicon.known[claim.subject].type is EntityType.CONDITION
                ):
                    discourse.with_symptoms.add(claim.subject)  # "most symptoms" later
            subjects = _main_subjects(sent)
            for subject in subjects:  # "it" next is most likely the topic
                discourse.saw(subject)
            for entity in carried:  # "Dealers cut fentanyl with it. It is not an opioid":
                discourse.saw(entity)  # the thing "it" meant stays the topic
            discourse.topic = next(iter([*subjects, *carried]), None)
        proposals.extend(self._list_items(doc, title))
        mentions = tuple(Mention(e.start_char, e.end_char, e.label_) for e in doc.ents)
        words = sum(1 for t in doc if not (t.is_punct or t.is_space))
        return Extraction(
            tuple(proposals),
            mentions,
            tuple(sentences),
            words,
            doc,
            tuple(unresolved),
            tuple(skipped),
        )

    def _list_items(self, doc: Doc, title: str | None) -> list[Proposal]:
        """A listicle: under a headline such as "10 Signs of Opioid Withdrawal", each
        numbered item's heading ("3. Sweating and chills.") names symptoms of that topic."""
        topic = self._listed_topic(doc, title)
        if topic is None:
            return []
        out = []
        for item in _ITEM.finditer(doc.text):
            start, end = item.span(1)
            for ent in doc.ents:
                known = self.lexicon.known.get(ent.label_)
                inside = start <= ent.start_char and ent.end_char <= end
                if inside and known is not None and known.type is EntityType.CONDITION:
                    claim = Claim(topic, Relation.CAUSES, ent.label_)
                    out.append(
                        Proposal(
                            claim,
                            item.start(),
                            end,
                            Modality.ASSERTED,
                            LIST_ITEM_WEIGHT,
                            cues=("causes: numbered item under a 'signs of X' headline",),
                        )
                    )
        return out

    def _listed_topic(self, doc: Doc, title: str | None) -> str | None:
        first = next(doc.sents, None)
        if first is None or title is None or not _same_words(first.text, title):
            return None
        for token in first:
            if self.cues.noun_group(token.lemma_) not in ("symptom", "effect"):
                continue
            for child in token.children:
                if case_of(child) == "of" and child.ent_type_:
                    return child.ent_type_
        return None


_ITEM = re.compile(r"(?m)^[ \t]*\d{1,2}[.)][ \t]+([^\n]*?[.:!?])(?=\s|$)")


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


class SentenceReader:
    """Reads the claims of one sentence."""

    def __init__(self, extractor: Extractor, discourse: Discourse, sent: Span, headline: bool):
        self.lexicon = extractor.lexicon
        self.known = extractor.lexicon.known
        self.cues: CueTable = extractor.cues
        self.signatures = extractor.signatures
        self.args = ArgumentReader(
            discourse,
            extractor.cues.argument_nouns,
            extractor.bare_conditions,
            extractor.lexicon.entity_named,
        )
        self.discourse = discourse
        self.sent = sent
        self.headline = headline
        self.found: dict[tuple[Claim, str | None], Proposal] = {}
        self.surface = extractor.surface
        self.unresolved: list[Token] = []  # slot words that named no known entity

    def read(self) -> list[Proposal]:
        for token in self.sent:
            before = len(self.found)
            for cue in self._cues_of(token):
                self._apply(token, cue)
            if len(self.found) == before:
                self._surface(token)
            self._copula(token)
            self._property_of_class(token)
            self._one_of(token)
            self._has_property(token)
            self._apposition_and_such_as(token)
            self._such_as_in_order(token)
            self._for_phrase(token)
            self._colon_list(token)
            self._approved_for_nothing_named(token)
            self._made_to_feel(token)
            self._takers_come_to_feel(token)
        return sorted(self.found.values(), key=lambda p: (p.start, p.end, p.claim.relation))

    # -- finding predicates ------------------------------------------------------------

    def _cues_of(self, token: Token) -> Iterator[Cue]:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or _takes_object(token):
            found = list(self.cues.cues("verb", lemma))
            for guess in () if found else _verb_lemmas(token.lower_):
                found = list(self.cues.cues("verb", guess))
                if found:
                    break
            if not found and token.lower_.endswith("ed"):  # "got addicted to", a participle
                found = list(self.cues.cues("adjective", token.lower_))
            yield from found
        elif token.pos_ == "ADJ":
            yield from self.cues.cues("adjective", token.lower_)
            if token.lower_.endswith("ed"):
                yield from self.cues.cues("verb", lemma)
        elif token.pos_ in ("NOUN", "PROPN") and not token.ent_type_:
            yield from self.cues.cues("noun", lemma)

    def _apply(self, predicate: Token, cue: Cue) -> None:
        if cue.kind == "verb" and (_purpose_gerund(predicate) or _gerund_subject(predicate)):
            return  # "approved for treating Y", "selling X in Y can lead to charges": the
            # gerund names an act that another predicate is about, and claims nothing
        if cue.direct_object is not None and not any(
            c.dep_ in ("obj", "nsubj:pass") and c.lemma_.lower() == cue.direct_object
            for c in predicate.children
        ):
            return  # an idiom's cue needs its own object ("take the edge off")
        if cue.predicative and not _predicative(predicate):
            return  # "people addicted to opioids" describes the people
        if cue.kind == "verb" or cue.subject != "owner":  # "users are dependent on X"
            subject_words = self._slot(predicate, cue.subject)
        else:
            subject_words = self._owner(predicate)
        object_words = self._slot(predicate, cue.object) if cue.object else []
        extra = self._support(predicate) if cue.kind != "verb" else ()
        scope = read_scope(self._scope_head(predicate), extra)
        if cue.kind == "verb" and "agent" not in (cue.subject, cue.object):
            scope = _with_denied_agent(predicate, scope)
        signature = self.signatures[cue.relation]
        subject_fits = _narrowed(signature.subject_fits, cue.subject_classes)
        object_fits = _narrowed(signature.object_fits, cue.object_classes)
        if cue.reverse:
            subject_fits, object_fits = object_fits, subject_fits
        subjects = self._fitting(self.args.args(subject_words, subject_fits), cue.subject_noun)
        if cue.fixed_object is not None:
            fixed = self._entity_called(cue.fixed_object)
            if fixed is None:
                return
            objects = [Arg(fixed, predicate)]
        else:
            objects = self._fitting(self.args.args(object_words, object_fits), cue.object_noun)
            objects += self._exceptions(predicate, object_words)
            if not objects and cue.relation is Relation.RELIEVES:
                objects = self._opposites(predicate, object_words)
        pairs = [] if cue.reverse else self._same_as(predicate, object_words, subjects)
        if subjects and not objects:
            self.unresolved.extend(object_words)
        elif objects and not subjects:
            self.unresolved.extend(subject_words)
        if cue.reverse:
            subjects, objects = objects, subjects
        for subject, obj in [*product(subjects, objects), *pairs]:
            self._propose(
                cue.relation,
                cue.weight,
                subject,
                obj,
                scope,
                predicate,
                cue.name,
                cue.negated,
                cue.hedged,
                subject_words + object_words,
            )

    def _opposites(self, predicate: Token, object_words: list[Token]) -> list[Arg]:
        """ "helps you sleep", "improves sleep quality": the good brought, as relief of the
        condition that lacks it (``relief_of_opposite`` in the cue table)."""
        table = self.cues.relief_of_opposite
        words = [*object_words, *(c for c in predicate.children if c.dep_ == "xcomp")]
        words += [c for w in object_words for c in w.children if c.dep_ == "compound"]
        found = []
        for word in words:
            entity = table.get(word.lemma_.lower())
            named = self._entity_called(entity) if entity is not None else None
            if named is not None and not word.ent_type_:
                found.append(Arg(named, word))
        return found

    def _entity_called(self, name: str) -> str | None:
        """A cue's fixed object: an entity id, or a name the vocabulary gives an entity."""
        return name if name in self.known else self.lexicon.entity_named(name)

    def _same_as(
        self, predicate: Token, object_words: list[Token], subjects: list[Arg]
    ) -> list[tuple[Arg, Arg]]:
        """ "X acts on the same receptors as Y": Y does the same, so (Y, receptors) is a
        pair too; and a bare noun ("receptors") is named by Y's kind of thing with it
        ("opioid receptors") when the vocabulary has that name, for X as for Y."""
        pairs: list[tuple[Arg, Arg]] = []
        for word in (m for w in object_words for m in self.args.members(w)):
            if not any(c.dep_ == "amod" and c.lower_ == "same" for c in word.children):
                continue
            than = [
                c
                for c in (*word.children, *predicate.children)
                if c.i > word.i and case_of(c) == "as" and c.dep_ in ("nmod", "obl")
            ]
            compared = self.args.args(than)
            if word.ent_type_:
                same = [Arg(word.ent_type_, word)]
                pairs += [(c, o) for c in compared for o in same]
                continue
            for arg in compared:
                entity = self.lexicon.entity_named(f"{arg.token.lemma_.lower()} {word.text}")
                if entity is not None:
                    named = Arg(entity, word)
                    pairs += [(s, named) for s in (*subjects, arg)]
        return pairs

    def _slot(self, predicate: Token, slot: str | None) -> list[Token]:
        return slot_words(predicate, slot) if slot else []

    def _owner(self, noun: Token) -> list[Token]:
        """Who a relation noun or adjective is said of: the copula's subject ("X is a
        treatment for Y"), the noun it is in apposition to, or the subject of the verb
        that offers it ("X provides relief from Y")."""
        subjects = [c for c in noun.children if c.dep_.startswith("nsubj")]
        if subjects:
            return subjects
        if noun.pos_ == "ADJ" and noun.dep_ in ("amod", "advmod") and noun.head is not noun:
            mates = [c for c in noun.head.children if c.dep_.startswith("nsubj")]
            if mates and any(c.dep_ == "cop" for c in noun.head.children):
                return mates  # "Kratom is legal everywhere ...", misparsed around "legal"
        if noun.dep_ == "appos" or (noun.dep_ == "parataxis" and _after_comma(noun)):
            return [_described_by_apposition(noun)]
        if noun.dep_.startswith("nsubj") and _copular(noun.head):
            return [noun.head]  # "the symptoms of withdrawal are sweating and ...": the noun
            # is the subject, and what it is said of stands after the copula
        if noun.dep_ in ("obj", "obl") and noun.head.pos_ == "VERB":
            return slot_words(noun.head, "agent")
        if noun.dep_ == "xcomp" or noun.dep_ == "conj":
            return self._owner(noun.head)
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "nmod:poss", "amod")]
        return [m for m in modifiers if m.ent_type_]

    def _support(self, word: Token) -> tuple[Token, ...]:
        """The copula and auxiliaries a nominal predicate leans on, for scope."""
        return tuple(c for c in word.children if c.dep_ in ("cop", "aux", "aux:pass"))

    def _scope_head(self, predicate: Token) -> Token:
        """The word whose clause decides scope: an adjective or noun inside an object or
        oblique phrase reports to its verb ("gives relief from")."""
        if predicate.pos_ in ("NOUN", "ADJ") and predicate.dep_ in ("obj", "obl", "xcomp"):
            return predicate.head
        return predicate

    def _fitting(self, args: list[Arg], needed: str | None) -> list[Arg]:
        """Arguments reached through the kind of noun a cue needs, or through none that
        changes what the claim is about ("the use of opioids" is not "opioids")."""
        if needed == "effect":
            return [a for a in args if a.via in ("effect", "symptom")]
        if needed is not None:
            return [a for a in args if a.via == needed]
        return [a for a in args if a.via not in ("use", "risk")]

    def _exceptions(self, predicate: Token, object_words: list[Token]) -> list[Arg]:
        out = []
        for word in (predicate, *object_words):
            for child in word.children:
                if case_of(child) in EXCEPT_WORDS and child.ent_type_:
                    out.append(Arg(child.ent_type_, child, excepted=True))
        return out

    def _surface(self, verb: Token) -> None:
        """ "X verbs Y" read from the words themselves when the parse linked nothing to
        the verb (see ``builders.ingest.surface``)."""
        for cue in self.surface.get(verb.lower_, ()):
            pattern = LocalPattern(self.sent, verb, cue)
            before = pattern.before()
            if not before:
                continue
            after = list(pattern.objects())
            subject_words, object_words = (after, before) if pattern.reversed else (before, after)
            signature = self.signatures[cue.relation]
            subject_fits = _narrowed(signature.subject_fits, cue.subject_classes)
            object_fits = _narrowed(signature.object_fits, cue.object_classes)
            subjects = self.args.args(subject_words, subject_fits)
            objects = self.args.args(object_words, object_fits)
            reporter = pattern.reporter(before[-1])
            scope = Scope(
                negated=pattern.negated,
                modality=Modality.HEDGED if pattern.hedged else Modality.ASSERTED,
                quantifier=None,
                reporters=(reporter,) if reporter is not None else (),
                cues=("surface pattern: the parse linked no argument",),
            )
            for subject, obj in product(subjects, objects):
                self._propose(
                    cue.relation,
                    cue.weight * SURFACE_FACTOR,
                    subject,
                    obj,
                    scope,
                    verb,
                    cue.name,
                    cue.negated,
                    cue.hedged,
                    subject_words,
                )

    # -- constructions without a cue word ----------------------------------------------

    def _copula(self, token: Token) -> None:
        """ "X is an opioid" (isA), "X is addictive" (hasProperty), "the symptoms of X are
        A, B and C" (causes); "X remains a Schedule I drug" as "is"."""
        if not token.ent_type_:
            return
        if _linked(token):
            self._linked_class(token)
            return
        if not any(c.dep_ == "cop" for c in token.children):
            return
        if any(c.dep_ == "case" for c in token.children):
            return  # "they've been on kratom", "it is in Texas": no class and no property
        known = self.known.get(token.ent_type_)
        if known is None:
            return
        subject_words = [c for c in token.children if c.dep_.startswith("nsubj")]
        if not subject_words:  # "X is known to be Y", "X is natural and is safe"
            subject_words = slot_words(token, "agent") if token.dep_ != "ROOT" else []
        if not subject_words:
            subject_words = _named_before_copula(token)
        scope = read_scope(token, self._support(token))
        effects = [
            w for w in subject_words if self.cues.noun_group(w.lemma_) in ("effect", "symptom")
        ]
        if effects and known.type is EntityType.CONDITION:
            fits = self.signatures[Relation.CAUSES].subject_fits
            for subject in self._fitting(self.args.args(effects, fits), "effect"):
                for obj in self.args.args([token]):
                    self._propose(
                        Relation.CAUSES,
                        COPULA_WEIGHT,
                        subject,
                        obj,
                        scope,
                        token,
                        "causes: 'the symptoms of X are'",
                        False,
                        False,
                        subject_words,
                    )
            return
        self._as_much_as(token, scope)
        for listed in self.args.args([token]):
            if listed.token is not token and _has_own_clause(listed.token):
                continue  # "X is safe and Y is toxic": the second predicate has its own copula
            # the clause's "not" is in ``scope``, "neither ... nor" and "non-" in the list's
            # marks; a predicate after the first may add its own ("safe but not legal")
            obj = replace(listed, negated=listed.negated != _own_denial(listed.token, token))
            obj_known = self.known[obj.entity]
            is_property = obj_known.type is EntityType.PROPERTY
            relation = Relation.HAS_PROPERTY if is_property else Relation.IS_A
            if obj.token is not token and obj_known.type is not known.type and not is_property:
                continue  # "X is natural and a plant": only a listed predicate of one kind
            for subject in self.args.args(subject_words, self.signatures[relation].subject_fits):
                self._propose(
                    relation,
                    COPULA_WEIGHT,
                    subject,
                    obj,
                    scope,
                    token,
                    f"{relation.value}: copula",
                    False,
                    False,
                    subject_words,
                )

    def _as_much_as(self, prop: Token, scope: Scope) -> None:
        """ "X may be as addictive as oxycodone": the comparison takes for granted that
        oxycodone is addictive, whatever the clause says of X (its hedge or its "not")."""
        if self.known[prop.ent_type_].type is not EntityType.PROPERTY:
            return
        if not any(c.dep_ == "advmod" and c.lower_ == "as" and c.i < prop.i for c in prop.children):
            return
        than = [c for c in prop.children if c.i > prop.i and case_of(c) == "as"]
        given = replace(scope, negated=False, modality=Modality.ASSERTED, cues=())
        fits = self.signatures[Relation.HAS_PROPERTY].subject_fits
        for subject in self.args.args(than, fits):
            self._propose(
                Relation.HAS_PROPERTY,
                COPULA_WEIGHT,
                subject,
                Arg(prop.ent_type_, prop),
                given,
                prop,
                "hasProperty: 'as P as Y'",
                False,
                False,
                than,
            )

    def _linked_class(self, noun: Token) -> None:
        """ "Marijuana remains a Schedule I drug", "it became a controlled substance": a
        linking verb other than "be" says its subject is of the class it names."""
        known = self.known.get(noun.ent_type_)
        if known is None or known.type is EntityType.PROPERTY:
            return  # a property after "remains" is read by the cue table's adjectives
        verb = noun.head
        subject_words = [c for c in verb.children if c.dep_.startswith("nsubj")]
        fits = self.signatures[Relation.IS_A].subject_fits
        self._each_pair(
            Relation.IS_A,
            self.args.args(subject_words, fits),
            self.args.args([noun]),
            read_scope(verb),
            noun,
            "isA: a linking verb ('remains a')",
            subject_words,
        )

    def _each_pair(
        self,
        relation: Relation,
        subjects: list[Arg],
        objects: list[Arg],
        scope: Scope,
        predicate: Token,
        rule: str,
        words: list[Token],
    ) -> None:
        """A claim for each subject and object of a construction read as a copula is."""
        for subject, obj in product(subjects, objects):
            self._propose(
                relation, COPULA_WEIGHT, subject, obj, scope, predicate, rule, False, False, words
            )

    def _one_of(self, word: Token) -> None:
        """ "CBD is one of more than a hundred cannabinoids in the cannabis plant": the
        subject is of the class "one of" names, and comes from the plant that class is in."""
        if word.lower_ != "one" or not any(c.dep_ == "cop" for c in word.children):
            return
        groups = [c for c in word.children if case_of(c) == "of"]  # "compounds", "opioids"
        classes = [c for c in groups if c.ent_type_]
        subject_words = [c for c in word.children if c.dep_.startswith("nsubj")]
        if not groups or not subject_words:
            return
        scope = read_scope(word, self._support(word))
        is_a = self.signatures[Relation.IS_A].subject_fits
        derived = self.signatures[Relation.DERIVED_FROM]
        sources = [  # "in the plant", hung on the group or on "one"
            c for k in (*groups, word) for c in k.children if case_of(c) in ("in", "from")
        ]
        subjects = self.args.args(subject_words, is_a)
        self._each_pair(
            Relation.IS_A,
            subjects,
            self.args.args(classes),
            scope,
            word,
            "isA: 'one of' a class",
            subject_words,
        )
        plants = [
            source
            for source in self.args.args(sources, derived.object_fits)
            if self.known[source.entity].kind in (SubstanceKind.PLANT, SubstanceKind.PREPARATION)
        ]
        self._each_pair(
            Relation.DERIVED_FROM,
            subjects,
            plants,
            scope,
            word,
            "derivedFrom: 'one of' the compounds in a plant",
            subject_words,
        )

    def _property_of_class(self, noun: Token) -> None:
        """ "Loperamide is a safe diarrhea remedy", "kratom is not a harmless herb": a
        property that modifies the predicate noun is said of the subject too."""
        if noun.pos_ not in ("NOUN", "PROPN") or not any(c.dep_ == "cop" for c in noun.children):
            return
        props = [
            c
            for c in noun.children
            if c.dep_ == "amod"
            and c.ent_type_
            and self.known[c.ent_type_].type is EntityType.PROPERTY
            and c.i < noun.i
        ]
        subject_words = [c for c in noun.children if c.dep_.startswith("nsubj")]
        if not props or not subject_words:
            return
        fits = self.signatures[Relation.HAS_PROPERTY].subject_fits
        self._each_pair(
            Relation.HAS_PROPERTY,
            self.args.args(subject_words, fits),
            [Arg(prop.ent_type_, prop) for prop in props],
            read_scope(noun, self._support(noun)),
            noun,
            "hasProperty: a property of the class it is said to be",
            subject_words,
        )

    def _has_property(self, token: Token) -> None:
        """ "X has addictive properties", "X has none of the addictive properties": a
        property that modifies the object of "have"."""
        if token.lemma_ != "have" or token.pos_ not in ("VERB", "AUX"):
            return
        scope = read_scope(token)
        has_property = self.signatures[Relation.HAS_PROPERTY]
        subject_words = slot_words(token, "agent")
        for obj_word in slot_words(token, "patient"):
            nouns = [obj_word, *(c for c in obj_word.children if case_of(c) == "of")]
            props = [
                c
                for n in nouns
                for c in n.children
                if c.ent_type_ and self.known[c.ent_type_].type is EntityType.PROPERTY
            ]
            if obj_word.ent_type_ and self.known[obj_word.ent_type_].type is EntityType.PROPERTY:
                props.append(obj_word)
            denied = obj_word.lower_ in ("none", "no") or any(
                c.lower_ == "no" for c in obj_word.children
            )
            for subject in self.args.args(subject_words, has_property.subject_fits):
                for prop in props:
                    obj = Arg(prop.ent_type_, prop, negated=denied)
                    self._propose(
                        Relation.HAS_PROPERTY,
                        COPULA_WEIGHT,
                        subject,
                        obj,
                        scope,
                        token,
                        "hasProperty: 'has ... properties'",
                        False,
                        False,
                        subject_words,
                    )

    def _apposition_and_such_as(self, token: Token) -> None:
        """ "oxycodone, an opioid," and "opioids such as oxycodone": the member isA the class."""
        known = self.known.get(token.ent_type_) if token.ent_type_ else None
        if known is None or known.type is not EntityType.SUBSTANCE:
            return
        for child in token.children:
            member_known = self.known.get(child.ent_type_) if child.ent_type_ else None
            if member_known is None or member_known.type is not EntityType.SUBSTANCE:
                continue
            scope = read_scope(token)
            if child.dep_ == "appos" and any(c.dep_ == "det" for c in child.children):
                self._propose(
                    Relation.IS_A,
                    COPULA_WEIGHT,
                    Arg(token.ent_type_, token),
                    Arg(child.ent_type_, child),
                    scope,
                    child,
                    "isA: apposition",
                    False,
                    False,
                    [token, child],
                )
            elif case_of(child) == "such" or (
                child.dep_ == "conj" and any(c.lower_ == "other" for c in child.children)
            ):
                members = (
                    self.args.args([child])
                    if case_of(child) == "such"
                    else [Arg(token.ent_type_, token)]
                )
                cls = (
                    Arg(token.ent_type_, token)
                    if case_of(child) == "such"
                    else Arg(child.ent_type_, child)
                )
                for member in members:
                    self._propose(
                        Relation.IS_A,
                        COPULA_WEIGHT,
                        member,
                        cls,
                        scope,
                        child,
                        "isA: 'such as' / 'and other'",
                        False,
                        False,
                        [token, child],
                    )

    def _such_as_in_order(self, such: Token) -> None:
        """ "opioid painkillers such as oxycodone or morphine", read from the word order
        when the parser hung the list elsewhere: the mention just before "such as" is the
        class, the mention just after it and its list are the members."""
        doc, sent = such.doc, self.sent
        if such.lower_ != "such" or such.i + 2 >= sent.end or doc[such.i + 1].lower_ != "as":
            return
        before = such.i - 1
        while before > sent.start and doc[before].is_punct:
            before -= 1
        cls, first = doc[before], doc[such.i + 2]
        cls_known, member_known = self.args.known(cls), self.args.known(first)
        if cls_known is None or member_known is None:
            return
        if cls_known.type is not EntityType.SUBSTANCE or member_known.type is not cls_known.type:
            return
        scope = read_scope(cls)
        for member in self.args.args([first]):
            self._propose(
                Relation.IS_A,
                COPULA_WEIGHT,
                member,
                Arg(cls.ent_type_, cls),
                scope,
                first,
                "isA: 'such as' (word order)",
                False,
                False,
                [cls, first],
            )

    def _colon_list(self, colon: Token) -> None:
        """ "Stopping brings on withdrawal: sweating, aches and diarrhea", "Side effects were
        mild: nausea (18%) and dizziness (11%)": conditions listed after a colon are caused
        by the condition the colon follows, or by the owner of the symptoms or effects named
        before it. The list is read from the words (the parser hangs such lists anywhere);
        it must be a list of noun phrases, with no verb of its own."""
        if colon.text != ":":
            return
        doc = colon.doc
        left = doc[self.sent.start : colon.i]
        right = list(doc[colon.i + 1 : self.sent.end])
        stop = next((i for i, t in enumerate(right) if t.text in (":", ";")), len(right))
        right = right[:stop]
        if not left or any(_clause_verb(t) for t in right):
            return
        signature = self.signatures[Relation.CAUSES]
        listed = [
            arg
            for word in right
            if word.ent_type_ and not word.is_punct
            for arg in self.args.args([word], signature.object_fits)
        ]
        if len(listed) < 2:
            return  # one noun after a colon is a label or a gloss, not a list
        topic = self._colon_topic(left, signature.subject_fits)
        if topic is None:
            return
        scope = read_scope(self._scope_head(left.root))
        for item in listed:
            self._propose(
                Relation.CAUSES,
                LIST_ITEM_WEIGHT,
                topic,
                item,
                scope,
                colon,
                "causes: conditions listed after a colon",
                False,
                False,
                [topic.token, item.token],
            )

    def _colon_topic(self, left: Span, fits: Callable[[Known], bool]) -> Arg | None:
        """What a list after a colon is caused by; always named before the colon, never by
        the list the parser may hang on a word before it ("were mild: nausea and ...")."""
        words = [t for t in left if not (t.is_punct or t.is_space)]
        if not words:
            return None
        last = words[-1]
        found = [a for a in self.args.args([last], fits) if a.token.i < left.end]
        if found and self.known[found[0].entity].type is EntityType.CONDITION:
            return found[0]  # "... brings on withdrawal: A, B"
        for word in words:
            if self.cues.noun_group(word.lemma_) in ("symptom", "effect") and not word.ent_type_:
                found = [a for a in self.args.args([word], fits) if a.token.i < left.end]
                if found:
                    return found[0]  # "side effects were mild: A, B", "symptoms: A, B"
        return None

    def _made_to_feel(self, verb: Token) -> None:
        """ "it made them anxious or dizzy", "higher doses left me dizzy and nauseous": a
        verb of ``state_verbs`` whose complement is an adjective of ``state_adjectives``
        says its subject causes that condition."""
        if verb.lemma_.lower() not in self.cues.state_verbs or verb.pos_ != "VERB":
            return
        table = self.cues.state_adjectives
        complements = [  # "make you drowsy"; the parser may take "drowsy" for a noun object
            c  # ("get drowsy from it") and "high" for an adverb ("gets users high")
            for c in verb.children
            if (c.dep_ == "xcomp" and c.pos_ in ("ADJ", "ADV"))
            or (c.dep_ in ("xcomp", "obj", "advmod") and c.lower_ in table and c.i > verb.i)
        ]
        people = [c for c in verb.children if c.dep_ in ("obj", "iobj") and c not in complements]
        states = [m for c in complements for m in self.args.members(c)]
        states += [  # "made them anxious": the parser may hang the adjective on the person
            a
            for o in people
            for a in o.children
            if a.dep_ in ("amod", "xcomp") and a.pos_ == "ADJ" and a.i > o.i
        ]
        objects = []
        for state in states:
            name = table.get(state.lower_)
            entity = self._entity_called(name) if name is not None else None
            if entity is not None:
                objects.append(Arg(entity, state))
        if not objects:
            return
        subject_words = slot_words(verb, "agent")
        scope = read_scope(verb)
        if not people:
            # "nobody can get high from it": the subject feels the state, the "from"
            # phrase brings it on, and a denied feeler ("nobody", "no one") denies it
            subject_words = [w for c in (verb, *complements) for w in slot_words(c, "from")]
            if any(negative_subject(w) for w in slot_words(verb, "agent")):
                cue = "negation: nobody is brought to the state"
                scope = replace(scope, negated=not scope.negated, cues=(*scope.cues, cue))
        for subject in self.args.args(subject_words, _is_remedy):  # a thing taken or done
            for obj in objects:
                self._propose(
                    Relation.CAUSES,
                    COPULA_WEIGHT,
                    subject,
                    obj,
                    scope,
                    verb,
                    "causes: 'made/left someone' + a condition's adjective",
                    False,
                    False,
                    subject_words,
                )

    def _takers_come_to_feel(self, word: Token) -> None:
        """ "Almost everyone who takes oxycodone becomes constipated", "friends who took it
        daily got hooked": people said to take a drug come to feel a state of
        ``state_adjectives``, so the drug causes it. Only asserted: "most people who take it
        never become addicted" says little about whether it can, so a denial claims nothing."""
        table = self.cues.state_adjectives
        if word.lower_ not in table:
            return
        verb = word.head if word.dep_ in ("xcomp", "obj") else word
        helpers = {c.lemma_.lower() for c in word.children if c.dep_ in ("aux", "aux:pass")}
        if verb is word and not helpers & self.cues.experiencer_verbs:
            return  # "got hooked": the state word is the clause's own predicate
        if verb is not word and verb.lemma_.lower() not in self.cues.experiencer_verbs:
            return
        state = self._entity_called(table[word.lower_])
        if state is None:
            return
        scope = read_scope(verb)
        if scope.negated:
            return
        takers = [c for c in verb.children if c.dep_.startswith("nsubj")]
        taken = [
            o
            for person in takers
            for clause in person.subtree
            if clause.dep_ == "acl:relcl" and clause.lemma_.lower() in self.cues.taking_verbs
            for o in clause.children
            if o.dep_ == "obj"
        ]
        self._each_pair(
            Relation.CAUSES,
            self.args.args(taken, _is_remedy),
            [Arg(state, word)],
            scope,
            verb,
            "causes: people who take it come to feel a state",
            [*taken, word],
        )

    def _approved_for_nothing_named(self, word: Token) -> None:
        """ "X is not approved (by the FDA) for any medical use", "has never been approved
        for people", "is not an approved medicine": an approval that names no condition is
        the property FDA-approved (``SPLIT.md``'s convention; with a condition it is
        prescribedFor, which the cue table reads)."""
        if word.lemma_.lower() not in APPROVAL_WORDS or word.pos_ not in ("VERB", "ADJ"):
            return
        approved = self._entity_called(APPROVED_PROPERTY)
        if approved is None:
            return
        purposes = [*slot_words(word, "for"), *slot_words(word, "to")]
        purposes += [c for c in word.children if c.dep_ == "xcomp" and case_of(c) == "to"]
        if not all(_general_purpose(p) for p in purposes):
            return  # "approved for epilepsy": a condition, named or not, is prescribedFor's
        if word.dep_ == "amod" and any(c.dep_ == "cop" for c in word.head.children):
            subject_words = [c for c in word.head.children if c.dep_.startswith("nsubj")]
            scope = read_scope(word.head)  # "kratom is not an approved medicine"
        else:
            subject_words = slot_words(word, "patient")
            scope = _with_denied_agent(word, read_scope(self._scope_head(word)))
        for subject in self.args.args(subject_words, _is_remedy):  # what is approved
            self._propose(
                Relation.HAS_PROPERTY,
                COPULA_WEIGHT,
                subject,
                Arg(approved, word),
                scope,
                word,
                "hasProperty: approved with no condition named",
                False,
                False,
                subject_words,
            )

    def _for_phrase(self, token: Token) -> None:
        """ "kratom for opioid withdrawal": usedFor, or treats in a headline."""
        if not token.ent_type_:
            return
        targets = [c for c in token.children if case_of(c) == "for" and c.ent_type_]
        doc = token.doc
        adjacent = token.i + 2 < self.sent.end and doc[token.i + 1].lower_ == "for"
        if not targets and adjacent and doc[token.i + 2].ent_type_:
            targets = [doc[token.i + 2]]  # "Kratom for Opioid Withdrawal", misparsed
        if targets and _after_exchange_verb(token):
            self._exchanged(token, targets)
            return
        for child in targets:
            relation = Relation.TREATS if self.headline else Relation.USED_FOR
            weight = HEADLINE_FOR_WEIGHT if self.headline else FOR_WEIGHT
            scope = read_scope(token)
            signature = self.signatures[relation]
            for subject in self.args.args([token], _is_remedy):
                for obj in self.args.args([child], signature.object_fits):
                    if self._related(subject.entity, obj.entity):
                        continue  # a verb already said how ("prescribe X for Y")
                    self._propose(
                        relation,
                        weight,
                        subject,
                        obj,
                        scope,
                        child,
                        f"{relation.value}: 'X for Y'",
                        False,
                        False,
                        [token, child],
                    )

    def _exchanged(self, given_up: Token, taken: list[Token]) -> None:
        """ "patients swap opioids for cannabis": cannabis reducesUseOf opioids, whatever
        the parser made of "swap" (often a noun before an unfamiliar name)."""
        signature = self.signatures[Relation.REDUCES_USE_OF]
        scope = read_scope(given_up.head if given_up.dep_ != "ROOT" else given_up)
        for obj in self.args.args([given_up], signature.object_fits):
            for subject in self.args.args(taken, signature.subject_fits):
                self._propose(
                    Relation.REDUCES_USE_OF,
                    FOR_WEIGHT,
                    subject,
                    obj,
                    scope,
                    given_up,
                    "reducesUseOf: 'swap X for Y'",
                    False,
                    False,
                    [given_up, *taken],
                )

    def _related(self, subject: str, obj: str) -> bool:
        return any(c.subject == subject and c.object == obj for c, _ in self.found)

    # -- making the proposal -----------------------------------------------------------

    def _propose(
        self,
        relation: Relation,
        weight: float,
        subject: Arg,
        obj: Arg,
        scope: Scope,
        predicate: Token,
        rule: str,
        cue_negated: bool,
        cue_hedged: bool,
        words: list[Token],
    ) -> None:
        if subject.entity == obj.entity:
            return
        s_known, o_known = self.known.get(subject.entity), self.known.get(obj.entity)
        if s_known is None or o_known is None or s_known.type is EntityType.PROPERTY:
            return  # a property ("addictive") is said of things, never the one saying
        signature = self.signatures[relation]
        if not signature.accepts(
            class_name(s_known.type, s_known.kind), class_name(o_known.type, o_known.kind)
        ):
            return
        if relation is Relation.IS_A and s_known.type is not o_known.type:
            return  # a class holds things of its own kind: a symptom is never a tea
        if relation is Relation.HAS_PROPERTY and subject.via in ("effect", "symptom"):
            return  # "its side effects were mild" says nothing of how mild the drug is
        negated = cue_negated ^ scope.negated ^ (subject.negated or obj.negated) ^ obj.excepted
        modality = scope.modality
        first = min((predicate, subject.token, obj.token), key=lambda t: t.i)
        if under_denied_evidence(first) and not negated:
            negated = True  # "no evidence that X treats Y": not shown, so denied and hedged
            modality = Modality.HEDGED if modality is Modality.ASSERTED else modality
        if cue_hedged and modality is Modality.ASSERTED:
            modality = Modality.HEDGED
        quantifier = scope.quantifier or _first_quantifier(words)
        sources = self._sources(scope)
        inferred = int(subject.inferred) + int(obj.inferred)
        confidence = round(weight * INFERRED_FACTOR**inferred, 2)
        tokens = [predicate, subject.token, obj.token]
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        claim = Claim(
            subject.entity, relation, obj.entity, negated, self._qualifiers(predicate, relation)
        )
        cues = (
            (rule, *scope.cues)
            + (("subject inferred",) if subject.inferred else ())
            + (("object inferred",) if obj.inferred else ())
        )
        proposal = Proposal(claim, start, end, modality, confidence, sources, cues, quantifier)
        key = (claim, quantifier)
        held = self.found.get(key)
        if held is None or held.confidence < proposal.confidence:
            self.found[key] = proposal

    def _sources(self, scope: Scope) -> tuple[str, ...]:
        out: list[str] = []
        for word in scope.reporters:
            for source in self._source_of(word):
                if source not in out:
                    out.append(source)
        return tuple(out)

    def _source_of(self, word: Token) -> list[str]:
        organizations = [a.entity for a in self.args.args([word], _is_organization)]
        if organizations:
            return organizations
        if word.ent_type_:
            return []
        for child in word.children:
            if case_of(child) in ("by", "from", "of") or child.dep_ in ("compound", "nmod:poss"):
                found = self._source_of(child)
                if found:
                    return found
        generic = unnamed_source(word)
        if generic is not None and generic in self.known:
            return [generic]
        self.unresolved.append(word)
        return []

    def _qualifiers(self, predicate: Token, relation: Relation) -> Qualifiers:
        if relation is Relation.LEGAL_IN:
            return Qualifiers()
        for child in predicate.children:
            if case_of(child) in ("in", "across", "throughout") and child.ent_type_:
                known = self.known.get(child.ent_type_)
                if known is not None and known.type is EntityType.JURISDICTION:
                    return Qualifiers(jurisdiction=known.id)
        return Qualifiers()


def _named_before_copula(predicate: Token) -> list[Token]:
    """The mentions listed just before a subjectless predicate's copula ("..., A and B are
    safe", misparsed with no subject): a list of mentions joined by commas, "and" or "or",
    none of them a preposition's object."""
    cops = [c for c in predicate.children if c.dep_ == "cop" and c.i < predicate.i]
    if not cops:
        return []
    doc, start = predicate.doc, predicate.sent.start
    i, named = cops[0].i - 1, []
    while i >= start and doc[i].pos_ == "ADV":
        i -= 1
    while i >= start and doc[i].ent_type_ and case_of(doc[i]) is None:
        named.append(doc[i])
        i -= 1
        if i >= start and doc[i].lower_ in (",", "and", "or"):
            i -= 1
            if i >= start and doc[i].text == ",":
                i -= 1
        else:
            break
    return named[::-1]


def _with_denied_agent(predicate: Token, scope: Scope) -> Scope:
    """ "Neither the FDA nor any regulator has approved X for Y", "no state bans X": a
    denied agent that is no argument of the claim denies the claim."""
    if not any(denied_word(a) for a in slot_words(predicate, "agent")):
        return scope
    cue = "negation: the agent is denied ('neither/nor', 'no')"
    return replace(scope, negated=not scope.negated, cues=(*scope.cues, cue))


def _general_purpose(phrase: Token) -> bool:
    """ "for any medical use", "for anything", "to treat any condition", "for people": a
    purpose that names no condition."""
    words = {w.lower_ for w in phrase.subtree}
    named = any(w.ent_type_ for w in phrase.subtree)
    return not named and bool(words & GENERAL_PURPOSES)


def _clause_verb(word: Token) -> bool:
    """A verb with a clause of its own (not a participle modifying a noun: "a racing pulse")."""
    return word.pos_ in ("VERB", "AUX") and word.dep_ not in ("amod", "compound", "acl")


def _predicative(word: Token) -> bool:
    """A word said of its subject: with a copula or auxiliary ("they are / got addicted"),
    or completing a verb ("became dependent")."""
    return word.dep_ == "xcomp" or any(c.dep_ in ("cop", "aux", "aux:pass") for c in word.children)


def _verb_lemmas(form: str) -> Iterator[str]:
    """Base forms a verb form may have, for when the lemmatizer got it wrong ("reverses"
    given as "revers"): the form less a regular ending ("-es", "-ed", "-ing" ...)."""
    for ending, base in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "")):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            stem = form[: -len(ending)] + base
            yield stem
            if ending in ("es", "ed"):
                yield stem + "e"  # "reverses" -> "revers", "reverse"; "eased" -> "eas", "ease"
    if form.endswith("ing") and len(form) > 5:
        yield form[:-3]
        yield form[:-3] + "e"


YES_ANSWERS = frozenset({"yes", "mostly", "generally", "usually", "largely"})


def _answered(asked: list[Proposal], answer: Span) -> list[Proposal]:
    """The claims of a question that the next sentence answers "yes" to ("Is it safe?
    Mostly, at the doses sold for pets."), now asserted; any other answer, or none, leaves
    the question asserting nothing."""
    if not asked or answer[0].lower_ not in YES_ANSWERS:
        return []
    cue = f"answered '{answer[0].text}' by the next sentence"
    return [
        replace(
            p,
            modality=Modality.ASSERTED if p.modality is Modality.SPECULATIVE else p.modality,
            cues=(*p.cues, cue),
        )
        for p in asked
    ]


def _pronoun_referents(sent: Span, args: ArgumentReader, discourse: Discourse) -> list[str]:
    """What the sentence's "it" meant, read before its own names are counted: the thing
    named earlier in the sentence, or the topic, or the latest thing named in the singular
    before it (a later "it" most likely means it too). None when a named subject of the
    main clause takes over as the topic."""
    if _main_subjects(sent):
        return []

    def thing(known: Known) -> bool:
        return known.type is EntityType.SUBSTANCE

    pronouns = [t for t in sent if t.lower_ in ("it", "its") and t.dep_ != "expl"]
    pronouns.sort(key=lambda t: (not t.dep_.startswith("nsubj"), t.i))  # the subject first
    for pronoun in pronouns:
        entity = args.earlier_in_sentence(pronoun, thing) or discourse.antecedent(
            thing, singular=True
        )
        if entity is not None:
            return [entity]
    return []


def _main_subjects(sent: Span) -> list[str]:
    """The entities named as the subject of the sentence's main clause."""
    return [
        t.ent_type_
        for t in sent
        if t.ent_type_
        and t.dep_.startswith("nsubj")
        and t.head.i == sent.root.i
        and not is_predicate_nominal(t)  # "X is a hormone your body makes", misparsed
    ]


LINKING_VERBS = frozenset({"remain", "become", "stay"})


def _linked(noun: Token) -> bool:
    """ "a Schedule I drug" in "marijuana remains a Schedule I drug": a noun completing a
    linking verb, which says what its subject is as "is" does (the parser may call it the
    verb's object, which these verbs never have)."""
    return (
        noun.dep_ in ("xcomp", "obj")
        and noun.pos_ in ("NOUN", "PROPN")
        and noun.head.lemma_.lower() in LINKING_VERBS
    )


def _takes_object(token: Token) -> bool:
    """A word the tagger called a noun but the parser gave a direct object, or a subject
    with no copula: only a verb has them ("Our physicians prescribe buprenorphine",
    "Kratom acts on ...", with "prescribe" and "acts" tagged NOUN)."""
    if token.pos_ != "NOUN":
        return False
    deps = {c.dep_ for c in token.children}
    return "obj" in deps or ("nsubj" in deps and "cop" not in deps and token.dep_ == "ROOT")


def _own_denial(predicate: Token, head: Token) -> bool:
    """Whether a predicate after the first in a list has a "not" of its own ("safe but not
    legal", read as scope reads any word's denial); the first one's "not" is the clause's."""
    return predicate is not head and denied(predicate)


def _has_own_clause(predicate: Token) -> bool:
    """A listed predicate with its own copula or subject ("and Y is toxic")."""
    return any(c.dep_ == "cop" or c.dep_.startswith("nsubj") for c in predicate.children)


def _purpose_gerund(verb: Token) -> bool:
    """A gerund under "for" ("for treating Y"): the purpose of what governs it."""
    return is_ing_form(verb) and case_of(verb) == "for" and verb.head is not verb


def _after_exchange_verb(noun: Token) -> bool:
    """ "swap opioids for", "trading their pills for": an exchange verb just before the
    noun phrase, past its determiners and possessives."""
    index = noun.i - 1
    while index >= noun.sent.start and noun.doc[index].lower_ in EXCHANGE_SKIPPED:
        index -= 1
    if index < noun.sent.start:
        return False
    word = noun.doc[index].lower_
    return bool({word, *_verb_lemmas(word)} & EXCHANGE_VERBS)


def _gerund_subject(verb: Token) -> bool:
    """A gerund without a subject before the verb it hangs on ("Selling kratom in Y can lead
    to charges"): the subject of that verb (the parser may call it csubj or advcl)."""
    if not is_ing_form(verb) or any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children):
        return False
    if verb.dep_ == "conj":  # "Buying, selling or possessing X ...": as the first one is
        return _gerund_subject(verb.head)
    return verb.dep_.split(":")[0] in ("csubj", "advcl") and verb.i < verb.head.i


def _copular(head: Token) -> bool:
    """Whether ``head`` is the predicate of a copula: "is a remedy", or a gerund the parser
    took for a progressive verb ("symptoms are sweating and ...")."""
    return any(
        c.dep_ == "cop" or (c.dep_ == "aux" and c.lemma_ == "be" and head.lower_.endswith("ing"))
        for c in head.children
    )


def _after_comma(noun: Token) -> bool:
    """ "..., the standard treatment for Y": a noun phrase set off by a comma."""
    doc, left = noun.doc, noun.left_edge.i
    while left < noun.i and doc[left].is_punct and doc[left].text != ",":
        left += 1
    if doc[left].text == ",":
        return True
    return left > noun.sent.start and doc[left - 1].text == ","


def _described_by_apposition(noun: Token) -> Token:
    """What an apposition describes: the noun phrase just before it ("methadone or
    buprenorphine, the proven treatments for ..."), taken as its whole list, when that is
    a mention; else the parser's head."""
    before = noun.left_edge.i - 1
    doc = noun.doc
    while before >= noun.sent.start and doc[before].is_punct:
        before -= 1
    if before < noun.sent.start or not doc[before].ent_type_:
        return noun.head
    first = doc[before]
    while first.dep_ == "conj" and first.head is not first and first.head.ent_type_:
        first = first.head
    return first


def _narrowed(
    fits: Callable[[Known], bool], classes: frozenset[str] | None
) -> Callable[[Known], bool]:
    if classes is None:
        return fits
    return lambda known: fits(known) and class_name(known.type, known.kind) in classes


def _is_remedy(known: Known) -> bool:
    """What "X for Y" can offer as a remedy: a substance or a method, not an agency."""
    return known.type in (EntityType.SUBSTANCE, EntityType.METHOD)


def _is_organization(known: Known) -> bool:
    return known.type is EntityType.ORGANIZATION


def _first_quantifier(words: list[Token]) -> str | None:
    return next((q for w in words if (q := argument_quantifier(w))), None)
