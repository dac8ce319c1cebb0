"""Read the cues of one sentence into proposals (the rules are listed in builders.extract)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builders import cues
from builders.cues import OBJECTS, SUBJECTS, TOPICS, RelationCue
from builders.mentions import Mention
from builders.records import Claim, EntityType, Modality, Qualifiers, Relation, Vocabulary
from builders.sentences import Sentence, word_count

INFERRED = 0.8  # confidence factor for an argument found by anaphora or a default
ORGANIZATION = frozenset({EntityType.ORGANIZATION})


@dataclass(frozen=True, slots=True)
class Group:
    """Coordinated mentions ("sedative and narcotic") that share a role."""

    start: int
    end: int
    members: tuple[Mention, ...]

    def fitting(self, types: frozenset[EntityType]) -> Group | None:
        """The members of one of ``types``, or None when there are none."""
        members = tuple(m for m in self.members if m.type in types)
        return Group(self.start, self.end, members) if members else None


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


@dataclass(slots=True)
class Discourse:
    """What the reader carries from sentence to sentence."""

    text: str
    topic_condition: str | None  # what the article is about: the first condition of its title
    main_jurisdiction: str | None  # the jurisdiction it names most often
    topic: Group | None = None  # what the latest sentence was about, for anaphora
    unresolved: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Argument:
    """A subject or object group, how it was found, and whether it was inferred."""

    group: Group
    how: str = ""
    inferred: bool = False
    in_clause: bool = True


class SentenceReader:
    """Reads the relation cues of one sentence, left to right."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        groups: list[Group],
        discourse: Discourse,
        sentence: Sentence,
    ) -> None:
        self.vocabulary = vocabulary
        self.d = discourse
        self.s = sentence
        self.text = discourse.text
        self.groups = groups
        self.question = sentence.text.endswith("?")
        self.boundaries = [
            (m.start(), m.end())
            for m in cues.CLAUSE_BOUNDARY.finditer(self.text, sentence.start, sentence.end)
        ]
        self.anaphors = [
            (m.start(), m.end())
            for m in cues.ANAPHOR.finditer(self.text, sentence.start, sentence.end)
        ]
        self.cue_matches = self._cue_matches()
        self.first_cue = self.cue_matches[0][0] if self.cue_matches else sentence.end
        self.first_anaphor = min((a for a, _ in self.anaphors), default=sentence.end)
        self.scene = self._scene()
        self.credits = self._credits()
        self.previous_topic = discourse.topic
        self.proposals: list[Proposal] = []
        self.emitted_clauses: set[int] = set()

    # --- structure ----------------------------------------------------------------------

    def _cue_matches(self) -> list[tuple[int, int, RelationCue]]:
        """Every cue in the sentence; of overlapping ones, the leftmost longest."""
        found = [
            (m.start(), m.end(), cue)
            for cue, pattern in cues.CUE_PATTERNS
            for m in pattern.finditer(self.text, self.s.start, self.s.end)
        ]
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        kept: list[tuple[int, int, RelationCue]] = []
        for start, end, cue in found:
            if not kept or start >= kept[-1][1]:
                kept.append((start, end, cue))
        return kept

    def clause_start(self, position: int) -> int:
        return max((end for _, end in self.boundaries if end <= position), default=self.s.start)

    def clause_end(self, position: int) -> int:
        return min((start for start, _ in self.boundaries if start >= position), default=self.s.end)

    def words_between(self, start: int, end: int) -> int:
        return word_count(self.text[start:end]) if end > start else 0

    def is_head(self, mention: Mention) -> bool:
        """False for a substance that only modifies a noun ("withdrawal from oxycodone")."""
        return not cues.NOT_HEAD.search(self.text, self.s.start, mention.start)

    def topic_at(self, position: int) -> Group | None:
        """The first substance, method or condition of the sentence before ``position``
        and before its first cue (in subject position), unless an anaphor comes first;
        otherwise the topic of the sentences before."""
        for group in self.groups:
            if group.start >= min(position, self.first_cue) or group.start > self.first_anaphor:
                break
            heads = Group(group.start, group.end, tuple(filter(self.is_head, group.members)))
            topic = heads.fitting(TOPICS)
            if topic is not None:
                return topic
        return self.previous_topic

    def own_subject(self, clause: int, position: int) -> bool:
        """Whether the clause before ``position`` has a subject of its own: an entity of
        any type, or an opening word other than a verb, adverb or relative pronoun."""
        if any(clause <= g.start and g.end <= position for g in self.groups):
            return True
        boundary = self.text[max(0, clause - 6) : clause].split()
        if boundary and cues.RELATIVE.match(boundary[-1]):
            return False
        found = re.findall(r"[^\W_]+", self.text[clause:position])
        if not found:
            return False
        first = found[0].lower()
        if first in cues.NO_SUBJECT or first.endswith("ly"):
            return False
        return not (first.endswith("ing") and clause > self.s.start)

    def _credits(self) -> list[tuple[int, tuple[str, ...]]]:
        """(from where, organizations): "according to X" covers the sentence, "X says"
        what follows X."""
        out: list[tuple[int, tuple[str, ...]]] = []
        for match in cues.ATTRIBUTION_BEFORE.finditer(self.text, self.s.start, self.s.end):
            group = self._first_after(match.end(), self.s.end, 3, ORGANIZATION)
            if group is not None:
                out.append((self.s.start, tuple(m.entity for m in group.members)))
        for match in cues.ATTRIBUTION_VERB.finditer(self.text, self.s.start, self.s.end):
            before = [g for g in self.groups if g.end <= match.start()]
            if not before or self.words_between(before[-1].end, match.start()) > 6:
                continue
            listed: list[Group] = []  # "The AMA, the Journal of Pain and others say"
            for group in reversed(before):
                orgs = group.fitting(ORGANIZATION)
                joint = self.text[group.end : listed[-1].start] if listed else ""
                if orgs is None or (listed and not cues.LISTED.fullmatch(joint)):
                    break
                listed.append(orgs)
            if listed:
                names = tuple(m.entity for g in reversed(listed) for m in g.members)
                out.append((listed[-1].start, names))
        return out

    def credited(self, start: int) -> tuple[str, ...]:
        orgs = [org for begin, found in self.credits if begin <= start for org in found]
        return tuple(dict.fromkeys(orgs))

    # --- finding arguments ----------------------------------------------------------------

    def _first_after(
        self, start: int, limit: int, window: int, types: frozenset[EntityType]
    ) -> Group | None:
        for group in self.groups:
            if group.start < start:
                continue
            if group.start >= limit or self.words_between(start, group.start) > window:
                return None
            fitting = tuple(m for m in group.members if m.type in types and not self._adjective(m))
            if fitting:
                return Group(group.start, group.end, fitting)
        return None

    def _adjective(self, mention: Mention) -> bool:
        """A property used as an adjective of another entity ("severe pain")."""
        return mention.type is EntityType.PROPERTY and any(
            g.start > mention.end and not self.text[mention.end : g.start].strip()
            for g in self.groups
        )

    def _nearest_before(
        self, start: int, end: int, types: frozenset[EntityType], window: int | None = None
    ) -> Group | None:
        for group in reversed(self.groups):
            if group.end > end or group.start < start:
                continue
            if window is not None and self.words_between(group.end, end) > window:
                return None
            heads = tuple(m for m in group.members if m.type in types and self.is_head(m))
            if heads:
                return Group(group.start, group.end, heads)
        return None

    def subject(
        self, cue: RelationCue | None, position: int, types: frozenset[EntityType], after: int
    ) -> Argument | None:
        """The subject of a cue at ``position`` whose object ends at ``after``."""
        clause = self.clause_start(position)
        adjacent = cue is not None and cue.adjacent
        group = self._nearest_before(clause, position, types, 1 if adjacent else None)
        if group is not None and cues.VERB_COORDINATION.fullmatch(self.text, group.end, position):
            topic = self.topic_at(position)
            group = (topic.fitting(types) if topic else None) or group
            if group is topic or (topic is not None and group.start == topic.start):
                return Argument(group, "subject of the first verb", in_clause=False)
        if group is not None:
            return Argument(group)
        if adjacent:
            return None
        if cues.APPOSITION.match(self.text, clause) and self.text[clause - 1 : clause] == ",":
            group = self._nearest_before(self.s.start, clause - 1, types, 0)
            if group is not None:
                return Argument(group, "apposition", in_clause=False)
        anaphor = next((a for a in self.anaphors if clause <= a[0] < position), None)
        own = self.own_subject(clause, position)
        if anaphor is not None or not own or (cue is not None and cue.topic):
            topic = self.topic_at(anaphor[0] if anaphor else position)
            fitting = topic.fitting(types) if topic is not None else None
            if fitting is not None:
                how = f"anaphor '{self.text[anaphor[0] : anaphor[1]]}'" if anaphor else "topic"
                return Argument(fitting, how, inferred=True, in_clause=False)
        substances = types & {EntityType.SUBSTANCE}
        for group in self.groups:
            found = group.fitting(substances) if group.start >= after else None
            if found and cues.TAKING.search(self.text[max(after, group.start - 40) : group.start]):
                return Argument(found, "taking", inferred=True, in_clause=False)
        if own:
            self.d.unresolved.append((clause, position))
        return None

    def objects(self, start: int, end: int, cue: RelationCue, limit: int) -> Argument | None:
        """The object group of a cue at ``start:end``; the next cue starts at ``limit``."""
        types = frozenset().union(*(OBJECTS[r] for r in cue.relations))
        if cue.implied is not None:
            entity = self.vocabulary.entities.get(cue.implied)
            if entity is None:
                return None
            implied = Mention(start, end, entity.id, entity.type)
            return Argument(Group(start, end, (implied,)), f"object implied by '{cue.implied}'")
        if cue.copula and cues.PARTICIPLE.match(self.text, end):
            return None  # "is combined with", "is getting": no predicate noun follows
        group = self._first_after(end, limit, 1 if cue.adjacent else cue.window, types)
        if group is None:
            if cue.jurisdiction:
                return self._default_jurisdiction(start, end)
            if not cue.adjacent and not cue.copula:
                self.d.unresolved.append((end, min(limit, self.clause_end(end))))
            return None
        if Relation.ACTS_ON in cue.relations:  # "interacts with ... the same receptor as ..."
            group = self._with_next_receptor(group)
        return Argument(group)  # a receptor named by its ligand counts as inferred alone

    def _with_next_receptor(self, group: Group) -> Group:
        """``group`` and the receptors of the next group in its clause that names one."""
        stop = self.clause_end(group.end)
        for later in self.groups:
            if later.start < group.end or later.start >= stop:
                continue
            receptors = later.fitting(frozenset({EntityType.RECEPTOR}))
            if receptors is not None:
                return Group(group.start, later.end, group.members + receptors.members)
        return group

    def _default_jurisdiction(self, start: int, end: int) -> Argument | None:
        """The place of "is legal" without one: the sentence's, named in it, else the
        article's main jurisdiction, which is inferred."""
        place = self.scene
        if place is not None:
            return Argument(Group(place.start, place.end, (place,)), "the sentence's place")
        entity = self.d.main_jurisdiction
        if entity is None:
            return None
        place = Mention(start, end, entity, EntityType.JURISDICTION)
        return Argument(Group(start, end, (place,)), "the article's main jurisdiction", True)

    # --- reading cues ---------------------------------------------------------------------

    def read(self) -> list[Proposal]:
        for index, (start, end, cue) in enumerate(self.cue_matches):
            following = self.cue_matches[index + 1 :]
            limit = following[0][0] if following else self.s.end
            if cue.reverse:
                self._reverse(start, end, cue, limit)
            else:
                self._forward(start, end, cue, limit)
        for match in cues.ELLIPTICAL_NEGATION.finditer(self.text, self.s.start, self.s.end):
            self._elliptical(match.start(), match.end())
        for match in cues.PROMISE.finditer(self.text, self.s.start, self.s.end):
            self._promise(match.start(), match.end())
        topic = self.topic_at(self.s.end)
        if topic is not None:
            self.d.topic = topic
        return self.proposals

    def _relation(self, cue: RelationCue, obj: Mention) -> Relation | None:
        return next((r for r in cue.relations if obj.type in OBJECTS[r]), None)

    def _forward(self, start: int, end: int, cue: RelationCue, limit: int) -> None:
        objects = self.objects(start, end, cue, limit)
        if objects is None:
            return
        pairs = [(r, o) for o in objects.group.members if (r := self._relation(cue, o))]
        types = frozenset().union(*(SUBJECTS[r] for r, _ in pairs))
        subject = self.subject(cue, start, types, objects.group.end) if pairs else None
        if subject is None:
            return
        clause = self.clause_start(start)
        population = None
        if subject.how == "taking":
            conditions = self._nearest_before(clause, start, frozenset({EntityType.CONDITION}))
            population = conditions.members[0].entity if conditions else None
        for relation, obj in pairs:
            for subj in subject.group.members:
                if subj.type not in SUBJECTS[relation]:
                    continue
                named = subject.in_clause and subj.start < start
                self._propose(
                    subj.entity,
                    relation,
                    obj,
                    cue,
                    span=(subj.start if named else clause, max(obj.end, end)),
                    negation_span=(subj.end if named else clause, max(obj.start, end)),
                    inferred=(subject.inferred, objects.inferred or obj.derived),
                    notes=(
                        f"cue '{self.text[start:end]}'",
                        subject.how,
                        "receptor named by its ligand" if obj.derived else objects.how,
                    ),
                    population=population,
                )

    def _reverse(self, start: int, end: int, cue: RelationCue, limit: int) -> None:
        types = frozenset().union(*(OBJECTS[r] for r in cue.relations))
        window = 1 if cue.adjacent else None
        objects = self._nearest_before(self.clause_start(start), start, types, window)
        for obj in objects.members if objects else ():
            relation = self._relation(cue, obj)
            if relation is None:
                continue
            width = 2 if cue.adjacent else cue.window
            subjects = self._first_after(end, limit, width, SUBJECTS[relation])
            for subj in subjects.members if subjects else ():
                self._propose(
                    subj.entity,
                    relation,
                    obj,
                    cue,
                    span=(obj.start, subj.end),
                    negation_span=(obj.end, subj.start),
                    inferred=(False, False),
                    notes=(f"cue '{self.text[start:end]}' (subject after it)",),
                )

    def _elliptical(self, start: int, end: int) -> None:
        """ "..., but not X" and "without X": X is denied of the sentence's topic."""
        kinds = frozenset({EntityType.PROPERTY, EntityType.CONDITION})
        group = self._first_after(end, self.s.end, 3, kinds)
        topic = self.topic_at(start)
        if group is None or topic is None:
            return
        for obj in group.members:
            relation = Relation.HAS_PROPERTY if obj.type is EntityType.PROPERTY else Relation.CAUSES
            fitting = topic.fitting(SUBJECTS[relation])
            for subj in fitting.members if fitting else ():
                self._propose(
                    subj.entity,
                    relation,
                    obj,
                    None,
                    span=(start, obj.end),
                    negation_span=(start, start),
                    inferred=(True, False),
                    notes=(f"negation '{self.text[start:end]}'", "topic"),
                    negated=True,
                    weight=0.6,
                )

    def _promise(self, start: int, end: int) -> None:
        """A clause that only "shows promise": its subject treats the article's topic."""
        clause = self.clause_start(start)
        if clause in self.emitted_clauses or self.d.topic_condition is None:
            return
        subject = self.subject(None, start, SUBJECTS[Relation.TREATS], end)
        if subject is None:
            return
        entity = self.vocabulary.entities[self.d.topic_condition]
        obj = Mention(start, end, entity.id, entity.type)
        for subj in subject.group.members:
            named = subject.in_clause and subj.start < start
            self._propose(
                subj.entity,
                Relation.TREATS,
                obj,
                None,
                span=(subj.start if named else clause, end),
                negation_span=(subj.end if named else clause, start),
                inferred=(subject.inferred, True),
                notes=(
                    f"promise '{self.text[start:end]}'",
                    subject.how,
                    "object: the title's topic",
                ),
                weight=0.5,
            )

    # --- proposals ------------------------------------------------------------------------

    def _propose(
        self,
        subject: str,
        relation: Relation,
        obj: Mention,
        cue: RelationCue | None,
        *,
        span: tuple[int, int],
        negation_span: tuple[int, int],
        inferred: tuple[bool, bool],
        notes: tuple[str, ...],
        negated: bool = False,
        weight: float | None = None,
        population: str | None = None,
    ) -> None:
        if subject == obj.entity or (self.question and any(inferred)):
            return
        start, end = span
        while start < end and self.text[start].isspace():
            start += 1
        negations = [
            m.group()
            for m in cues.NEGATION.finditer(self.text, *negation_span)
            if not cues.NOT_NEGATION.match(self.text, m.start())
        ]
        if not negated:
            negated = bool(negations) != bool(cue is not None and cue.negated)
        clause = self.clause_start(start)
        if self.question or cues.SPECULATIVE.search(self.text, clause, self.clause_end(end)):
            modality = Modality.SPECULATIVE
        elif cues.HEDGE.search(self.text, clause, end):
            modality = Modality.HEDGED
        else:
            modality = Modality.ASSERTED
        scene = None if relation is Relation.LEGAL_IN else self.scene
        jurisdiction = scene.entity if scene is not None else None
        claim = Claim(
            subject,
            relation,
            obj.entity,
            negated,
            Qualifiers(population=population, jurisdiction=jurisdiction),
        )
        base = weight if weight is not None else (cue.weight if cue is not None else 0.5)
        factor = INFERRED ** sum(inferred)
        credited = self.credited(start)
        extra = [f"negation '{n}'" for n in negations] + (["attribution"] if credited else [])
        self.proposals.append(
            Proposal(
                claim=claim,
                start=start,
                end=end,
                modality=modality,
                confidence=round(base * factor, 2),
                attributed_to=credited,
                cues=tuple(n for n in (*notes, *extra) if n),
            )
        )
        self.emitted_clauses.update({clause, self.clause_start(end)})

    def _scene(self) -> Mention | None:
        """The jurisdiction the sentence sets its scene in ("In some US states, ...")."""
        for group in self.groups:
            for m in group.members:
                before = self.text[self.s.start : m.start]
                if m.type is EntityType.JURISDICTION and cues.IN_PLACE.search(before):
                    return m
        return None
