"""Where a predicate's arguments stand in the parse, and which entities they name.

A slot ("agent", "patient" or a preposition) is read from the predicate's dependents, with
voice taken into account, and inherited along the parse when the predicate has none of its
own: a conjoined verb shares its subject ("eases pain and reduces cravings"), a controlled
verb takes its controller's ("helps relieve"), a relative clause or participle takes the
noun it describes ("alkaloids that bind to ...", "drugs derived from opium").

A slot's word names entities directly (a merged mention), through an anaphor ("it", "the
plant", "its leaves"), through the noun it modifies or is modified by ("kratom leaves", "the
use of opioids", "withdrawal symptoms") or through a list ("A, B and C", "such as A and B").
Each entity found carries what the reader must know to state the claim faithfully: whether
it was inferred, and whether it stands under "neither/nor", "no" or "except".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TypedDict

from spacy.tokens import Token

from builders.ingest.lexicon import Known, singular
from builders.ingest.nlp import HYPHENS
from builders.records import EntityType, SubstanceKind

SUBJECTS = ("nsubj", "csubj")
CLAUSE_MATES = ("amod", "advmod", "xcomp", "conj")  # an adjective read into its clause's head
PASSIVE_SUBJECTS = ("nsubj:pass", "csubj:pass")
OBJECTS = ("obj", "iobj")
PREP_DEPS = ("obl", "nmod", "advcl", "acl", "xcomp", "advmod", "compound:prt")
MODIFIER_DEPS = ("compound", "nmod:poss", "nmod", "amod", "appos", "obl", "flat")
# "X lets users quit Y", "X helps people stop using Y": the verb's object does the second
# verb; when an enabling verb's object is a person, the claim is the causer's ("X
# reducesUseOf Y"), as the person is no argument a relation takes
CONTROL_BY_OBJECT = frozenset(
    {"allow", "enable", "let", "make", "get", "help", "assist"}
    | {"show", "find", "prove", "consider", "believe", "deem", "declare"}  # "shown X to be Y"
)
ENABLING = frozenset({"allow", "enable", "let", "help", "assist"})
PERMITTING = frozenset({"allow", "let", "permit"})  # "allow adults to buy X": X is allowed
PERSON_NOUNS = frozenset(
    {"people", "person", "patient", "user", "member", "adult", "teen", "veteran", "consumer"}
    | {"customer", "individual", "client", "smoker", "them", "someone", "anyone", "many"}
    | {"mother", "father", "parent", "child", "friend", "husband", "wife", "son", "daughter"}
)
PERSONAL_PRONOUNS = frozenset({"it", "they", "them", "its", "their", "this", "these", "itself"})
SINGULAR_PRONOUNS = frozenset({"it", "its", "itself", "this"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "these", "those", "both"})
PAIR_WORDS = frozenset({"both", "neither"})
# parts of a substance that stand for it when it owns them ("kratom's alkaloids")
PART_NOUNS = frozenset({"alkaloid", "compound", "constituent", "ingredient", "chemical"})
# "most states", "some states": quantifiers under which "states" means the US states
STATE_QUANTIFIERS = frozenset(
    {"most", "many", "some", "several", "other", "all", "few", "dozens", "half"}
)
STATES_ENTITY = "US states"  # a name of the United States in the vocabulary
PARTITIVES = frozenset({"none", "all", "each", "both", "neither", "either", "any"})
MENTION_PREPOSITIONS = frozenset({"of", "from", "for", "in", "on", "to", "with"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
ANAPHOR_NOUNS: dict[str, tuple[EntityType, SubstanceKind | None]] = {
    "drug": (EntityType.SUBSTANCE, None),
    "substance": (EntityType.SUBSTANCE, None),
    "compound": (EntityType.SUBSTANCE, None),
    "medication": (EntityType.SUBSTANCE, None),
    "medicine": (EntityType.SUBSTANCE, None),
    "supplement": (EntityType.SUBSTANCE, None),
    "product": (EntityType.SUBSTANCE, None),
    "herb": (EntityType.SUBSTANCE, SubstanceKind.PLANT),
    "plant": (EntityType.SUBSTANCE, SubstanceKind.PLANT),
    "tree": (EntityType.SUBSTANCE, SubstanceKind.PLANT),
    "leaf": (EntityType.SUBSTANCE, SubstanceKind.PLANT),
    "agency": (EntityType.ORGANIZATION, None),
    "organization": (EntityType.ORGANIZATION, None),
    "state": (EntityType.JURISDICTION, None),
    "country": (EntityType.JURISDICTION, None),
}
PEOPLE = frozenset({"you", "i", "we", "he", "she", "me", "us", "him", "her", "someone", "anyone"})
QUESTION_WORDS = frozenset({"what", "who", "whom", "which", "whatever", "whoever"})
DEMONSTRATIVES = frozenset({"the", "this", "that", "these", "those", "its", "their"})
EXCEPT_WORDS = frozenset({"except", "excluding", "but"})
INCLUDING_WORDS = frozenset({"including", "like"})


class Marks(TypedDict):
    """What stands over one argument: a denial ("neither", "no", "non-") or "except"."""

    negated: bool
    excepted: bool


@dataclass(frozen=True, slots=True)
class Arg:
    """An entity an argument slot names, and how the words name it."""

    entity: str
    token: Token  # the word in this sentence that names it (the anaphor, when inferred)
    inferred: bool = False
    negated: bool = False  # under "neither ... nor", "no", "none of"
    excepted: bool = False  # under "except"
    via: str | None = None  # the noun it was reached through ("use", "symptom")
    quantifier: str | None = None  # "some", "most": how much of it the claim covers


@dataclass(slots=True)
class Discourse:
    """What the reader carries from sentence to sentence: the entities in order of mention,
    the latest last, with the subjects of the latest sentence's claims after its mentions."""

    known: dict[str, Known]
    recent: list[str] = field(default_factory=list)
    plural: dict[str, bool] = field(default_factory=dict)  # as last named ("opioids")
    group: tuple[str, ...] = ()  # the latest list of two or more ("kratom and CBD")
    with_symptoms: set[str] = field(default_factory=set)  # conditions said to cause others
    # what the latest sentence was about: its main clause's subject, named or meant by "it"
    # ("It can cause liver problems, and it interacts with drugs that CBD does. Some who
    # use it ...": the last "it" means the topic, not CBD, the latest thing named)
    topic: str | None = None

    def listed(self, entities: list[str]) -> None:
        """A list of entities was named: "they", "both", "none of them" may mean it next."""
        unique = tuple(dict.fromkeys(e for e in entities if e in self.known))
        if len(unique) >= 2:
            self.group = unique

    def saw(self, entity: str, plural: bool | None = None) -> None:
        if entity in self.known:
            if entity in self.recent:
                self.recent.remove(entity)
            self.recent.append(entity)
            if plural is not None:
                self.plural[entity] = plural

    def antecedent(self, accepts: Callable[[Known], bool], singular: bool = False) -> str | None:
        """The latest entity the reader could mean, of a class the slot accepts; for a
        singular pronoun ("it"), one last named in the singular, the topic first."""
        if singular and self.topic is not None and not self.plural.get(self.topic, False):
            known = self.known[self.topic]
            if known.type is not EntityType.PROPERTY and accepts(known):
                return self.topic
        for entity in reversed(self.recent):
            known = self.known[entity]
            if singular and self.plural.get(entity, False):
                continue
            if known.type is not EntityType.PROPERTY and accepts(known):
                return entity
        return None


