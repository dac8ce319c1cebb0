"""The rule-based extractor on small texts written for the tests, one cue family at a time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builders.anchoring import anchor
from builders.candidates import find_candidates
from builders.cuereader import INFERRED
from builders.drafts import render_draft, statement_entries
from builders.extract import MAX_PROPOSALS_PER_SENTENCE, MAX_SENTENCE_CHARS, Extraction, Extractor
from builders.mentions import Lexicon
from builders.records import Dataset, EntityType, Modality
from builders.sentences import split_sentences

Key = tuple[str, str, str, bool]


@pytest.fixture(scope="module")
def extractor(seed_dataset: Dataset) -> Extractor:
    return Extractor(seed_dataset.vocabulary)


def keys(extraction: Extraction) -> set[Key]:
    return {
        (p.claim.subject, p.claim.relation.value, p.claim.object, p.claim.negated)
        for p in extraction.proposals
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kratom acts on the mu-opioid receptor.", ("kratom", "actsOn", "mu-opioid-receptor")),
        (
            "Kratom interacts with the brain and with the same receptor as opioids.",
            ("kratom", "actsOn", "mu-opioid-receptor"),
        ),
        ("Opiates are derived from opium.", ("opiates", "derivedFrom", "opium")),
        ("Opium brings relief from pain.", ("opium", "relieves", "pain")),
        (
            "Chronic pain sufferers reduce the amount of opioids they need when taking "
            "medical marijuana.",
            ("medical-marijuana", "reducesUseOf", "opioids"),
        ),
        ("Kratom is legal in the United States.", ("kratom", "legalIn", "united-states")),
        (
            "Medical marijuana is prescribed for opioid withdrawal.",
            ("medical-marijuana", "prescribedFor", "opioid-withdrawal"),
        ),
        ("Opium is a powerful narcotic.", ("opium", "isA", "narcotics")),
        ("Marijuana mimics opioids.", ("marijuana", "mimics", "opioids")),
    ],
)
def test_relation_cues(extractor: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert (*expected, False) in keys(extractor.extract(text))


def test_reduces_use_names_its_population(extractor: Extractor) -> None:
    text = "Chronic pain sufferers reduce the amount of opioids they need when taking kratom."
    [proposal] = [p for p in extractor.extract(text).proposals if p.claim.object == "opioids"]
    assert proposal.claim.subject == "kratom"
    assert proposal.claim.qualifiers.population == "chronic-pain"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kratom does not act on the mu-opioid receptor.",
            ("kratom", "actsOn", "mu-opioid-receptor"),
        ),
        ("Kratom is banned in the United States.", ("kratom", "legalIn", "united-states")),
        ("Kratom won't kill you.", ("kratom", "causes", "death")),
        (
            "Marijuana offers relief from pain, but not the dangerous addictive properties.",
            ("marijuana", "hasProperty", "addictive"),
        ),
        ("Kratom relieves pain without euphoria.", ("kratom", "causes", "euphoria")),
    ],
)
def test_negation_cues(extractor: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    found = keys(extractor.extract(text))
    assert (*expected, True) in found
    assert (*expected, False) not in found


def test_a_cue_that_denies_is_undone_by_not(extractor: Extractor) -> None:
    assert ("kratom", "legalIn", "united-states", False) in keys(
        extractor.extract("Kratom is not banned in the United States.")
    )


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Kratom relieves pain.", Modality.ASSERTED),
        ("Kratom may relieve pain.", Modality.HEDGED),
        ("Kratom can relieve pain.", Modality.HEDGED),
        ("Kratom is showing promise as it relieves pain.", Modality.SPECULATIVE),
    ],
)
def test_hedging_cues(extractor: Extractor, text: str, modality: Modality) -> None:
    [proposal] = [p for p in extractor.extract(text).proposals if p.claim.object == "pain"]
    assert proposal.modality is modality


def test_promise_alone_is_about_the_title_topic(extractor: Extractor) -> None:
    text = "Kratom for Opioid Withdrawal\n\nKratom is also showing great promise."
    found = extractor.extract(text).proposals
    promise = [p for p in found if text[p.start : p.end] == "Kratom is also showing great promise"]
    assert [(p.claim.subject, p.claim.object, p.modality) for p in promise] == [
        ("kratom", "opioid-withdrawal", Modality.SPECULATIVE)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "According to the American Medical Association, medical marijuana relieves pain.",
        "The American Medical Association says medical marijuana relieves pain.",
        "The AMA and the Journal of Pain point to research which shows that medical marijuana "
        "relieves pain.",
    ],
)
def test_attribution_cues(extractor: Extractor, text: str) -> None:
    [proposal] = extractor.extract(text).proposals
    assert proposal.claim.subject == "medical-marijuana"
    assert "american-medical-association" in proposal.attributed_to


def test_attribution_covers_only_what_follows_the_speaker(extractor: Extractor) -> None:
    text = "Kratom relieves pain, and the American Medical Association says opioids cause euphoria."
    credited = {p.claim.subject: p.attributed_to for p in extractor.extract(text).proposals}
    assert credited == {"kratom": (), "opioids": ("american-medical-association",)}


def test_anaphora_carries_the_subject_across_sentences(extractor: Extractor) -> None:
    text = "Opium is a sedative. It can be very addictive."
    assert keys(extractor.extract(text)) == {
        ("opium", "isA", "sedatives", False),
        ("opium", "hasProperty", "addictive", False),
    }


@pytest.mark.parametrize(
    "text",
    [
        "The weather was pleasant and the birds sang loudly.",
        "Kratom grows in the forests of Thailand.",
        "Kratomania relieves pain.",  # no known entity as a whole word
    ],
)
def test_a_sentence_without_two_known_entities_yields_nothing(
    extractor: Extractor, text: str
) -> None:
    assert extractor.extract(text).proposals == ()


def test_a_question_asserts_nothing_it_cannot_name(extractor: Extractor) -> None:
    assert extractor.extract("Kratom is sold in shops. Is it legal in the US?").proposals == ()


def test_mentions_ignore_case_and_plural_but_respect_capital_acronyms(
    seed_dataset: Dataset,
) -> None:
    lexicon = Lexicon(seed_dataset.vocabulary)
    text = "OPIOIDS and an Opioid; tell us about the US and the AMA."
    found = [(text[m.start : m.end], m.entity) for m in lexicon.find(text)]
    assert found == [
        ("OPIOIDS", "opioids"),
        ("Opioid", "opioids"),
        ("US", "united-states"),
        ("AMA", "american-medical-association"),
    ]


def test_longest_name_wins(seed_dataset: Dataset) -> None:
    lexicon = Lexicon(seed_dataset.vocabulary)
    text = "Medical marijuana is not the same as marijuana."
    assert [m.entity for m in lexicon.find(text)] == ["medical-marijuana", "marijuana"]


def test_offsets_index_the_text_in_code_points(extractor: Extractor) -> None:
    it_is = "It\u2019s \u201cplain\u201d: kratom acts on the mu-opioid receptor."
    text = f"Kratom \u2615 notes\n\n{it_is} Opiates are derived from opium."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Kratom \u2615 notes",
        it_is,
        "Opiates are derived from opium.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    extraction = extractor.extract(text)
    spans = {p.claim.relation.value: text[p.start : p.end] for p in extraction.proposals}
    assert spans == {
        "actsOn": "kratom acts on the mu-opioid receptor",
        "derivedFrom": "Opiates are derived from opium",
    }
    receptor = next(m for m in extraction.mentions if m.entity == "mu-opioid-receptor")
    assert receptor.start == text.index("mu-opioid receptor")
    for entry in statement_entries(text, extraction.proposals):
        assert anchor(text, entry.quote).exact == entry.quote


def test_quotes_are_widened_until_unique(extractor: Extractor) -> None:
    text = "Kratom relieves pain. Kratom relieves pain, say users. Kratom relieves pain!"
    entries = statement_entries(text, extractor.extract(text).proposals)
    quotes = [e.quote for e in entries]
    assert len(quotes) == 3 and len(set(quotes)) == 3
    for quote in quotes:
        assert text.count(quote) == 1


def test_unknown_names_become_vocabulary_candidates(extractor: Extractor) -> None:
    text = "The Food and Drug Administration warns that oxycodone causes constipation in Idaho."
    extraction = extractor.extract(text)
    candidates = {c.text: c.type for c in find_candidates(text, extraction)}
    assert candidates["Food and Drug Administration"] is EntityType.ORGANIZATION
    assert candidates["oxycodone"] is EntityType.SUBSTANCE
    assert candidates["Idaho"] is EntityType.JURISDICTION
    assert "constipation" in candidates  # the unknown object of "causes"


def test_the_draft_is_deterministic(extractor: Extractor) -> None:
    text = "Kratom acts on the mu-opioid receptor. The FDA says kratom may cause death."

    def draft() -> bytes:
        extraction = extractor.extract(text)
        entries = statement_entries(text, extraction.proposals)
        return render_draft("001_x", entries, find_candidates(text, extraction))

    assert draft() == draft()


def test_a_sentence_may_start_with_any_capital(extractor: Extractor) -> None:
    text = "Kratom relieves pain. \u00c9tienne says opium is a narcotic. \u00d6l is no drug."
    assert [s.text for s in split_sentences(text)] == [
        "Kratom relieves pain.",
        "\u00c9tienne says opium is a narcotic.",
        "\u00d6l is no drug.",
    ]
    assert [s.text for s in split_sentences("Dr. \u00c9tienne and e.g. \u00e9lan.")] == [
        "Dr. \u00c9tienne and e.g. \u00e9lan."
    ]


def test_an_object_from_the_articles_main_place_is_inferred_one_named_is_not(
    extractor: Extractor,
) -> None:
    text = "Kratom is legal in the United States. Kratom is legal. In the US, opium is legal."
    found = {text[p.start : p.end]: p.confidence for p in extractor.extract(text).proposals}
    weight = 0.6  # the cue "legal" without a place after it
    assert found == {
        "Kratom is legal in the United States": 0.85,
        "Kratom is legal": round(weight * INFERRED, 2),  # the article's main jurisdiction
        "opium is legal": weight,  # the place the sentence names
    }


def test_a_long_sentence_is_skipped_and_recorded(extractor: Extractor) -> None:
    clause = "kratom relieves pain and opium acts on the mu-opioid receptor, "
    long = clause * (MAX_SENTENCE_CHARS // len(clause) + 1)
    text = f"{long}\n\nOpiates are derived from opium."
    extraction = extractor.extract(text)
    assert keys(extraction) == {("opiates", "derivedFrom", "opium", False)}
    assert [(s.sentence.start, s.reason) for s in extraction.skipped] == [(0, "long")]


def test_one_sentence_yields_a_bounded_number_of_proposals(extractor: Extractor) -> None:
    clause = "kratom relieves pain and opium acts on the mu-opioid receptor, "
    text = clause * (MAX_SENTENCE_CHARS // len(clause))
    extraction = extractor.extract(text)
    assert len(extraction.proposals) == MAX_PROPOSALS_PER_SENTENCE
    assert [s.reason for s in extraction.skipped] == ["crowded"]
    assert keys(extraction) == {
        ("kratom", "relieves", "pain", False),
        ("opium", "actsOn", "mu-opioid-receptor", False),
    }


ADVERSARIAL = {  # inputs that took from 12 s to more than 5 minutes before the limits
    "hyphens": ("text", "'Title\\n\\nMay 1, 2020\\n\\n' + 'a-' * 200_000"),
    "abbreviations": ("text", "'Dr. ' * 40_000"),
    "bold markers": ("markdown", "'**a ' * 40_000"),
    "link brackets": ("markdown", "'[a](' * 80_000 + '\\n' + '[' * 80_000"),
    "run-on sentence": (
        "text",
        "'May 1, 2020\\n\\n' + 'Kratom relieves pain and opium acts on the mu-opioid "
        "receptor, ' * 1_500",
    ),
    "quotes repeated far apart": (
        "text",
        "'May 1, 2020\\n\\n' + 2 * ('\\n\\n'.join(f'Kratom relieves pain in case {i} of "
        "many.' for i in range(1_500)) + '\\n\\n' + 'Filler words. ' * 30_000 + '\\n\\n')",
    ),
}
BOUNDED = """
import json, sys, time
from pathlib import Path
from builders.drafts import statement_entries
from builders.extract import Extractor
from builders.markdowntext import from_markdown
from builders.vocabulary import load_vocabulary
kind, text = sys.argv[1], eval(sys.argv[2])
began = time.perf_counter()
if kind == "markdown":
    text = from_markdown(Path("in.md"), text).text
