"""Polarity, modality, quantifiers and attribution of one predicate, read from the parse.

Scope follows the dependency tree rather than a window of words: a cue counts when it
depends on the predicate or on a word the predicate hangs from within its clause (the verb
it completes, "may help relieve"; the verb it is conjoined with; the reporting verb whose
content it is). So "not" in another clause never denies it, and a claim inside "the FDA
warns that ..." is the FDA's.

- Negation: "not", "n't", "never", "no longer", "nor" on the predicate or a verb above it.
  "Not always" / "not necessarily" are quantifiers, never negation.
- Modality: "can", "could", "may", "might", "would", "seem", "appear", "suggest", "possibly"
  ... make a statement hedged; "promise", "potential", "theory", "is being studied", a
  question (direct, or indirect: "ask whether") or a condition ("if ..."), make it
  speculative (the stronger wins).
- Quantifiers: "some", "many", "most", "all", "few" on an argument; "automatically",
  "dramatically", "not always" on the predicate.
- Attribution: a reporting verb above the predicate ("X says/warns/found that ...", "...,
  researchers warn") or "according to X" in its clause credits X: a known organization, or an
  unnamed source ("a study", "researchers", "users", "locals").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from builders.records import Modality

NEGATIONS = frozenset({"not", "n't", "n\u2019t", "never", "nor", "neither", "cannot"})
NOT_QUANTIFIED = frozenset({"always", "necessarily", "entirely", "completely", "all"})
HEDGE_AUX = frozenset({"can", "could", "may", "might", "would", "should", "ca"})
HEDGE_WORDS = frozenset(
    {
        "seem",
        "appear",
        "suggest",
        "believe",
        "think",
        "possibly",
        "potentially",
        "perhaps",
        "maybe",
        "likely",
        "probably",
        "reportedly",
        "allegedly",
        "apparently",
        "supposedly",
        "sometimes",
        "often",
        "claim",
        "tend",
    }
)
SPECULATIVE_WORDS = frozenset(
    {
        "promise",
        "promising",
        "potential",
        "hope",
        "hopeful",
        "theory",
        "theorize",
        "hypothesis",
        "hypothesize",
        "speculate",
        "investigate",
        "explore",
        "study",
        "examine",
        "test",
        "wonder",
        "if",
        "whether",
    }
)
QUANTIFIERS = {
    "some": "some",
    "many": "many",
    "most": "most",
    "all": "all",
    "every": "all",
    "few": "few",
    "several": "some",
    "certain": "some",
}
MANNER_QUANTIFIERS = {"automatically": "automatically", "dramatically": "dramatically"}
# Reporting verbs that present evidence: denied, they leave the claim unshown ("has not
# been shown to", "no study has found that"), which is a negated, hedged statement.
EVIDENCE_VERBS = frozenset(
    {"show", "find", "prove", "demonstrate", "confirm", "establish", "reveal", "indicate", "know"}
)
# Verbs that credit their subject with the clause they govern (the evidence verbs too).
REPORTING = (
    frozenset(
        {
            "say",
            "report",
            "warn",
            "state",
            "claim",
            "note",
            "recommend",
            "advise",
            "caution",
            "conclude",
            "estimate",
            "argue",
            "explain",
            "announce",
            "suggest",
            "indicate",
            "add",
            "write",
            "tell",
            "insist",
            "point",
            "stress",
            "emphasize",
            "acknowledge",
            "maintain",
            "believe",
            "describe",
            "urge",
        }
    )
    | EVIDENCE_VERBS
)
UNNAMED_SOURCES = {
    "study": "unnamed-study",
    "research": "unnamed-study",
    "survey": "unnamed-study",
    "trial": "unnamed-study",
    "review": "unnamed-study",
    "analysis": "unnamed-study",
    "paper": "unnamed-study",
    "data": "unnamed-study",
    "researcher": "unnamed-researchers",
    "scientist": "unnamed-researchers",
    "investigator": "unnamed-researchers",
    "expert": "unnamed-experts",
    "doctor": "unnamed-experts",
    "physician": "unnamed-experts",
    "clinician": "unnamed-experts",
    "specialist": "unnamed-experts",
    "pharmacist": "unnamed-experts",
    "user": "users",
    "consumer": "users",
    "customer": "users",
    "patient": "users",
    "local": "locals",
    "villager": "locals",
    "resident": "locals",
    "official": "unnamed-officials",
    "regulator": "unnamed-officials",
    "authority": "unnamed-officials",
    "lawmaker": "unnamed-officials",
}
CLAUSE_LINKS = frozenset({"xcomp", "conj", "ccomp", "parataxis"})


@dataclass(frozen=True, slots=True)
class Scope:
    """What the cues around a predicate say about it."""

    negated: bool
    modality: Modality
    quantifier: str | None
    reporters: tuple[Token, ...]  # the reporting verbs' subjects, or "according to" objects
    cues: tuple[str, ...]


def clause_chain(predicate: Token) -> Iterator[Token]:
    """The predicate and the verbs above it within its sentence that it completes, is
    conjoined with or reports for, nearest first."""
    token = predicate
    yield token
    while token.dep_.split(":")[0] in CLAUSE_LINKS and token.head is not token:
        link = token.dep_.split(":")[0]
        if link == "conj" and (_has_subject(token) or _finite_of_its_own(token)):
            return  # a clause of its own: "..., but it won't kill you", "... but is no cure"
        if link == "parataxis" and token.head.lemma_ not in REPORTING:
            return  # a clause of its own beside another
        token = token.head
        yield token
        if link in ("ccomp", "parataxis") and token.lemma_ in REPORTING:
            return


def _finite_of_its_own(verb: Token) -> bool:
    """A conjunct with its own tensed auxiliary or copula ("could help but is no cure")
    keeps neither the modal nor the negation of the verb it is conjoined with."""
    return any(
        c.dep_ in ("aux", "cop", "aux:pass") and "Fin" in c.morph.get("VerbForm", [])
        for c in verb.children
    )


def _has_subject(verb: Token) -> bool:
    return any(c.dep_.startswith(("nsubj", "csubj", "expl")) for c in verb.children)


def read_scope(predicate: Token, extra: tuple[Token, ...] = ()) -> Scope:
    """The scope of ``predicate``; ``extra`` are further words the claim rests on (a
    relation noun, its copula) whose own modifiers count too."""
    negated = False
    hedged = False
    speculative = predicate.sent.text.rstrip().endswith("?")
    quantifier: str | None = None
    reporters: list[Token] = []
    cues: list[str] = []
    chain = list(clause_chain(predicate))
    for level, verb in enumerate(chain):
        if _open_question(verb):
            speculative = True
            cues.append("speculative: 'whether' (an open question)")
        is_reporter = level > 0 and verb.lemma_ in REPORTING and _reports(chain, level)
        if is_reporter:
            subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
            before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
            if not subjects and before is not None and before.pos_ in ("NOUN", "PROPN"):
                subjects = [before]  # "..., users report": the parser left them unattached
            reporters.extend(s for s in subjects if not negative_subject(s))  # "nobody has shown"
            if verb.lemma_ in ("suggest", "believe", "claim", "indicate"):
                hedged = True
                cues.append(f"hedged: '{verb.lower_}'")
            if verb.lemma_ in EVIDENCE_VERBS and denied(verb):
                negated, hedged = not negated, True  # "has not been shown to treat": unproven
                cues.append(f"negation: 'not {verb.lower_}' (not shown, so hedged)")
            break
        if verb.lemma_ in SPECULATIVE_WORDS and verb.pos_ in ("VERB", "NOUN", "ADJ"):
            speculative = True
            cues.append(f"speculative: '{verb.lower_}'")
        elif level > 0 and verb.lemma_ in HEDGE_WORDS:
            hedged = True
            cues.append(f"hedged: '{verb.lower_}'")
        for child in _modifiers(verb, extra if level == 0 else ()):
            lower = child.lower_
            denies = "Neg" in child.morph.get("Polarity", []) and child.dep_ in ("advmod", "neg")
            if denies or (lower in NEGATIONS and child.dep_ in ("advmod", "cc", "neg")):
                if _quantified(child):
                    quantifier = "not always"
                    cues.append("quantifier: 'not always'")
                else:
                    negated = not negated if lower != "nor" else True
                    cues.append(f"negation: '{lower}'")
            elif (child.dep_ == "aux" and lower in HEDGE_AUX) or (
                child.lemma_ in HEDGE_WORDS and child.dep_ == "advmod"
            ):
                hedged = True
                cues.append(f"hedged: '{lower}'")
            elif child.lemma_ in SPECULATIVE_WORDS and child.dep_ in ("amod", "advmod", "aux"):
                speculative = True
                cues.append(f"speculative: '{lower}'")
            elif lower in MANNER_QUANTIFIERS and child.dep_ == "advmod":
                quantifier = MANNER_QUANTIFIERS[lower]
                cues.append(f"quantifier: '{lower}'")
            elif lower == "no" and child.dep_ == "advmod" and _next_is(child, "longer"):
                negated = True
                cues.append("negation: 'no longer'")
            elif lower == "no" and child.dep_ == "det" and verb.pos_ == "NOUN" and level == 0:
                negated = not negated  # "X is no replacement for Y", "no cure for Y"
                cues.append("negation: 'no' on the relation noun")
        reporters.extend(_according_to(verb))
        reporters.extend(_aside_reporters(verb))
        if _progressive_study(verb):
            speculative = True
            cues.append("speculative: 'being studied'")
    modality = (
        Modality.SPECULATIVE if speculative else Modality.HEDGED if hedged else Modality.ASSERTED
    )
    return Scope(negated, modality, quantifier, tuple(reporters), tuple(cues))


def _open_question(verb: Token) -> bool:
    """ "readers ask whether kratom is safe", "it is unclear if CBD helps" (an indirect
    question), "if kratom relieves pain, ..." (a condition): the clause asserts nothing."""
    return verb.dep_.split(":")[0] in ("ccomp", "csubj", "advcl") and any(
        c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children
    )


def denied(verb: Token) -> bool:
    """ "has not been shown", "no study has found", "never proved": the word itself is
    denied ("not always" is a quantifier, no denial)."""
    for child in verb.children:
        if child.lower_ in NEGATIONS and child.dep_ in ("advmod", "neg") and not _quantified(child):
            return True
        if child.dep_.startswith("nsubj") and negative_subject(child):
            return True
    return False


def negative_subject(subject: Token) -> bool:
    """ "no study", "nobody", "none of the trials": a subject that denies its verb."""
    return subject.lower_ in NEGATIVE_SUBJECTS or any(
        c.lower_ in ("no", "none") and c.dep_ == "det" for c in subject.children
    )


def _reports(chain: list[Token], level: int) -> bool:
    below = chain[level - 1]
    return below.dep_.split(":")[0] in ("ccomp", "parataxis", "xcomp") or below.dep_ == "conj"


def _modifiers(verb: Token, extra: tuple[Token, ...]) -> Iterator[Token]:
    for word in (verb, *extra):
        yield from word.children
        if word.dep_ in ("xcomp",) and word.head.pos_ == "AUX":
            yield from word.head.children


def _quantified(negation: Token) -> bool:
    after = negation.doc[negation.i + 1] if negation.i + 1 < len(negation.doc) else None
    return after is not None and after.lower_ in NOT_QUANTIFIED


def _next_is(token: Token, word: str) -> bool:
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == word


def _according_to(verb: Token) -> Iterator[Token]:
    for child in verb.children:
        if any(c.dep_ == "case" and c.lower_ == "according" for c in child.children):
            yield child


def _aside_reporters(verb: Token) -> Iterator[Token]:
    """ "Kratom is addictive, researchers warn": a reporting clause set beside the claim."""
    for child in verb.children:
        if child.lemma_ not in REPORTING or child.i < verb.i:
            continue
        own_content = any(c.dep_ in ("obj", "ccomp", "xcomp") for c in child.children)
        if child.dep_ == "parataxis" or (child.dep_ == "conj" and not own_content):
            yield from (c for c in child.children if c.dep_.startswith("nsubj"))


def _progressive_study(verb: Token) -> bool:
    """ "... is being studied / tested / investigated for ..." above the predicate."""
    return verb.lemma_ in ("study", "test", "investigate", "research", "explore") and any(
        c.lower_ == "being" for c in verb.children
    )


def argument_quantifier(word: Token) -> str | None:
    """ "some states", "most users": the quantifier determining an argument word."""
    for child in word.children:
        if child.dep_ in ("det", "amod", "nummod") and child.lower_ in QUANTIFIERS:
            return QUANTIFIERS[child.lower_]
    return None


def unnamed_source(word: Token) -> str | None:
    """The unnamed source a noun stands for ("a study", "researchers"), if any."""
    return UNNAMED_SOURCES.get(word.lemma_.lower())


EVIDENCE_NOUNS = frozenset({"evidence", "proof", "data", "study", "studies", "research", "sign"})
INTRODUCERS = frozenset({"that", "showing", "proving", "suggesting", "to"})
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "nothing", "neither", "noone"})
DENIERS = frozenset({"no", "not", "n't", "n\u2019t", "never", "little", "lack", "lacks", "without"})


def under_denied_evidence(first: Token) -> bool:
    """ "... there is no evidence that X treats Y", "it is not proof that ...": the claim that
    starts at ``first`` is what the sentence says has not been shown (negated and hedged)."""
    doc, start = first.doc, first.sent.start
    index = first.i - 1
    while index >= start and doc[index].lower_ not in INTRODUCERS and first.i - index <= 2:
        index -= 1
    if index < start or doc[index].lower_ not in INTRODUCERS:
        return False
    for noun in range(index - 1, max(start, index - 4) - 1, -1):
        if doc[noun].lemma_.lower() in EVIDENCE_NOUNS or doc[noun].lower_ in EVIDENCE_NOUNS:
            before = doc[max(start, noun - 4) : noun]
            return any(t.lower_ in DENIERS for t in before)
    return False
