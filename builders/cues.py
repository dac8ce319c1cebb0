"""The extractor's cue rules: phrases that signal a relation, a negation, a hedge, an
attribution, an anaphor or the end of a clause.

A relation cue maps a phrase to one or more relations of the closed set; the first relation
whose argument types fit the entities found around the phrase is the one proposed. The
argument types (``SUBJECTS``, ``OBJECTS``) keep, for example, an organization from being
the subject of "relieves" or a receptor from being the object of "treats".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builders.records import EntityType, Relation

S = EntityType.SUBSTANCE
M = EntityType.METHOD
C = EntityType.CONDITION

SUBJECTS: dict[Relation, frozenset[EntityType]] = {
    Relation.ACTS_ON: frozenset({S}),
    Relation.DERIVED_FROM: frozenset({S}),
    Relation.RELIEVES: frozenset({S, M}),
    Relation.TREATS: frozenset({S, M}),
    Relation.REDUCES_USE_OF: frozenset({S, M}),
    Relation.CAUSES: frozenset({S, M, C}),
    Relation.HAS_PROPERTY: frozenset({S, M, C}),
    Relation.PRESCRIBED_FOR: frozenset({S}),
    Relation.USED_FOR: frozenset({S, M}),
    Relation.LEGAL_IN: frozenset({S}),
    Relation.IS_A: frozenset({S}),
    Relation.MIMICS: frozenset({S}),
}
OBJECTS: dict[Relation, frozenset[EntityType]] = {
    Relation.ACTS_ON: frozenset({EntityType.RECEPTOR, EntityType.ANATOMY}),
    Relation.DERIVED_FROM: frozenset({S}),
    Relation.RELIEVES: frozenset({C}),
    Relation.TREATS: frozenset({C}),
    Relation.REDUCES_USE_OF: frozenset({S}),
    Relation.CAUSES: frozenset({C}),
    Relation.HAS_PROPERTY: frozenset({EntityType.PROPERTY}),
    Relation.PRESCRIBED_FOR: frozenset({C}),
    Relation.USED_FOR: frozenset({C, M}),
    Relation.LEGAL_IN: frozenset({EntityType.JURISDICTION}),
    Relation.IS_A: frozenset({S}),
    Relation.MIMICS: frozenset({S}),
}
TOPICS = frozenset({S, M, C})  # what a sentence can be about, for anaphora


@dataclass(frozen=True, slots=True)
class RelationCue:
    """A phrase that signals a relation between the entities around it.

    ``reverse``: the subject follows and the object precedes ("Texas allows CBD").
    ``negated``: the phrase itself denies the relation ("banned in").
    ``implied``: the object is in the phrase, not after it ("kill" -> death).
    ``adjacent``: a weak cue that counts only with both arguments next to it ("X for Y").
    ``jurisdiction``: without a jurisdiction after it, the sentence's or article's holds.
    ``topic``: without a subject before it, the sentence is about the current topic.
    ``copula``: a linking verb ("is", "has"); a participle after it ("is combined") is no
    predicate, and nothing after it is a vocabulary candidate.
    """

    phrase: str
    relations: tuple[Relation, ...]
    weight: float = 0.8
    reverse: bool = False
    negated: bool = False
    implied: str | None = None
    adjacent: bool = False
    window: int = 6
    jurisdiction: bool = False
    topic: bool = False
    copula: bool = False


R = Relation
RELATION_CUES: tuple[RelationCue, ...] = (
    # acts on
    RelationCue(
        r"acts? on|acting on|binds?(?: to)?|binding to|bound to|interacts? with|interacting with"
        r"|communicates? with|communicating with|targets?|targeting|activates?|activating"
        r"|stimulates?|works? on|attach(?:es)? to",
        (R.ACTS_ON,),
    ),
    RelationCue(r"blocks?|blocking", (R.ACTS_ON, R.RELIEVES)),
    # derived from
    RelationCue(
        r"derived from|extracted from|obtained from|isolated from|produced from|comes? from"
        r"|came from|made(?: \w+){0,4}? from|found in|(?:compounds?|alkaloids?|constituents?"
        r"|chemicals?)(?: found)? in",
        (R.DERIVED_FROM,),
    ),
    # relieves
    RelationCue(
        r"relief (?:from|of)|reliefs?|reliev(?:es?|ed|ing)|eas(?:es?|ed|ing)"
        r"|alleviat(?:es?|ed|ing)|sooth(?:es?|ed|ing)|calm(?:s|ed|ing)?"
        r"|inhibit(?:s|ed|ing)?(?: your| the)?(?: perception of)?|reduc(?:es?|ed|ing)"
        r"|lessen(?:s|ed|ing)?|dull(?:s|ed|ing)?|helps? (?:with|ease|relieve)",
        (R.RELIEVES,),
    ),
    # treats
    RelationCue(
        r"treat(?:s|ed|ing)?|treatments? (?:for|of|to)|cur(?:es?|ed|ing)|an? cure for"
        r"|remed(?:y|ies) for|(?:option|therapy|aid|solution)s? for|used to treat"
        r"|revers(?:es?|ed|ing)"
        r"|improv(?:es?|ed|ing)|fights?|manag(?:es?|ed|ing)|helps? (?:people |patients |users )?"
        r"(?:quit|overcome|beat|recover from)",
        (R.TREATS,),
    ),
    RelationCue(r"for", (R.TREATS,), weight=0.5, adjacent=True),
    # reduces use of
    RelationCue(
        r"(?:reduc(?:es?|ed|ing)|cut(?:s|ting)?|lower(?:s|ed|ing)?|decreas(?:es?|ed|ing))"
        r"(?: \w+){0,2}? (?:amount|use|dose|doses|dosage|intake|consumption|number) of"
        r"|cut(?:s|ting)? back on|wean(?:s|ed|ing)? (?:\w+ )?off|taper(?:s|ed|ing)? off"
        r"|(?:use|need)s? less",
        (R.REDUCES_USE_OF,),
    ),
    # causes
    RelationCue(
        r"caus(?:es?|ed|ing)|leads? to|leading to|led to|results? in|resulting in"
        r"|creat(?:es?|ed|ing)|produc(?:es?|ed|ing)|trigger(?:s|ed|ing)?|induc(?:es?|ed|ing)"
        r"|brings?(?: on)?|bringing"
        r"|giv(?:es?|ing)|gave|provid(?:es?|ed|ing)|offer(?:s|ed|ing)?"
        r"|(?:rais|increas)(?:es?|ed|ing) (?:the )?(?:risk|chance|odds|likelihood) of"
        r"|carr(?:y|ies) (?:a |the )?risk of",
        (R.CAUSES,),
    ),
    RelationCue(r"linked to|associated with|involved in", (R.CAUSES,), weight=0.6),
    RelationCue(
        r"caused by|delivered by|produced by|triggered by|brought on by|induced by",
        (R.CAUSES,),
        weight=0.7,
        reverse=True,
    ),
    RelationCue(
        r"kill(?:s|ed|ing)?|fatal|deadly|lethal|life-threatening", (R.CAUSES,), 0.6, implied="death"
    ),
    RelationCue(
        r"side effects?(?: of \w+)?(?: (?:is|are|include|includes|including))?",
        (R.CAUSES,),
        weight=0.6,
        topic=True,
    ),
    # copulas: is a (class) or is (property)
    RelationCue(
        r"(?:is|are|was|were|be|been|being|becomes?|became|remains?|seems?|gets?)"
        r"(?: (?:a|an|the|one of the))?",
        (R.IS_A, R.HAS_PROPERTY),
        weight=0.6,
        window=4,
        copula=True,
    ),
    RelationCue(
        r"ha(?:s|ve|d)|carr(?:y|ies)|shows?|showing|exhibits?",
        (R.HAS_PROPERTY,),
        weight=0.5,
        window=3,
        copula=True,
    ),
    RelationCue(r"(?:is|are) (?:a|an) (?:type|kind|form|class) of|classified as", (R.IS_A,)),
    RelationCue(r"such as|including", (R.IS_A,), weight=0.7, reverse=True, adjacent=True),
    # prescribed for, used for
    RelationCue(
        r"prescribed (?:for|to treat|to relieve|against)|prescriptions? (?:drugs? )?for",
        (R.PRESCRIBED_FOR,),
        weight=0.85,
    ),
    RelationCue(r"used (?:for|as|against|in)|taken for", (R.USED_FOR,)),
    # legal status
    RelationCue(
        r"legal in|legali[sz]ed in|allowed in|permitted in|approved in", (R.LEGAL_IN,), 0.85
    ),
    RelationCue(r"legal", (R.LEGAL_IN,), weight=0.6, jurisdiction=True),
    RelationCue(
        r"illegal in|banned in|prohibited in|outlawed in|forbidden in",
        (R.LEGAL_IN,),
        weight=0.85,
        negated=True,
    ),
    RelationCue(
        r"illegal|banned|prohibited|outlawed", (R.LEGAL_IN,), 0.6, negated=True, jurisdiction=True
    ),
    RelationCue(
        r"legali[sz](?:es?|ed|ing)|allows?|allowed|permits?|approv(?:es?|ed)",
        (R.LEGAL_IN,),
        weight=0.6,
        reverse=True,
    ),
    RelationCue(
        r"bans?|banning|prohibits?|outlaws?|forbids?",
        (R.LEGAL_IN,),
        0.7,
        reverse=True,
        negated=True,
    ),
    # mimics
    RelationCue(
        r"mimic(?:s|ked|king)?|imitat(?:es?|ed|ing)|resembl(?:es?|ed|ing)"
        r"|(?:the )?same(?: \w+){0,3}? as"
        r"|similar(?:ly)? to|(?:works?|acts?) like",
        (R.MIMICS,),
        weight=0.7,
    ),
)


def _compile(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + phrase.replace(" ", r"\s+") + r")\b", re.IGNORECASE)


CUE_PATTERNS: tuple[tuple[RelationCue, re.Pattern[str]], ...] = tuple(
    (cue, _compile(cue.phrase)) for cue in RELATION_CUES
)

# "X offers relief, but not addiction": the relation is denied of the sentence's subject.
ELLIPTICAL_NEGATION = _compile(r"but not|and not|without(?: (?:causing|producing|any|the|a|an))*")
NEGATION = _compile(r"not|no|never|cannot|nor|neither|none|\w+n['\u2019]t")
NOT_NEGATION = _compile(r"not only|not just|no doubt|no matter|if not")
HEDGE = _compile(
    r"can|could|may|might|possibly|perhaps|probably|likely|unlikely|appears? to|seems? to"
    r"|suggests?|suggested|rarely|sometimes|in some (?:people|cases|patients)"
)
SPECULATIVE = _compile(
    r"show(?:s|ing|ed)?(?: \w+)? promise|promising|potential (?:treatments?|cures?|benefits?)"
    r"|could one day|may one day|hopes? (?:that|to)"
)
PROMISE = _compile(r"show(?:s|ing|ed)?(?: \w+)? promise|promising")
ATTRIBUTION_BEFORE = _compile(r"according to")
ATTRIBUTION_VERB = _compile(
    r"says?|said|states?|stated|reports?|reported|warns?|warned|notes?|noted|finds?|found"
    r"|recommends?|recommended|advises?|advised|points? to|pointed to|claims?|argues?|explains?"
    r"|estimates?|conclude[sd]?|cautions?"
)
ANAPHOR = _compile(
    r"(?:this|these|that|those)(?: (?:alternative|new|natural|same))?(?: types? of)?"
    r" (?:drugs?|substances?|treatments?|plants?|compounds?|medications?|medicines?|products?"
    r"|remed(?:y|ies)|herbs?|methods?)|the (?:drug|plant|substance|compound|medication|medicine"
    r"|herb|product|method)s?"
    r"|(?:high|higher|large|larger|heavy|regular|daily) (?:doses?|use|amounts?)(?! of)"
    r"|it|they|this|these"
)
CLAUSE_BOUNDARY = re.compile(
    r"[,;:()]|\b(?:but|while|whereas|although|though|because|since|so|yet|when|if|unless|which"
    r"|that|who)\b",
    re.IGNORECASE,
)
COORDINATION = re.compile(
    r"^\s*(?:,\s*)?(?:(?:and|or|as well as|or at least|and other|nor)\s+|,\s*)(?:the\s+)?$",
    re.IGNORECASE,
)
AND_ONLY = re.compile(r"^\s*(?:,\s*)?and\s+(?:the\s+)?$", re.IGNORECASE)
TAKING = re.compile(
    r"\b(?:taking|takes?|took|using|uses?|used|on|with|starting)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
IN_PLACE = re.compile(
    r"\bin\s+(?:the\s+|some\s+|many\s+|most\s+|several\s+|all\s+)?$", re.IGNORECASE
)

# Words that open a clause without giving it a subject of its own ("which are derived",
# "can provide", "also"); a clause that opens otherwise ("the withdrawal is") has one.
NO_SUBJECT = frozenset(
    re.findall(
        r"\w+",
        "is are was were be been being am can could may might will would shall should must do"
        " does did has have had not also then still often only just already even and or but"
        " which who whom whose to",
    )
)
RELATIVE = re.compile(r"^(?:which|who)$", re.IGNORECASE)
# A mention right after these words modifies another noun ("withdrawal from oxycodone").
NOT_HEAD = re.compile(
    r"\b(?:withdrawal\s+from|addiction\s+to|dependence\s+on|abuse\s+of|misuse\s+of"
    r"|overdoses?\s+(?:of|on))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
PARTICIPLE = re.compile(r"\s+\w+(?:ed|ing)\b", re.IGNORECASE)
APPOSITION = re.compile(r"\s*an?\s", re.IGNORECASE)  # used with .match(text, position)
# "X can interact with Y and raise Z": Y is the first verb's object, X raises Z.
VERB_COORDINATION = re.compile(
    r"\s+(?:and|or)\s+(?:(?:also|then|can|may|might|could|will|often)\s+)*", re.IGNORECASE
)
LISTED = re.compile(r"[\s,]*(?:(?:and|or)\s+)?(?:the\s+)?", re.IGNORECASE)  # between list items
