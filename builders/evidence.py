"""Load data/evidence/*.yaml: studies, evidence lines, not-assessable marks, attributions.

A file may hold any of five lists:

- ``studies``: key, title, authors, venue, published (YYYY, YYYY-MM or YYYY-MM-DD),
  design, seen_at (where the citation was checked), identifiers (``doi:``, ``pubmed:`` or
  ``pmc:`` CURIEs, each with ``checked_at``), citation (for documents without an
  identifier) and publisher (an Organization entity);
- ``lines``: study, claim (subject, relation, object, negated, qualifiers), direction,
  strength, finding and grading (one line on why that strength, by the grading policy);
- ``laws``: key, title, citation, issuer, jurisdiction, substances, status (prohibits or
  permits), effective (YYYY, YYYY-MM or YYYY-MM-DD), ends (YYYY-MM-DD, optional),
  checked_at (the public address where the law and its date were seen) and note;
- ``not_assessable``: claim, reason, explanation;
- ``attributions``: article, quote (of an attributed statement), authority, study, basis.

Every reference is checked: studies exist, claims are expressed by some statement, the
quote is a statement of that article credited to that authority.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from builders.claims import CLAIM_FIELDS, ClaimReader
from builders.errors import DataError, FirstSeen, Location
from builders.identifiers import STUDY_ID_PATTERNS
from builders.iris import SLUG
from builders.records import (
    AttributionInference,
    Background,
    Claim,
    Design,
    Direction,
    EntityType,
    Evidence,
    EvidenceLine,
    Law,
    LegalStatus,
    NotAssessable,
    PartialDate,
    Statement,
    Strength,
    Study,
    StudyId,
    Unassessable,
    Vocabulary,
)
from builders.yamlsource import Fields, Node, load_yaml, require_mapping

STUDY_FIELDS = {
    "key",
    "title",
    "authors",
    "venue",
    "published",
    "design",
    "seen_at",
    "identifiers",
    "citation",
    "publisher",
}
LINE_FIELDS = {"study", "claim", "direction", "strength", "finding", "grading"}
LAW_FIELDS = {
    "key",
    "title",
    "citation",
    "issuer",
    "jurisdiction",
    "substances",
    "status",
    "effective",
    "ends",
    "checked_at",
    "note",
}
MARK_FIELDS = {"claim", "reason", "explanation"}
ATTRIBUTION_FIELDS = {"article", "quote", "authority", "study", "basis"}
ID_EXAMPLES = {
    "doi": "doi:10.1021/jacs.6b00360",
    "pubmed": "pubmed:24698080",
    "pmc": "pmc:PMC6600903",
}
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def broader_closure(vocabulary: Vocabulary) -> dict[str, frozenset[str]]:
    """Every entity's broader entities, following the vocabulary's ``broader`` facts."""
    parents: dict[str, set[str]] = {}
    for fact in vocabulary.facts:
        if fact.relation is Background.BROADER:
            parents.setdefault(fact.subject, set()).add(fact.object)
    closure: dict[str, frozenset[str]] = {}
    for entity in parents:
        seen: set[str] = set()
        todo = [entity]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        closure[entity] = frozenset(seen)
    return closure


def partial_date(fields: Fields, name: str) -> PartialDate:
    """A YYYY, YYYY-MM or YYYY-MM-DD date from ``fields``."""
    raw = fields.node.get(name)
    # A bare year such as 2019 reads as a YAML integer; it is a valid partial date.
    value = str(raw) if isinstance(raw, int) and not isinstance(raw, bool) else None
    value = value or fields.text(name, example="2016-06")
    match = PARTIAL_DATE.match(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        date = PartialDate(year, month, day)
        date.latest()  # rejects month 13, day 31 of a short month, ...
    except ValueError:
        raise fields.error(
            name,
            f"'{value}' is not a valid date",
            "write YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source allows",
        ) from None
    if not 1800 <= date.year <= 2100:
        raise fields.error(name, f"year {date.year} is implausible", "check the year")
    return date


def _study_id(node: Node, prefix: str) -> StudyId:
    fields = Fields(node, prefix, {"curie", "checked_at"})
    curie = fields.text("curie", example="doi:10.1021/jacs.6b00360")
    scheme, _, value = curie.partition(":")
    pattern = STUDY_ID_PATTERNS.get(scheme)
    problem = None
    if pattern is None:
        known = ", ".join(f"{prefix}:" for prefix in STUDY_ID_PATTERNS)
        problem = f"'{curie}' does not start with a known scheme ({known})"
    elif not pattern.match(value):
        problem = f"'{value}' is not a well-formed {scheme} identifier"
    if problem:
        raise fields.error(
            "curie", problem, f"write it like {ID_EXAMPLES.get(scheme, ID_EXAMPLES['doi'])}"
        )
    return StudyId(scheme, value, _where_checked(fields, "checked_at"))


NOT_PUBLIC = ("facts.md",)  # the project's own notes: never where something was checked


def _where_checked(fields: Fields, name: str) -> str:
    """A note of where something was checked: a public page, not a stub or our own notes."""
    value = fields.text(name, example="https://pubmed.ncbi.nlm.nih.gov/24698080/")
    if len(value.strip()) < 8:
        raise fields.error(
            name,
            f"'{value}' is too short to say where the identifier was checked",
            "give the page address or name the source, e.g. the PubMed record's URL",
        )
    named = next((note for note in NOT_PUBLIC if note in value.lower()), None)
    if named is not None:
        raise fields.error(
            name,
            f"'{named}' is the project's own list of facts, not a public page",
            "name the public page where the value was seen, or remove the value",
        )
    return value


@dataclass
class _Loader:
    vocabulary: Vocabulary
    statements: tuple[Statement, ...]
    claims: ClaimReader = field(init=False)
    expressed: frozenset[Claim] = field(init=False)
    studies: dict[str, Study] = field(default_factory=dict)
    keys: FirstSeen[str] = field(default_factory=FirstSeen)
    ids: FirstSeen[tuple[str, str]] = field(default_factory=FirstSeen)
    pending: list[tuple[str, Fields]] = field(default_factory=list)

    broader: dict[str, frozenset[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.claims = ClaimReader(self.vocabulary)
        self.expressed = frozenset(s.claim for s in self.statements)
        self.broader = broader_closure(self.vocabulary)

    def study(self, node: Node, prefix: str) -> Study:
        fields = Fields(node, prefix, STUDY_FIELDS)
        key = fields.text("key", example="kruegel-2016")
        if not SLUG.match(key):
            raise fields.error("key", f"'{key}' is not a lower-case slug", "use e.g. kruegel-2016")
        self.keys.add(
            key,
            fields.where("key"),
            f"study key '{key}' is already used",
            "give each study its own key",
        )
        located = [
            (_study_id(node_, prefix_), node_.where("curie", prefix_))
            for node_, prefix_ in (fields.items("identifiers") if "identifiers" in node else [])
        ]
        identifiers = tuple(ident for ident, _ in located)
        schemes = [i.scheme for i in identifiers]
        if len(set(schemes)) != len(schemes):
            raise fields.error(
                "identifiers", "an identifier scheme is listed twice", "keep one of each"
            )
        for ident, where in located:
            # DOIs are case-insensitive, so compare every identifier lower-cased
            self.ids.add(
                (ident.scheme, ident.value.lower()),
                where,
                f"{ident.scheme}:{ident.value} is already the identifier of the study",
                "describe each study once and cite it by its key",
            )
        citation = fields.optional_text("citation")
        if not identifiers and citation is None:
            raise fields.error(
                "identifiers",
                "a study needs a DOI, PMID or PMCID, or else a 'citation'",
                "add a checked identifier, or cite the document, e.g. citation: 81 FR 70652",
            )
        publisher = None
        if "publisher" in node:
            publisher = self.claims.entity(fields, "publisher", EntityType.ORGANIZATION)
        authors = fields.text_list("authors")
        if not authors:
            raise fields.error("authors", "no authors", "add authors: [Surname AB, ...]")
        study = Study(
            key=key,
            title=fields.text("title", example="Kratom dependence ..."),
            authors=authors,
            venue=fields.text("venue", example="Drug and Alcohol Dependence"),
            published=partial_date(fields, "published"),
            design=fields.member("design", Design),
            seen_at=_where_checked(fields, "seen_at"),
            identifiers=identifiers,
            citation=citation,
            publisher=publisher,
        )
        self.studies[key] = study
        return study

    def claim(self, fields: Fields) -> Claim:
        nested = fields.mapping("claim", CLAIM_FIELDS)
        if nested is None:
            raise fields.error(
                "claim",
                "required field 'claim' is missing",
                "add claim: {subject: kratom, relation: actsOn, object: mu-opioid-receptor}",
            )
        claim = self.claims.claim(nested)
        if claim not in self.expressed:
            same_subject = sorted(
                f"{s.claim.relation.value} {s.claim.object}"
                + (" (negated)" if s.claim.negated else "")
                for s in self.statements
                if s.claim.subject == claim.subject
            )
            hint = "; ".join(dict.fromkeys(same_subject)) or "none"
            raise fields.error(
                "claim",
                f"no statement expresses this claim (claims about '{claim.subject}': {hint})",
                "match a statement's subject, relation, object, negated and qualifiers exactly",
            )
        return claim

    def study_ref(self, fields: Fields) -> str:
        key = fields.text("study", example="kruegel-2016")
        self.pending.append((key, fields))
        return key

    def line(self, node: Node, prefix: str) -> EvidenceLine:
        fields = Fields(node, prefix, LINE_FIELDS)
        return EvidenceLine(
            study=self.study_ref(fields),
            claim=self.claim(fields),
            direction=fields.member("direction", Direction),
            strength=fields.member("strength", Strength),
            finding=fields.text("finding", example="Mitragynine is a partial agonist ..."),
            grading=fields.text(
                "grading", example="in-vitro assay of the claim's own target; direct; moderate"
            ),
        )

    def law(self, node: Node, prefix: str) -> Law:
        fields = Fields(node, prefix, LAW_FIELDS)
        key = fields.text("key", example="alabama-act-2016-279")
        if not SLUG.match(key):
            raise fields.error("key", f"'{key}' is not a lower-case slug", "use e.g. us-csa")
        self.keys.add(
            key, fields.where("key"), f"key '{key}' is already used", "give each source its own key"
        )
        jurisdiction = self.claims.entity(fields, "jurisdiction", EntityType.JURISDICTION)
        substances = tuple(
            self.claims.check_entity(fields, "substances", name, EntityType.SUBSTANCE)
            for name in fields.text_list("substances")
        )
        if not substances:
            raise fields.error(
                "substances", "no substances", "name what the law controls: [kratom]"
            )
        checked_at = _where_checked(fields, "checked_at")
        if "http" not in checked_at:
            raise fields.error(
                "checked_at",
                "no public address given for the law",
                "give the address of the page where the law and its date were seen",
            )
        effective = partial_date(fields, "effective")
        ends = fields.date("ends") if "ends" in node else None
        if ends is not None and ends <= effective.latest():
            raise fields.error(
                "ends", f"{ends} is not after the effective date", "check both dates"
            )
        return Law(
            key=key,
            title=fields.text("title", example="Act 2016-279"),
            citation=fields.text("citation", example="Ala. Code 20-2-23"),
            issuer=fields.text("issuer", example="Alabama Legislature"),
            jurisdiction=jurisdiction,
            substances=substances,
            status=fields.member("status", LegalStatus),
            effective=effective,
            checked_at=checked_at,
            places=(jurisdiction, *sorted(self.broader.get(jurisdiction, ()))),
            place_label=self.vocabulary.entities[jurisdiction].label,
            ends=ends,
            note=fields.optional_text("note"),
        )

    def mark(self, node: Node, prefix: str) -> NotAssessable:
        fields = Fields(node, prefix, MARK_FIELDS)
        return NotAssessable(
            claim=self.claim(fields),
            reason=fields.member("reason", Unassessable),
            explanation=fields.text("explanation", example="The sentence defines a term."),
        )

    def attribution(self, node: Node, prefix: str) -> AttributionInference:
        fields = Fields(node, prefix, ATTRIBUTION_FIELDS)
        article = fields.text("article", example="000_5d16975f47f5a72c")
        quote = fields.text("quote", example="the AMA and the Journal of Pain ...")
        authority = self.claims.entity(fields, "authority", EntityType.ORGANIZATION)
        matches = [s for s in self.statements if s.article_id == article and s.span.exact == quote]
        if not matches:
            raise fields.error(
                "quote",
                f"no statement of article '{article}' has exactly this quote",
                "copy the 'quote' of the attributed statement from data/statements",
            )
        if authority not in matches[0].attributed_to:
            credited = ", ".join(matches[0].attributed_to) or "nobody"
            raise fields.error(
                "authority",
                f"that statement is attributed to {credited}, not to '{authority}'",
                "name one of the organizations in the statement's attributed_to",
            )
        return AttributionInference(
            article_id=article,
            quote=quote,
            authority=authority,
            study=self.study_ref(fields),
            basis=fields.text("basis", example="The only study in that journal that ..."),
        )

    def check_study_refs(self) -> None:
        for key, fields in self.pending:
            if key not in self.studies:
                raise fields.error(
                    "study",
                    f"unknown study '{key}'",
                    "use a key from a 'studies' list in data/evidence or add the study",
                )


def load_evidence(
    folder: Path, vocabulary: Vocabulary, statements: tuple[Statement, ...]
) -> Evidence:
    """Read every YAML file in ``folder`` (which may be absent: no evidence yet)."""
    loader = _Loader(vocabulary, statements)
    lines: list[EvidenceLine] = []
    marks: list[NotAssessable] = []
    attributions: list[AttributionInference] = []
    laws: list[Law] = []
    seen: FirstSeen[tuple[str, Claim]] = FirstSeen()
    marked: FirstSeen[Claim] = FirstSeen()
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        top = require_mapping(load_yaml(path), Location(path), "an evidence file")
        fields = Fields(top, "", {"studies", "lines", "not_assessable", "attributions", "laws"})
        for node, prefix in fields.items("studies") if "studies" in top else []:
            loader.study(node, prefix)
        for node, prefix in fields.items("lines") if "lines" in top else []:
            line = loader.line(node, prefix)
            seen.add(
                (line.study, line.claim),
                node.where("study", prefix),
                f"study '{line.study}' already has a line for this claim",
                "keep one evidence line per study and claim",
            )
            lines.append(line)
        for node, prefix in fields.items("not_assessable") if "not_assessable" in top else []:
            mark = loader.mark(node, prefix)
            marked.add(
                mark.claim,
                node.where("claim", prefix),
                "this claim is already marked not assessable",
                "keep one mark per claim",
            )
            marks.append(mark)
        for node, prefix in fields.items("attributions") if "attributions" in top else []:
            attributions.append(loader.attribution(node, prefix))
        for node, prefix in fields.items("laws") if "laws" in top else []:
            laws.append(loader.law(node, prefix))
    loader.check_study_refs()
    for line in lines:
        if line.claim in marked.places:
            raise DataError(
                marked.places[line.claim],
                f"this claim is marked not assessable but has an evidence line "
                f"(study '{line.study}', at {seen.places[(line.study, line.claim)]})",
                "remove the mark or the evidence line",
            )
    return Evidence(
        studies=dict(sorted(loader.studies.items())),
        lines=tuple(lines),
        not_assessable=tuple(marks),
        attributions=tuple(attributions),
        laws=tuple(laws),
        broader=loader.broader,
    )


def reviewed_only(evidence: Evidence, statements: tuple[Statement, ...]) -> Evidence:
    """The evidence about what ``statements`` say (drop what concerns draft articles)."""
    claims = {s.claim for s in statements}
    quotes = {(s.article_id, s.span.exact) for s in statements}
    return Evidence(
        studies=evidence.studies,
        lines=tuple(line for line in evidence.lines if line.claim in claims),
        not_assessable=tuple(m for m in evidence.not_assessable if m.claim in claims),
        attributions=tuple(a for a in evidence.attributions if (a.article_id, a.quote) in quotes),
        laws=evidence.laws,
        broader=evidence.broader,
    )