def is_passive(token: Token) -> bool:
    if any(c.dep_ in ("aux:pass", *PASSIVE_SUBJECTS) for c in token.children):
        return True
    return (
        token.dep_ in ("acl", "amod")
        and "Part" in token.morph.get("VerbForm", [])
        and ("Past" in token.morph.get("Tense", []) or token.tag_ == "VBN")
    )


def case_of(token: Token) -> str | None:
    """The preposition heading a phrase ("on" in "on receptors"), as one lower-case word
    ("according", "such" for "such as", "because" for "because of")."""
    for child in token.children:
        if child.dep_ in ("case", "mark") and child.i < token.i:
            return child.lower_
    return None


def slot_words(predicate: Token, slot: str) -> list[Token]:
    """The words that fill ``slot`` of ``predicate``, with inheritance along the parse."""
    if slot == "agent":
        found = _agent(predicate)
    elif slot == "patient":
        found = _patient(predicate)
    else:
        phrases = [c for c in predicate.children if c.dep_.split(":")[0] in PREP_DEPS]
        found = [c for c in phrases if case_of(c) == slot]
        found += [  # "in the same way and with the same receptor": a conjunct's own case
            c
            for p in phrases
            for c in p.children
            if c.dep_ == "conj" and case_of(c) == slot and c not in found
        ]
        found += _included(found, phrases)
        if not found:  # "legal everywhere in X", "banned only in X": through the adverb
            found = [
                c
                for adverb in predicate.children
                if adverb.dep_ == "advmod" and adverb.pos_ == "ADV"
                for c in adverb.children
                if c.dep_.split(":")[0] in PREP_DEPS and case_of(c) == slot
            ]
        if not found and slot == "in":  # "legal for adults in X": the parser may hang the
            found = [  # place on the population the "for" phrase names, or on the verb of
                c  # "legal to sell and possess in X"
                for p in (
                    *(p for p in phrases if case_of(p) == "for"),
                    *(  # "to sell": an xcomp, or an advcl with its "to"
                        x
                        for x in predicate.children
                        if x.pos_ == "VERB"
                        and (x.dep_ == "xcomp" or (x.dep_ == "advcl" and _to_infinitive(x)))
                    ),
                )
                for c in p.children
                if c.dep_.split(":")[0] in PREP_DEPS and case_of(c) == slot
            ]
        if not found and slot == "in":  # "it is legal there", "still banned there"
            found = [c for c in predicate.children if c.dep_ == "advmod" and c.lower_ == "there"]
        if not found and predicate.pos_ == "ADJ" and predicate.dep_ in CLAUSE_MATES:
            found = slot_words(predicate.head, slot)  # "it is legal statewide in X"
        if not found:
            found = _purpose_on_object(predicate, slot)
        found = [w for word in found for w in (_gerund_objects(word) or [word])]
    return found


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "to" for c in verb.children)


