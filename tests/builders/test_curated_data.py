"""Checks over every curated record, in the spirit of bioregistry's data tests."""

from __future__ import annotations

from collections import Counter

from builders import paths
from builders.records import Dataset, EntityType, Relation
from builders.yamlsource import load_yaml

SEED = "000_5d16975f47f5a72c"


def test_every_quote_equals_the_article_at_its_offsets(seed_dataset: Dataset) -> None:
    texts = {a.id: a.text for a in seed_dataset.articles}
    for statement in seed_dataset.statements:
        span = statement.span
        assert texts[statement.article_id][span.start : span.end] == span.exact


def test_statements_file_quotes_are_the_anchored_ones(seed_dataset: Dataset) -> None:
    raw = load_yaml(paths.DATA_DIR / "statements" / f"{SEED}.yaml")
    quotes = [entry["quote"] for entry in raw["statements"]]
    assert [s.span.exact for s in seed_dataset.statements] == quotes


def test_seed_article_is_copied_byte_for_byte() -> None:
    shared = paths.PROJECT_ROOT.parent / "shared" / "seed" / f"{SEED}.txt"
    ours = paths.DATA_DIR / "articles" / f"{SEED}.txt"
    if shared.exists():
        assert ours.read_bytes() == shared.read_bytes()
    assert ours.read_bytes().startswith(b"Medical Marijuana and Kratom for Opioid Withdrawal\n")


def test_seed_article_has_thirty_or_more_atomic_claims(seed_dataset: Dataset) -> None:
    assert len(seed_dataset.statements) >= 30
    assert len({s.claim for s in seed_dataset.statements}) >= 30


def test_the_disputed_claims_of_the_brief_are_curated(seed_dataset: Dataset) -> None:
    claims = {
        (s.claim.subject, s.claim.relation, s.claim.object, s.claim.negated)
        for s in seed_dataset.statements
    }
    assert ("marijuana", Relation.HAS_PROPERTY, "addictive", True) in claims
    assert ("opioid-withdrawal", Relation.CAUSES, "death", True) in claims
    assert ("kratom", Relation.ACTS_ON, "mu-opioid-receptor", False) in claims
    assert ("kratom", Relation.USED_FOR, "traditional-medicine", False) in claims


def test_chronic_pain_statement_is_attributed(seed_dataset: Dataset) -> None:
    reduces = Relation.REDUCES_USE_OF
    [statement] = [s for s in seed_dataset.statements if s.claim.relation is reduces]
    assert statement.attributed_to == ("american-medical-association", "journal-of-pain")
    assert statement.claim.qualifiers.population == "chronic-pain"


def test_every_identifier_says_where_it_was_checked(seed_dataset: Dataset) -> None:
    for entity in seed_dataset.vocabulary.entities.values():
        for identifier in entity.identifiers:
            assert len(identifier.checked_at) >= 3, (entity.id, identifier.iri)


def test_no_entity_identifier_was_checked_only_in_the_projects_own_notes(
    seed_dataset: Dataset,
) -> None:
    # facts.md is the project's own list, not a public page: each identifier must name
    # the public page (or public repository file) where it was seen with the entity's name.
    cited = [
        (entity.id, identifier.iri, identifier.checked_at)
        for entity in seed_dataset.vocabulary.entities.values()
        for identifier in entity.identifiers
        if "facts.md" in identifier.checked_at.lower()
    ]
    assert cited == []


def test_no_identifier_is_claimed_by_two_entities_as_exact(seed_dataset: Dataset) -> None:
    exact = Counter(
        i.iri
        for e in seed_dataset.vocabulary.entities.values()
        for i in e.identifiers
        if i.match.value == "exactMatch"
    )
    assert [iri for iri, n in exact.items() if n > 1] == []


def test_every_entity_is_used(seed_dataset: Dataset) -> None:
    used = {s.claim.subject for s in seed_dataset.statements}
    used |= {s.claim.object for s in seed_dataset.statements}
    used |= {org for s in seed_dataset.statements for org in s.attributed_to}
    used |= {
        q
        for s in seed_dataset.statements
        for q in (s.claim.qualifiers.population, s.claim.qualifiers.jurisdiction)
        if q
    }
    used |= {f.subject for f in seed_dataset.vocabulary.facts}
    used |= {f.object for f in seed_dataset.vocabulary.facts}
    # the unnamed sources ("an unnamed study", "users"), the properties ("safe",
    # "natural"), the product forms ("CBD oil") and the everyday health terms ("drowsiness")
    # are there for the extractor's drafts
    generic = {
        entry["id"]
        for name in (
            "unnamed-sources.yaml",
            "properties.yaml",
            "products.yaml",
            "health-terms.yaml",
        )
        for entry in load_yaml(paths.DATA_DIR / "vocabulary" / name)["entities"]
    }
    assert generic and set(seed_dataset.vocabulary.entities) - used == generic - used


def test_substances_have_kinds_and_others_do_not(seed_dataset: Dataset) -> None:
    for entity in seed_dataset.vocabulary.entities.values():
        assert (entity.kind is not None) == (entity.type is EntityType.SUBSTANCE), entity.id