extraction = Extractor(load_vocabulary(Path(sys.argv[3]))).extract(text, "Title")
entries = statement_entries(text, extraction.proposals)
print(json.dumps({
    "seconds": time.perf_counter() - began,
    "sentences": len(extraction.sentences),
    "skipped": [s.reason for s in extraction.skipped],
    "proposals": len(extraction.proposals),
    "quotes": sorted({e.quote for e in entries}),
    "unique": all(text.count(e.quote) == 1 for e in entries),
    "text": text[:40],
}))
"""


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_hostile_inputs_take_bounded_time(name: str) -> None:
    """Each runs in its own process, killed after 20 s (minutes before the limits)."""
    kind, expression = ADVERSARIAL[name]
    vocabulary = Path(__file__).resolve().parents[2] / "data" / "vocabulary"
    command = [sys.executable, "-c", BOUNDED, kind, expression, str(vocabulary)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=True)
    result = json.loads(done.stdout)
    if name == "hyphens":
        assert result["quotes"] == [] and result["skipped"] == ["long"]
    elif name == "abbreviations":
        assert result["sentences"] == 1  # "Dr." ends no sentence
    elif name == "bold markers":
        assert result["text"] == "**a " * 10
    elif name == "link brackets":
        assert result["text"] == "[a](" * 10
    elif name == "run-on sentence":
        assert result["skipped"] == ["long"] and result["sentences"] == 2
    else:
        assert result["proposals"] == 3_000 and result["unique"]
        assert len(result["quotes"]) < 100  # only those that reach a copy's unique edge
