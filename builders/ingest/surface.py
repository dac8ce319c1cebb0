"""A second reading for the simplest sentences the parser gets wrong: "X verbs Y".

The shipped parser is small and trained on web text only; it sometimes reads a verb after
an unfamiliar name as a noun ("Kratom relieves pain" as one noun phrase). When a verb cue
yields no claim from the parse, this reader tries the strict local pattern

    SUBJECT [adverbs, auxiliaries, "not"] VERB [preposition] [determiners, adjectives] OBJECT

in which the subject and object are mentions (or "it"/"they") standing right next to the
verb group: no other word may come between. A list after the object ("nausea, sweating and
anxiety") is followed, and a reporting clause just before the subject ("the FDA warns that
...") credits its source. Such a claim's confidence is the cue's weight times 0.7.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from builders.ingest.rules import Cue, CueTable

SURFACE_FACTOR = 0.7
SKIPPED_BEFORE_VERB = frozenset(
    {
        "also",
        "often",
        "usually",
        "really",
        "actually",
        "even",
        "still",
        "already",
        "reportedly",
        "allegedly",
        "apparently",
        "quickly",
        "effectively",
        "significantly",
        "dramatically",
        "automatically",
        "typically",
        "generally",
        "sometimes",
        "always",
        "itself",  # "kratom can itself cause dependence"
        "themselves",
    }
)
AUXILIARIES = frozenset(
    {"may", "might", "can", "could", "would", "will", "should", "does", "do", "did", "wo", "ca"}
)
NEGATIONS = frozenset({"not", "n't", "n\u2019t", "never"})
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})
QUOTES = frozenset({"'", '"', "\u2019", "\u201d", "`"})  # "'Kratom' acts on ..."
DETERMINERS = frozenset(
    {"the", "a", "an", "its", "their", "some", "many", "most", "all", "severe", "chronic"}
)
IRREGULAR = {
    "bind": ("bound",),
    "bring": ("brought",),
    "find": ("found",),
    "lead": ("led",),
    "make": ("made",),
    "say": ("said",),
    "show": ("shown",),
    "take": ("took", "taken"),
    "come": ("came",),
    "fight": ("fought",),
}
REPORTING_FORMS = frozenset(
    {
        "say",
        "warn",
        "report",
        "find",
        "show",
        "note",
        "claim",
        "suggest",
        "recommend",
        "caution",
        "conclude",
        "says",
        "said",
        "warns",
        "warned",
        "reports",
        "reported",
        "finds",
        "found",
        "shows",
        "showed",
        "notes",
        "noted",
        "states",
        "stated",
        "claims",
        "claimed",
        "suggests",
        "suggested",
        "recommends",
        "recommended",
        "cautions",
        "cautioned",
        "concluded",
        "concludes",
    }
)


def forms(verb: str) -> frozenset[str]:
    """The written forms of a regular English verb, and of the irregular ones cues use."""
    stem = verb[:-1] if verb.endswith("e") else verb
    out = {verb, f"{stem}ed", f"{stem}ing", f"{verb}d" if verb.endswith("e") else f"{verb}ed"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        out.add(f"{verb}es")
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        out |= {f"{verb[:-1]}ies", f"{verb[:-1]}ied"}
    else:
        out.add(f"{verb}s")
    out.update(IRREGULAR.get(verb, ()))
    return frozenset(out)


def surface_cues(table: CueTable) -> dict[str, tuple[Cue, ...]]:
    """Verb cues by written form, for the cues whose subject is the agent."""
    out: dict[str, list[Cue]] = {}
    for (kind, word), cues in table.by_word.items():
        if kind != "verb":
            continue
        for cue in cues:
            if cue.direct_object is not None:
                continue  # an idiom ("take the edge off") is read from the parse only
            active = cue.subject == "agent" and cue.object not in (None, "agent")
            denied_by_agent = cue.subject == "patient" and cue.object == "agent"  # "X bans Y"
            if active or denied_by_agent:
                for form in forms(word):
                    out.setdefault(form, []).append(cue)
    return {k: tuple(v) for k, v in out.items()}


class LocalPattern:
    """The words of one "SUBJECT VERB OBJECT" reading around a verb token."""

    def __init__(self, sent: Span, verb: Token, cue: Cue) -> None:
        self.sent = sent
        self.verb = verb
        self.cue = cue
        self.negated = False
        self.hedged = False

    @property
    def reversed(self) -> bool:
        """ "Alabama bans kratom": the word before the verb is the claim's object."""
        return self.cue.object == "agent"

    def before(self) -> list[Token]:
        """The mention (or "it", or "its NOUN") right before the verb group, with the
        mentions listed before it ("Alabama, Arkansas and Indiana ban ...")."""
        index = self.verb.i - 1
        doc = self.sent.doc
        while index >= self.sent.start:
            word = doc[index]
            lower = word.lower_
            if lower in NEGATIONS:
                self.negated = True
            elif lower in AUXILIARIES:
                self.hedged = self.hedged or lower not in ("does", "do", "did", "will", "wo")
            elif lower not in SKIPPED_BEFORE_VERB and lower not in QUOTES:
                break
            index -= 1
        if index < self.sent.start:
            return []
        word = doc[index]
        possessed = index > self.sent.start and doc[index - 1].lower_ in ("its", "their")
        if not (word.ent_type_ or word.lower_ in ("it", "they") or possessed):
            return []
        found = [doc[index - 1] if possessed and not word.ent_type_ else word]
        listed: list[Token] = []
        joined = False  # a list needs "and" or "or": "the FDA, kratom ..." is none
        index -= 1
        while index - 1 >= self.sent.start and doc[index].lower_ in (",", "and", "or"):
            joined = joined or doc[index].lower_ != ","
            index -= 1
            if doc[index].lower_ in (",",) and doc[index - 1].lower_ in ("and", "or"):
                index -= 1
            if doc[index].ent_type_:
                listed.append(doc[index])
                index -= 1
            else:
                break
        return found + listed if joined else found

    def objects(self) -> Iterator[Token]:
        index = self.verb.i + 1
        doc = self.sent.doc
        if self.cue.object not in ("patient", "agent", None):
            if index >= self.sent.end or doc[index].lower_ != self.cue.object:
                return
            index += 1
        while index < self.sent.end and doc[index].lower_ in DETERMINERS:
            index += 1
        if index >= self.sent.end or not doc[index].ent_type_:
            return
        if (  # "on the brain's opioid receptors": the possessed noun is the object
            index + 2 < self.sent.end
            and doc[index + 1].lower_ in POSSESSIVE_MARKS
            and doc[index + 2].ent_type_
        ):
            index += 2
        yield doc[index]
        index += 1
        while index + 1 < self.sent.end and doc[index].lower_ in (",", "and", "or"):
            index += 1
            if doc[index].lower_ in ("and", "or"):
                index += 1
            while index < self.sent.end and doc[index].lower_ in DETERMINERS:
                index += 1
            if index < self.sent.end and doc[index].ent_type_:
                yield doc[index]
                index += 1
            else:
                return

    def reporter(self, subject: Token) -> Token | None:
        """The source of "SOURCE warns (that) SUBJECT ..." or "According to SOURCE, ...",
        if the words say so."""
        doc = self.sent.doc
        for word in self.sent:
            if word.i >= subject.i:
                break
            if word.lower_ == "according" and word.i + 1 < self.sent.end:
                following = [t for t in doc[word.i + 2 : subject.i] if t.lower_ not in DETERMINERS]
                if following and following[0].lower_ != ",":
                    return following[0]
        index = subject.i - 1
        if index >= self.sent.start and doc[index].lower_ == "that":
            index -= 1
        if index < self.sent.start or doc[index].lower_ not in REPORTING_FORMS:
            return None
        index -= 1
        return doc[index] if index >= self.sent.start else None