def _included(found: list[Token], phrases: list[Token]) -> list[Token]:
    """ "in some states, including Texas and Ohio": the members a phrase of the slot names,
    whether the parser hung "including ..." on the slot's noun or beside it on the verb."""
    if not found:
        return []
    first = min(w.i for w in found)
    candidates = [*phrases, *(c for w in found for c in w.children)]
    return [
        c for c in candidates if c not in found and c.i > first and case_of(c) in INCLUDING_WORDS
    ]


def _purpose_on_object(predicate: Token, slot: str) -> list[Token]:
    """ "prescribe methadone for X", "approved methadone for treating X": a verb's phrase
    that the parser hung on the verb's object instead (the attachment is ambiguous)."""
    if predicate.pos_ not in ("VERB", "AUX", "NOUN"):
        return []
    objects = [c for c in predicate.children if c.dep_ in (*OBJECTS, *PASSIVE_SUBJECTS)]
    objects += [o for o in _retained_objects(predicate) if o not in objects]
    return [
        c
        for o in objects
        for c in o.children
        if c.dep_.split(":")[0] in PREP_DEPS and case_of(c) == slot
    ]


def _gerund_objects(word: Token) -> list[Token]:
    """ "approved for treating X": a gerund heading the phrase stands for its object."""
    if not is_ing_form(word):
        return []
    return [c for c in word.children if c.dep_ in OBJECTS]


def is_ing_form(word: Token) -> bool:
    """A verb's -ing form (gerund or present participle; the parser tells them apart badly)."""
    forms = word.morph.get("VerbForm", [])
    return (
        word.pos_ == "VERB" and word.lower_.endswith("ing") and bool({"Ger", "Part"} & set(forms))
    )


def _agent(predicate: Token) -> list[Token]:
    if is_passive(predicate):
        return [c for c in predicate.children if c.dep_ == "obl:agent"]
    own = [c for c in predicate.children if c.dep_ in SUBJECTS]
    if own and not (predicate.dep_ == "xcomp" and _enabled_people(predicate.head, own)):
        return own  # "helps patients stop", parsed with "patients" as the subject of "stop"
    return _inherited_agent(predicate)


def _inherited_agent(predicate: Token) -> list[Token]:
    head = predicate.head
    if head is predicate:
        return []
    dep = predicate.dep_
    if dep in ("conj", "parataxis") and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "ROOT":
        return [head]  # "Naloxone, an antagonist, reverses ...": the verb hung on its subject
    if dep == "conj" or dep.startswith("advcl"):
        return _agent(head) if not is_passive(head) else _patient(head)
    if dep == "xcomp":
        if head.lemma_ in CONTROL_BY_OBJECT:
            objects = [c for c in head.children if c.dep_ in OBJECTS]
            if objects and not _enabled_people(head, objects):
                return objects
        return _agent(head) if not is_passive(head) else _patient(head)
    if dep in ("acl", "acl:relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [head]
    return []


def _enabled_people(verb: Token, words: list[Token]) -> bool:
    """ "X helps people stop ...": people an enabling verb lets act, so the claim is the
    verb's subject's, however the parser attached them."""
    return verb.lemma_ in ENABLING and all(map(_is_person, words))


def _is_person(token: Token) -> bool:
    return bool({token.lower_, token.lemma_.lower()} & (PEOPLE | PERSON_NOUNS))


def _retained_objects(predicate: Token) -> list[Token]:
    """ "She was prescribed oxycodone": the object a passive keeps (tagged obj, or xcomp by
    a parser that has seldom seen the construction)."""
    return [
        c
        for c in predicate.children
        if c.dep_ in (*OBJECTS, "xcomp") and c.pos_ in ("NOUN", "PROPN") and c.i > predicate.i
    ]


def _patient(predicate: Token) -> list[Token]:
    if is_passive(predicate):
        own = [c for c in predicate.children if c.dep_ in PASSIVE_SUBJECTS]
        if own and all(map(_is_person, own)):  # "my mother was prescribed oxycodone"
            return _retained_objects(predicate) or own
        if own:
            return own
        if predicate.dep_ in ("acl", "amod"):
            return [predicate.head]
        if predicate.dep_ == "conj":
            return _patient(predicate.head)
        return []
    own = [c for c in predicate.children if c.dep_ in OBJECTS]
    if own and predicate.lemma_ in PERMITTING and all(map(_is_person, own)):
        # "Ohio allows adults to buy it": what the people may do is done to the patient
        acts = [c for c in predicate.children if c.dep_ == "xcomp"]
        acts += [c for person in own for c in person.children if c.dep_ == "acl"]  # misparse
        done = [o for act in acts for o in _patient(act)]
        return done or own
    if own:
        return own
    # "stop using X", "quit taking X": the gerund that completes the verb stands for its object
    own = [o for c in predicate.children if c.dep_ == "xcomp" for o in _gerund_objects(c)]
    if own:
        return own
    if predicate.dep_ == "acl:relcl":
        relative = [c for c in predicate.children if c.lower_ in RELATIVE_PRONOUNS]
        if relative and relative[0].dep_ not in SUBJECTS:
            return [predicate.head]
    return []


Accepts = Callable[[Known], bool]


def anything(_: Known) -> bool:
    return True


class ArgumentReader:
    """Turns slot words into the entities they name, in one sentence. ``accepts`` says
    which entities a slot can hold (from the relation's domain or range); an anaphor is
    resolved to the latest entity it accepts."""

    def __init__(
        self,
        discourse: Discourse,
        noun_groups: dict[str, frozenset[str]],
        bare_conditions: Mapping[str, tuple[str, str | None]] | None = None,
        entity_named: Callable[[str], str | None] = lambda _: None,
    ) -> None:
        self.discourse = discourse
        self.noun_groups = noun_groups
        # a condition word used alone: (label suffix of what it means, entity otherwise)
        self.bare_conditions = bare_conditions or {}
        self.entity_named = entity_named
        # the general entity of a bare word, named as such, is read the same way
        self._general_bare = {b[1]: b for b in self.bare_conditions.values() if b[1]}

    def known(self, token: Token) -> Known | None:
        return self.discourse.known.get(token.ent_type_) if token.ent_type_ else None

    def args(self, words: list[Token], accepts: Accepts = anything) -> list[Arg]:
        out: list[Arg] = []
        for word in words:
            for member in self.members(word):
                out.extend(self._named(member, accepts))
        out = [a for a in out if accepts(self.discourse.known[a.entity])]
        seen: set[str] = set()
        unique = []
        for arg in out:
            if arg.entity not in seen:
                seen.add(arg.entity)
                unique.append(arg)
        return unique

    def members(self, word: Token) -> Iterator[Token]:
        """``word`` and the words listed with it ("A, B and C"), depth first."""
        yield word
        for child in word.children:
            if (child.dep_ == "conj" and case_of(child) not in EXCEPT_WORDS) or (
                child.dep_ == "appos" and self.known(child) and self.known(word)
            ):
                yield from self.members(child)

    def _named(self, token: Token, accepts: Accepts) -> list[Arg]:
        flags = _marks(token)
        if _determined(token):
            named = self._by_head_noun(token, accepts, flags)
            if named:
                return named
        owner = self._possessor(token, accepts)
        if owner:
            return owner
        general = self._general_bare.get(token.ent_type_) if token.ent_type_ else None
        if general is not None and not self._has_named_modifier(token):
            return self._bare_condition(token, general, accepts, flags)  # "withdrawal symptoms"
        if self.known(token) is not None:
            return [
                Arg(token.ent_type_, token, negated=flags["negated"], excepted=flags["excepted"])
            ]
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "acl:relcl":
            described = _copula_subject(token.head.head)
            return [replace(a, token=token) for a in self._named(described, accepts)]
        if lower == "whose":  # "withdrawal, whose signs include ...": the noun before
            noun = _whose_noun(token)
            said_of = self._named(noun, accepts) if noun is not None else []
            return [replace(a, token=token) for a in said_of]
        if lower in QUESTION_WORDS:
            return []  # "What is opioid withdrawal?": a question word refers to nothing yet
        if lower == "there" and token.dep_ == "advmod":  # "legal there": the place last named

            def place(known: Known) -> bool:
                return accepts(known) and known.type is EntityType.JURISDICTION

            entity = self.earlier_in_sentence(token, place) or self.discourse.antecedent(place)
            return [Arg(entity, token, True)] if entity is not None else []
        part = [c for c in token.children if case_of(c) == "of" and c.lower_ in GROUP_PRONOUNS]
        if lower in PARTITIVES and part:  # "none of them", "all of these": the group itself
            return [
                replace(a, negated=a.negated or flags["negated"])
                for a in self._named(part[0], accepts)
            ]
        pair = self._pair(token, accepts)
        if pair:
            return pair
        if (
            lower in PERSONAL_PRONOUNS
            or lower in GROUP_PRONOUNS
            or (token.pos_ == "PRON" and lower not in PEOPLE)
        ):
            return self._antecedent(token, accepts, flags)
        states = self._quantified_states(token, accepts)
        if states:
            return states
        bare = self.bare_conditions.get(token.lemma_.lower())
        if bare is not None and not self._has_named_modifier(token):
            return self._bare_condition(token, bare, accepts, flags)
        through = self._through_modifiers(token, accepts)
        if through:
            group = next((g for g, ws in self.noun_groups.items() if token.lemma_ in ws), None)
            return [
                replace(a, via=group, negated=flags["negated"], excepted=flags["excepted"])
                for a in through
            ]
        group = next((g for g, ws in self.noun_groups.items() if token.lemma_ in ws), None)
        if group in ("effect", "symptom"):
            # "symptoms include ...": the symptoms of the condition the text is about
            def of_kind(known: Known) -> bool:
                wanted = EntityType.CONDITION if group == "symptom" else EntityType.SUBSTANCE
                return accepts(known) and known.type is wanted

            if group == "symptom":  # a condition said to have symptoms before comes first
                syndrome = self.discourse.antecedent(
                    lambda k: of_kind(k) and k.id in self.discourse.with_symptoms
                )
                if syndrome is not None:
                    return [Arg(syndrome, token, True, flags["negated"], flags["excepted"], group)]
            return [replace(a, via=group) for a in self._antecedent(token, of_kind, flags)]
        if token.lemma_ in ANAPHOR_NOUNS and not _determined(token):
            listed = self._listed_after_colon(token, accepts)
            if listed:
                return listed
        if token.lemma_ in ANAPHOR_NOUNS and _determined(token):
            kind_type, kind = ANAPHOR_NOUNS[token.lemma_]

            def fits(known: Known) -> bool:
                return (
                    accepts(known)
                    and known.type is kind_type
                    and (kind is None or known.kind is kind)
                )

            return self._antecedent(token, fits, flags)
        return []

    def _pair(self, token: Token, accepts: Accepts) -> list[Arg]:
        """ "Neither has been approved", "both medicines are", "all are approved": the
        latest list the slot accepts (in the sentence, else before it), each member denied
        under "neither". Only "both" or "neither" standing alone or before a noun that names
        nothing, or "all" alone as a subject, and only after a list."""
        if (token.lower_ in PAIR_WORDS or token.lower_ == "all") and (
            token.pos_ in ("PRON", "DET", "NOUN") or token.dep_.startswith("nsubj")
        ):
            word = token.lower_
        else:
            word = next(
                (c.lower_ for c in token.children if c.dep_ == "det" and c.lower_ in PAIR_WORDS),
                "",
            )
        if not word or any(c.dep_ == "conj" for c in token.children):
            return []  # "neither CBD nor kratom" names its own members
        if word == "all" and not token.dep_.startswith("nsubj"):
            return []  # "all" alone only as a subject: "all are approved"
        members = self._list_before(token, accepts) or [
            e for e in self.discourse.group if accepts(self.discourse.known[e])
        ]
        if len(members) < 2:
            return []
        denied = word == "neither"
        return [Arg(e, token, True, negated=denied) for e in members]

    def _possessor(self, token: Token, accepts: Accepts) -> list[Arg]:
        """ "kratom's alkaloids act on ...", "its main ingredient": a part of a substance
        that its possessor names, which the claim is about (a gazetteer may know
        "alkaloids" as a class of its own)."""
        if token.lemma_.lower() not in PART_NOUNS:
            return []
        for child in token.children:
            if child.dep_ != "nmod:poss":
                continue
            if child.lower_ in ("its", "their"):
                return self._antecedent(child, accepts, Marks(negated=False, excepted=False))
            known = self.known(child)
            if known is not None and known.type is EntityType.SUBSTANCE and accepts(known):
                return [Arg(known.id, child)]
        return []

    def _list_before(self, token: Token, accepts: Accepts) -> list[str]:
        """The members of the latest list earlier in ``token``'s sentence ("try kratom or
        CBD oil, but neither is approved"), or none."""
        for word in reversed(token.doc[token.sent.start : token.i]):
            if word.dep_ == "conj" or self.known(word) is None:
                continue
            members = [self.known(m) for m in self.members(word)]
            ids = [k.id for k in members if k is not None and accepts(k)]
            if len(ids) >= 2:
                return list(dict.fromkeys(ids))
        return []

    def _quantified_states(self, token: Token, accepts: Accepts) -> list[Arg]:
        """ "in most states", "some states ban it": the US states, which the claim covers
        only in part (the quantifier is read from the word); "six states, including Alabama
        and Ohio": the states it names."""
        if token.lemma_.lower() != "state":
            return []
        named = [c for c in token.children if case_of(c) in INCLUDING_WORDS]
        if named:
            return self.args(named, accepts)
        if not any(
            c.dep_ in ("det", "amod", "nummod") and c.lower_ in STATE_QUANTIFIERS
            for c in token.children
        ):
            return []  # "the states that border it": no quantifier, no claim about the US
        entity = self.entity_named(STATES_ENTITY)
        if entity is None or not accepts(self.discourse.known[entity]):
            return []
        return [Arg(entity, token, negated=_marks(token)["negated"])]

    def _by_head_noun(self, token: Token, accepts: Accepts, flags: Marks) -> list[Arg]:
        """ "the strips" after "fentanyl test strips", "these gummies" after "CBD gummies":
        a definite noun that is the head of a name the text used lately means that thing,
        even where the noun alone names a general entry ("capsules", a dosage form)."""
        if token.pos_ != "NOUN" or " " in token.text:
            return []
        for entity in reversed(self.discourse.recent):
            known = self.discourse.known[entity]
            words = known.label.lower().split()
            if len(words) < 2 or known.type is EntityType.PROPERTY:
                continue
            if (singular(words[-1]) or words[-1]) == token.lemma_.lower() and accepts(known):
                return [Arg(entity, token, True, flags["negated"], flags["excepted"])]
        return []

    def _has_named_modifier(self, token: Token) -> bool:
        """ "kratom withdrawal", "withdrawal from alcohol": a modifier that names what the
        word is of (not an apposition or a list after it)."""
        return any(
            self.known(c)
            and (
                c.dep_ in ("compound", "nmod:poss", "amod", "flat")
                or (c.dep_.startswith("nmod") and case_of(c) in ("of", "from"))
            )
            for c in token.children
        )

    def _bare_condition(
        self, token: Token, bare: tuple[str, str | None], accepts: Accepts, flags: Marks
    ) -> list[Arg]:
        """ "withdrawal" alone: the latest condition named "... withdrawal"; else that of
        the latest substance that has one ("opioids": "opioid withdrawal"); else the general
        entity the rules name for the word."""
        suffix, otherwise = bare
        negated, excepted = flags["negated"], flags["excepted"]
        for entity in reversed(self.discourse.recent):
            known = self.discourse.known[entity]
            if known.type is EntityType.CONDITION and known.label.lower().endswith(suffix):
                return [Arg(entity, token, True, negated, excepted)] if accepts(known) else []
        for entity in reversed(self.discourse.recent):
            known = self.discourse.known[entity]
            if known.type is not EntityType.SUBSTANCE:
                continue
            words = known.label.lower().split()
            head = singular(words[-1]) or words[-1]
            own = self.entity_named(" ".join([*words[:-1], head, suffix]))
            if own is not None and accepts(self.discourse.known[own]):
                return [Arg(own, token, True, negated, excepted)]
        if otherwise is not None and accepts(self.discourse.known[otherwise]):
            return [Arg(otherwise, token, False, negated, excepted)]
        return []

    def _through_modifiers(self, token: Token, accepts: Accepts) -> list[Arg]:
        """Entities named by the words that modify ``token`` ("kratom leaves", "the use of
        opioids", "symptoms such as nausea", "its leaves"), nearest first."""
        for child in token.children:
            if child.dep_.split(":")[0] in MODIFIER_DEPS and case_of(child) == "such":
                return self.args([child], accepts)
        for child in sorted(token.children, key=lambda c: abs(c.i - token.i)):
            if child.dep_ not in MODIFIER_DEPS or case_of(child) in EXCEPT_WORDS:
                continue
            known = self.known(child)
            if known is not None and accepts(known):
                return self.args([child], accepts)
        for child in token.children:
            if child.dep_ == "nmod:poss" and child.lower_ in ("its", "their"):
                return self._antecedent(child, accepts, Marks(negated=False, excepted=False))
            if child.dep_ == "nmod:poss" and child.lower_ == "whose":  # "withdrawal, whose signs"
                return self.args([child], accepts)
        for child in token.children:  # "symptoms associated with X", "... caused by X"
            if child.dep_ == "acl":
                named = [g for g in child.children if g.dep_.startswith("obl") and self.known(g)]
                if named:
                    return self.args(named, accepts)
        return []

    def _listed_after_colon(self, token: Token, accepts: Accepts) -> list[Arg]:
        """ "six states ban it: A, B and C": a plural class noun whose members the
        sentence lists after a colon; the list's first entity of that class and its
        conjuncts stand for the noun."""
        if "Plur" not in token.morph.get("Number", []):
            return []
        kind_type, kind = ANAPHOR_NOUNS[token.lemma_]
        sent = token.sent
        colons = [t for t in sent if t.text == ":" and t.i > token.i]
        if not colons:
            return []
        for word in sent.doc[colons[0].i + 1 : sent.end]:
            known = self.known(word)
            if known is None:
                continue
            if known.type is kind_type and (kind is None or known.kind is kind):
                return [replace(a, token=token) for a in self.args([word], accepts)]
            return []
        return []

    def _antecedent(self, token: Token, accepts: Accepts, flags: Marks) -> list[Arg]:
        if token.lower_ in GROUP_PRONOUNS:
            members = [e for e in self.discourse.group if accepts(self.discourse.known[e])]
            latest = self.discourse.antecedent(accepts)
            if len(members) >= 2 and latest in members:  # no thing named since the list
                negated, excepted = flags["negated"], flags["excepted"]
                return [Arg(e, token, True, negated, excepted) for e in members]
        singular = token.lower_ in SINGULAR_PRONOUNS
        entity = self.earlier_in_sentence(token, accepts) or self.discourse.antecedent(
            accepts, singular
        )
        if entity is None:
            return []
        return [Arg(entity, token, True, negated=flags["negated"], excepted=flags["excepted"])]

    def earlier_in_sentence(self, token: Token, accepts: Accepts) -> str | None:
        """The nearest entity earlier in the sentence that the slot accepts; for the subject
        of a coordinated clause, the first clause's subject ("It blocks the receptors, and it
        is not addictive": both are the same thing)."""
        singular = token.lower_ in SINGULAR_PRONOUNS
        clause = token.head
        if token.dep_ in SUBJECTS and clause.dep_ == "conj" and clause.head.i < token.i:
            for subject in (c for c in clause.head.children if c.dep_ in SUBJECTS):
                known = self.known(subject)
                if known is not None and accepts(known):
                    return known.id
                if subject.lower_ in PERSONAL_PRONOUNS:
                    return self.discourse.antecedent(accepts, singular)
        prefix = list(token.sent)[: token.i - token.sent.start]
        before = [w for w in reversed(prefix) if not is_predicate_nominal(w)]  # "is a tea"
        if token.lower_ in PERSONAL_PRONOUNS and token.dep_ != "nmod:poss":
            # "it" is never its own verb's other argument ("cut oxycodone with it"), though
            # "its" may be ("kratom loses its potency")
            before = [w for w in before if not _co_argument(w, token)]
        # a word that modifies a noun ("a partial opioid agonist") is the last choice:
        # "it" means a whole noun phrase's thing first ("Buprenorphine is a ... agonist: it")
        heads = [w for w in before if w.dep_ not in ("compound", "amod")]
        for earlier in [*heads, *(w for w in before if w not in heads)]:
            if singular and earlier.lower_ in ("it", "itself"):  # "mix X with it, and it is":
                return self.earlier_in_sentence(earlier, accepts) or (  # the same thing
                    self.discourse.antecedent(accepts, singular)
                )
            known = self.known(earlier)
            if singular and is_plural(earlier):
                continue  # "users ... it": "it" is never a plural
            if known is not None and known.type is not EntityType.PROPERTY and accepts(known):
                return known.id
        return None


def _co_argument(word: Token, pronoun: Token) -> bool:
    """Whether ``word`` is another argument of the verb ``pronoun`` is an argument of
    ("oxycodone" and "it" in "vendors cut oxycodone with it"). Only the parse's direct
    arguments count: a word further down a noun phrase may belong to a clause the parser
    folded into it."""
    arguments = (*SUBJECTS, "obj", "iobj", "obl")
    if pronoun.head.i == word.i:
        return True  # nor a thing it modifies ("fentanyl with it", parsed as one phrase)
    return (
        word.head.i == pronoun.head.i
        and word.dep_.split(":")[0] in arguments
        and pronoun.dep_.split(":")[0] in arguments
    )


def is_predicate_nominal(token: Token) -> bool:
    """ "a controlled substance" in "kratom is not a controlled substance", "a stimulant" in
    "it can act as a stimulant": a class said of the subject, not a thing a later "it" can
    mean."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ == "cop" for c in token.children) or (
        case_of(token) == "as" and any(c.lower_ in ("a", "an") for c in token.children)
    )


def is_plural(token: Token) -> bool:
    """Whether a word, or a merged mention, is plural. A mention with a preposition
    ("withdrawal from opioids") is as its head before the preposition, which the tagger,
    shown only the mention's last word, cannot see."""
    words = token.text.lower().split()
    heads = next((words[:i] for i, w in enumerate(words) if w in MENTION_PREPOSITIONS), None)
    if heads:
        return singular(heads[-1]) is not None
    return "Plur" in token.morph.get("Number", [])


def prefixed_non(token: Token) -> bool:
    """ "non-addictive", "non-opioid": the mention is written with "non-", as one word (a
    property, merged by the mention finder) or after "non" and a hyphen."""
    doc = token.doc
    return token.lower_.startswith(tuple(f"non{h}" for h in HYPHENS)) or (
        token.i >= 2 and doc[token.i - 1].text in HYPHENS and doc[token.i - 2].lower_ == "non"
    )


def _whose_noun(token: Token) -> Token | None:
    """The noun "whose" is said of: the head of its relative clause, or, where the parser
    hung the clause on a verb ("may bring on withdrawal, whose signs include ..."), the
    nearest noun before it."""
    clause = token.head
    while clause.dep_ != "acl:relcl" and clause.head.i != clause.i and clause.i >= token.i:
        clause = clause.head
    if clause.dep_ == "acl:relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
        return _copula_subject(clause.head)
    before = token.doc[token.sent.start : token.i]
    return next((w for w in reversed(before) if w.pos_ in ("NOUN", "PROPN")), None)


def _copula_subject(noun: Token) -> Token:
    """The thing a predicate noun describes: "opium" in "Opium is a sedative which ...";
    ``noun`` itself when it is no copula's predicate."""
    if any(c.dep_ == "cop" for c in noun.children):
        subjects = [c for c in noun.children if c.dep_.startswith("nsubj")]
        if subjects:
            return subjects[0]
    return noun


def _determined(token: Token) -> bool:
    return any(
        c.dep_ in ("det", "nmod:poss") and c.lower_ in DEMONSTRATIVES for c in token.children
    )


def denied_word(token: Token) -> bool:
    """Whether a word (named or not) stands under "neither/nor", "no" or "none":
    "neither the FDA nor any regulator", "no state"."""
    return _marks(token)["negated"]


def _marks(token: Token) -> Marks:
    """Negation and exception marks on one list member, or on the list's first member."""
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    words = {c.lower_ for c in token.children} | {c.lower_ for c in first.children}
    negated = bool(words & {"neither", "nor", "no", "none"}) or token.lower_ == "none"
    negated = negated != prefixed_non(token)  # "nor non-addictive" denies twice
    excepted = case_of(token) in EXCEPT_WORDS
    return Marks(negated=negated, excepted=excepted)
