"""The extractor, one construction per test: each sentence (written for these tests) yields
exactly the expected claims, and a sentence that denies a claim never yields it positively."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from builders.ingest.arguments import ArgumentReader, Discourse
from builders.ingest.extract import INFERRED_FACTOR, Extraction, Extractor, Proposal
from builders.ingest.rules import cue_table
from builders.records import Modality, Relation
from builders.vocabulary import load_vocabulary

VOCABULARY = Path(__file__).parents[2] / "resources" / "ingest" / "vocabulary"
Key = tuple[str, str, str, bool]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_vocabulary(VOCABULARY))


def keys(extraction: Extraction) -> set[Key]:
    return {
        (p.claim.subject, p.claim.relation.value, p.claim.object, p.claim.negated)
        for p in extraction.proposals
    }


def only(extraction: Extraction) -> Proposal:
    [proposal] = extraction.proposals
    return proposal


CONSTRUCTIONS: dict[str, tuple[str, set[Key]]] = {
    "plain verb": (
        "Kratom acts on the mu-opioid receptor.",
        {("kratom", "actsOn", "mu-opioid-receptor", False)},
    ),
    "negated verb": (
        "Kratom does not relieve anxiety.",
        {("kratom", "relieves", "anxiety", True)},
    ),
    "neither ... nor distributes over both subjects": (
        "Neither CBD nor kratom is approved by the FDA for treating opioid withdrawal.",
        {
            ("cbd", "prescribedFor", "opioid-withdrawal", True),
            ("kratom", "prescribedFor", "opioid-withdrawal", True),
        },
    ),
    "no X or Y distributes over both objects": (
        "In this trial CBD caused no nausea or sweating.",
        {("cbd", "causes", "nausea", True), ("cbd", "causes", "sweating", True)},
    ),
    "not ... either": (
        "Methadone does not relieve anxiety either.",
        {("methadone", "relieves", "anxiety", True)},
    ),
    "a symptom list": (
        "Withdrawal symptoms include nausea, sweating and anxiety.",
        {
            ("opioid-withdrawal", "causes", "nausea", False),
            ("opioid-withdrawal", "causes", "sweating", False),
            ("opioid-withdrawal", "causes", "anxiety", False),
        },
    ),
    "a list of places that ban it": (
        "Alabama, Arkansas and Indiana ban kratom.",
        {
            ("kratom", "legalIn", "alabama", True),
            ("kratom", "legalIn", "arkansas", True),
            ("kratom", "legalIn", "indiana", True),
        },
    ),
    "an exception gives the opposite claim": (
        "Kratom is legal in Florida except Sarasota County.",
        {("kratom", "legalIn", "florida", False), ("kratom", "legalIn", "sarasota-county", True)},
    ),
    "a passive with a place": (
        "Kratom is banned in Alabama.",
        {("kratom", "legalIn", "alabama", True)},
    ),
    "a relative clause": (
        "Kratom contains mitragynine, which binds to the mu-opioid receptor.",
        {
            ("mitragynine", "derivedFrom", "kratom", False),
            ("mitragynine", "actsOn", "mu-opioid-receptor", False),
        },
    ),
    "a possessive anaphor": (
        "Kratom grows in Southeast Asia. Its leaves contain mitragynine.",
        {("mitragynine", "derivedFrom", "kratom", False)},
    ),
    "a pronoun": (
        "Oxycodone is widely prescribed. It causes nausea.",
        {("oxycodone", "causes", "nausea", False)},
    ),
    "a copula class": (
        "Oxycodone is an opioid.",
        {("oxycodone", "isA", "opioids", False)},
    ),
    "a copula property, denied": (
        "CBD is not addictive.",
        {("cbd", "hasProperty", "addictive", True)},
    ),
    "listed predicates share the copula's subject": (
        "CBD is natural, safe and effective.",
        {
            ("cbd", "hasProperty", "natural", False),
            ("cbd", "hasProperty", "safe", False),
            ("cbd", "hasProperty", "effective", False),
        },
    ),
    "a listed predicate with its own subject is its own claim": (
        "Kratom is natural and oxycodone is addictive.",
        {
            ("kratom", "hasProperty", "natural", False),
            ("oxycodone", "hasProperty", "addictive", False),
        },
    ),
    "'not' on a later predicate denies only that one": (
        "Kratom is natural but not safe.",
        {("kratom", "hasProperty", "natural", False), ("kratom", "hasProperty", "safe", True)},
    ),
    "'not always' on a later predicate is a quantifier, no denial": (
        "Kratom is natural but not always safe.",
        {("kratom", "hasProperty", "natural", False), ("kratom", "hasProperty", "safe", False)},
    ),
    "'non-' denies a property": (
        "CBD is non-addictive.",
        {("cbd", "hasProperty", "addictive", True)},
    ),
    "'neither' denies the first, 'nor non-' denies twice": (
        "Kratom is neither safe nor non-addictive.",
        {("kratom", "hasProperty", "safe", True), ("kratom", "hasProperty", "addictive", False)},
    ),
    "a class noun stands for the members listed after a colon": (
        "Kratom is sold online. Several states ban it: Alabama, Arkansas and Indiana.",
        {
            ("kratom", "legalIn", "alabama", True),
            ("kratom", "legalIn", "arkansas", True),
            ("kratom", "legalIn", "indiana", True),
        },
    ),
    "a copula with a preposition names no class": (
        "Nausea is common. They have been on oxycodone for years.",
        set(),
    ),
    "'her' is a person, never an antecedent": (
        "Nausea is common. Methadone helped her.",
        set(),
    ),
    "'it' is the previous sentence's subject before its latest mention": (
        "Methadone lasts longer than oxycodone. It causes nausea.",
        {("methadone", "causes", "nausea", False)},
    ),
    "the mentions before a subjectless copula are its subjects": (
        "According to the FDA, methadone and oxycodone are both addictive.",
        {
            ("methadone", "hasProperty", "addictive", False),
            ("oxycodone", "hasProperty", "addictive", False),
        },
    ),
    "a raised subject: 'X seems to be Y'": (
        "Kratom seems to be addictive.",
        {("kratom", "hasProperty", "addictive", False)},
    ),
    "a place reached through an adverb": (
        "Kratom is legal everywhere in Florida.",
        {("kratom", "legalIn", "florida", False)},
    ),
    "a verb the tagger calls a noun still takes its object": (
        "Our physicians prescribe methadone for opioid addiction.",
        {("methadone", "prescribedFor", "opioid-addiction", False)},
    ),
    "X for Y is use, not treatment": (
        "Many people take kratom for pain.",
        {("kratom", "usedFor", "pain", False)},
    ),
    "arguments come from the parse, not from proximity": (
        "CBD helps with the symptoms associated with opioid withdrawal.",
        {("cbd", "relieves", "opioid-withdrawal", False)},
    ),
    "a coordinated predicate shares its subject": (
        "Methadone eases pain and reduces anxiety.",
        {("methadone", "relieves", "pain", False), ("methadone", "relieves", "anxiety", False)},
    ),
    "the use of a drug is what is reduced": (
        "CBD may reduce the use of opioids.",
        {("cbd", "reducesUseOf", "opioids", False)},
    ),
    "approval for a gerund's object is prescribedFor, and the gerund states nothing": (
        "The FDA has approved methadone for treating opioid addiction.",
        {("methadone", "prescribedFor", "opioid-addiction", False)},
    ),
    "'no' on a relation noun denies it": (
        "Kratom is no replacement for methadone.",
        {("kratom", "reducesUseOf", "methadone", True)},
    ),
    "an apposition describes the list just before it, outside the clause's denial": (
        "CBD is no substitute for methadone, the standard treatment for opioid addiction.",
        {
            ("cbd", "reducesUseOf", "methadone", True),
            ("methadone", "treats", "opioid-addiction", False),
        },
    ),
    "'the same receptors as Y': Y does the same, and the bare noun is Y's kind of receptor": (
        "Kratom acts on the same receptors as opioids.",
        {
            ("kratom", "actsOn", "mu-opioid-receptor", False),
            ("opioids", "actsOn", "mu-opioid-receptor", False),
        },
    ),
    "'the same R as Y' with R named: Y acts on R too": (
        "Kratom acts on the same MOR as oxycodone.",
        {
            ("kratom", "actsOn", "mu-opioid-receptor", False),
            ("oxycodone", "actsOn", "mu-opioid-receptor", False),
        },
    ),
    "a conjunct with its own preposition fills that preposition's slot": (
        "Kratom is legal for adults and in Florida.",
        {("kratom", "legalIn", "florida", False)},
    ),
    "'it' as subject of a coordinated clause is the first clause's subject, not its object": (
        "Methadone eases pain, and it is not addictive.",
        {("methadone", "relieves", "pain", False), ("methadone", "hasProperty", "addictive", True)},
    ),
    "... and when the first clause's subject is 'it' too, both mean its antecedent": (
        "Methadone is a treatment. It eases pain, and it is not addictive.",
        {("methadone", "relieves", "pain", False), ("methadone", "hasProperty", "addictive", True)},
    ),
    "a verb hung on its subject after an apposition still has that subject": (
        "Methadone, a daily medicine, eases pain.",
        {("methadone", "relieves", "pain", False)},
    ),
    "'including' names the members of a place phrase": (
        "Kratom is banned in several states, including Alabama and Indiana.",
        {("kratom", "legalIn", "alabama", True), ("kratom", "legalIn", "indiana", True)},
    ),
    "'including' hung on the verb beside the place phrase": (
        "In the other states, including Florida, kratom is neither banned nor regulated.",
        {("kratom", "legalIn", "florida", False)},
    ),
    "'it' never means a plural noun before it in the sentence": (
        "Kratom comes in capsules. Many users take it for pain.",
        {("kratom", "usedFor", "pain", False)},
    ),
    "'it' never means a plural named in the sentence before": (
        "Kratom is sold online. Opioids are not natural. It is safe.",
        {("opioids", "hasProperty", "natural", True), ("kratom", "hasProperty", "safe", False)},
    ),
    "a passive with a person as subject keeps the drug as its object": (
        "My father was prescribed oxycodone for pain.",
        {("oxycodone", "prescribedFor", "pain", False)},
    ),
    "'it' means a whole noun phrase's thing before a word that only modifies a noun": (
        "Methadone is an opioid medicine: it eases pain.",
        {("methadone", "relieves", "pain", False)},
    ),
    "a class holds things of its own kind: a condition is no drug": (
        "Kratom causes nausea, and nausea is not an opioid.",
        {("kratom", "causes", "nausea", False)},
    ),
    "an idiom's cue needs its own object: 'take the edge off' relieves": (
        "Methadone can take the edge off anxiety.",
        {("methadone", "relieves", "anxiety", False)},
    ),
    "'addicted to X': X causes addiction (the person addicted is no argument)": (
        "Some patients get addicted to oxycodone.",
        {("oxycodone", "causes", "opioid-addiction", False)},
    ),
    "'hooked on X' too, through the adjective's own slot": (
        "Many users are hooked on methadone.",
        {("methadone", "causes", "opioid-addiction", False)},
    ),
    "'as addictive as Y' says Y is addictive as well": (
        "Kratom may be as addictive as oxycodone.",
        {
            ("kratom", "hasProperty", "addictive", False),
            ("oxycodone", "hasProperty", "addictive", False),
        },
    ),
    "... but 'people addicted to X' describes the people and claims nothing": (
        "Many people addicted to oxycodone try methadone.",
        set(),
    ),
    "a class said of the subject ('is not an opioid') is no antecedent for 'it'": (
        "Kratom is not an opioid, and Alabama bans it.",
        {("kratom", "isA", "opioids", True), ("kratom", "legalIn", "alabama", True)},
    ),
    "'they' after a list means every member of the list": (
        "Kratom and CBD are sold online. They are not approved by the FDA for opioid withdrawal.",
        {
            ("kratom", "prescribedFor", "opioid-withdrawal", True),
            ("cbd", "prescribedFor", "opioid-withdrawal", True),
        },
    ),
    "'none of them' after a list denies it of every member": (
        "Kratom and CBD are sold online. None of them is approved for opioid withdrawal.",
        {
            ("kratom", "prescribedFor", "opioid-withdrawal", True),
            ("cbd", "prescribedFor", "opioid-withdrawal", True),
        },
    ),
    "... but not when a plural was named after the list": (
        "Kratom and CBD are sold online. Opioids are not natural. They are addictive.",
        {
            ("opioids", "hasProperty", "natural", True),
            ("opioids", "hasProperty", "addictive", False),
        },
    ),
    "a gerund that is the subject of another verb claims nothing itself": (
        "Alabama and Florida ban kratom. Buying or selling kratom in any of them can lead to "
        "criminal charges.",
        {("kratom", "legalIn", "alabama", True), ("kratom", "legalIn", "florida", True)},
    ),
    "swapping X for Y is using less X, by Y (not 'X for Y', a use)": (
        "Some patients swap oxycodone for kratom.",
        {("kratom", "reducesUseOf", "oxycodone", False)},
    ),
    "trading X for Y too, past a possessive": (
        "She traded her methadone for CBD.",
        {("cbd", "reducesUseOf", "methadone", False)},
    ),
    "helping people stop using a drug is reducing its use, by the helper": (
        "Methadone helps patients stop using oxycodone.",
        {("methadone", "reducesUseOf", "oxycodone", False)},
    ),
    "'did nothing for' denies relief": (
        "Kratom did nothing for my anxiety.",
        {("kratom", "relieves", "anxiety", True)},
    ),
    "'did not do anything for' denies relief": (
        "Methadone did not do anything for my anxiety.",
        {("methadone", "relieves", "anxiety", True)},
    ),
    "'made someone' + a condition's adjective, listed": (
        "Kratom made them anxious and nauseous.",
        {("kratom", "causes", "anxiety", False), ("kratom", "causes", "nausea", False)},
    ),
    "'never made someone' + an adjective denies it": (
        "Methadone never made me anxious.",
        {("methadone", "causes", "anxiety", True)},
    ),
    "a denied agent denies the approval it would give": (
        "Neither the FDA nor any other regulator has approved kratom for opioid withdrawal.",
        {("kratom", "prescribedFor", "opioid-withdrawal", True)},
    ),
    "'no' on the agent denies the approval": (
        "No regulator has approved kratom for opioid withdrawal.",
        {("kratom", "prescribedFor", "opioid-withdrawal", True)},
    ),
    "conditions said to be side effects of a drug": (
        "Nausea and sweating are common side effects of methadone.",
        {("methadone", "causes", "nausea", False), ("methadone", "causes", "sweating", False)},
    ),
    "the symptoms of a condition, named after the copula": (
        "The main symptoms of opioid withdrawal are sweating and nausea.",
        {
            ("opioid-withdrawal", "causes", "sweating", False),
            ("opioid-withdrawal", "causes", "nausea", False),
        },
    ),
    "a cause of a condition causes it": (
        "Methadone is a rare cause of nausea.",
        {("methadone", "causes", "nausea", False)},
    ),
    "'whose' is said of the noun before it, even where the clause hangs on a verb": (
        "Pain is common after surgery. Stopping suddenly may bring on opioid withdrawal, "
        "whose signs include sweating and nausea.",
        {
            ("opioid-withdrawal", "causes", "sweating", False),
            ("opioid-withdrawal", "causes", "nausea", False),
        },
    ),
    "'whose' in a relative clause on its noun": (
        "Pain is common. Opioid withdrawal, whose symptoms include sweating and nausea, is "
        "unpleasant.",
        {
            ("opioid-withdrawal", "causes", "sweating", False),
            ("opioid-withdrawal", "causes", "nausea", False),
        },
    ),
    "the thing an 'it' meant stays the topic for the next 'it'": (
        "Kratom is sold as a powder. Some vendors cut oxycodone with it. It is not an opioid.",
        {("kratom", "isA", "opioids", True)},
    ),
    "an open question asserts nothing": ("Are opioids addictive? Nobody asks.", set()),
    "a question answered 'no' asserts nothing either": ("Are opioids addictive? No.", set()),
    "a question answered 'yes' asserts its claim, across a blank line": (
        "Are opioids addictive?\n\nYes, even when a doctor prescribes them.",
        {("opioids", "hasProperty", "addictive", False)},
    ),
    "the topic, not a name in a relative clause, is what the next 'it' means": (
        "Kratom is sold in gas stations. It interacts with many of the drugs that CBD does. "
        "It is not safe.",
        {("kratom", "hasProperty", "safe", True)},
    ),
    # the second "it" means what the first meant, and the first is never "methadone", the
    # other argument of its own verb
    "'it' is never another argument of its own verb, and a second 'it' means the first": (
        "Kratom grows in Thailand. Some vendors mix methadone with it, and it is not an opioid.",
        {("kratom", "isA", "opioids", True)},
    ),
    "a property of the class a thing is said to be": (
        "Kratom is a natural remedy, and methadone is not a safe medicine for everyone.",
        {("kratom", "hasProperty", "natural", False), ("methadone", "hasProperty", "safe", True)},
    ),
    "'remains a' class is 'is a'": (
        "Oxycodone remains an opioid under any name.",
        {("oxycodone", "isA", "opioids", False)},
    ),
    "'one of' the members of a class in a plant": (
        "Mitragynine is one of several opioids in kratom.",
        {("mitragynine", "isA", "opioids", False), ("mitragynine", "derivedFrom", "kratom", False)},
    ),
    "'one of' the compounds of a plant, the group naming no class": (
        "Mitragynine is one of many compounds in kratom.",
        {("mitragynine", "derivedFrom", "kratom", False)},
    ),
    "symptoms with no owner are those of the condition said to have symptoms": (
        "Opioid withdrawal causes sweating. Pain is common after surgery. Methadone relieves "
        "most symptoms.",
        {
            ("opioid-withdrawal", "causes", "sweating", False),
            ("methadone", "relieves", "opioid-withdrawal", False),
        },
    ),
    "'such as' read in word order when the parse hangs the list on the verb": (
        "Doctors prescribe opioids such as oxycodone or methadone.",
        {
            ("oxycodone", "isA", "opioids", False),
            ("methadone", "isA", "opioids", False),
        },
    ),
}


@pytest.mark.parametrize("name", sorted(CONSTRUCTIONS))
def test_each_construction_yields_exactly_its_claims(extractor: Extractor, name: str) -> None:
    sentence, expected = CONSTRUCTIONS[name]
    assert keys(extractor.extract(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Neither CBD nor kratom is approved by the FDA for treating opioid withdrawal.",
        "Kratom does not relieve anxiety.",
        "CBD is not addictive.",
        "In this trial CBD caused no nausea or sweating.",
        "Alabama, Arkansas and Indiana ban kratom.",
        "Kratom is banned in Alabama.",
        "Methadone does not relieve anxiety either.",
        "CBD is non-addictive.",
        "Kratom is not safe or effective.",
        "Neither the FDA nor any other regulator has approved kratom for opioid withdrawal.",
        "No regulator has approved kratom for opioid withdrawal.",
        "Kratom did nothing for my anxiety.",
    ],
)
def test_a_denial_never_yields_the_positive_claim(extractor: Extractor, sentence: str) -> None:
    found = extractor.extract(sentence)
    assert found.proposals
    assert all(p.claim.negated for p in found.proposals)


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Kratom may help with anxiety.", Modality.HEDGED),
        ("CBD could ease withdrawal symptoms.", Modality.HEDGED),
        ("Kratom can cause nausea.", Modality.HEDGED),
        ("Kratom is a potential treatment for opioid withdrawal.", Modality.SPECULATIVE),
        ("Are opioids addictive?\n\nYes, even when a doctor prescribes them.", Modality.ASSERTED),
        ("Many readers ask whether kratom is addictive.", Modality.SPECULATIVE),
        ("If kratom relieves pain, people will buy it.", Modality.SPECULATIVE),
        ("Kratom relieves pain if you take enough of it.", Modality.ASSERTED),
        ("Kratom relieves pain.", Modality.ASSERTED),
        ("Kratom could help some people but is no cure for anxiety.", Modality.ASSERTED),
    ],
)
def test_hedges_and_speculation_set_the_modality(
    extractor: Extractor, sentence: str, modality: Modality
) -> None:
    assert only(extractor.extract(sentence)).modality is modality


def test_not_always_is_a_quantifier_not_a_negation(extractor: Extractor) -> None:
    proposal = only(extractor.extract("Methadone does not always relieve pain."))
    assert not proposal.claim.negated
    assert proposal.quantifier == "not always"


def test_a_quantified_argument_keeps_its_quantifier(extractor: Extractor) -> None:
    proposal = only(extractor.extract("Oxycodone causes nausea in some users."))
    assert proposal.claim.object == "nausea"
    assert (only(extractor.extract("Most users say kratom relieves pain."))).quantifier is None


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        ("According to the FDA, kratom causes nausea.", ("fda",)),
        ("The FDA warns that kratom causes nausea.", ("fda",)),
        ("A 2017 statement by the FDA said that kratom acts on the mu-opioid receptor.", ("fda",)),
        ("One study found that CBD relieves anxiety.", ("unnamed-study",)),
        ("Researchers say CBD relieves anxiety.", ("unnamed-researchers",)),
        ("Kratom relieves pain, users report.", ("users",)),
        ("Locals report that kratom relieves pain.", ("locals",)),
        ("Kratom relieves pain.", ()),
    ],
)
def test_reporting_constructions_credit_their_source(
    extractor: Extractor, sentence: str, sources: tuple[str, ...]
) -> None:
    assert only(extractor.extract(sentence)).attributed_to == sources


def test_a_headline_for_phrase_is_a_treatment_claim(extractor: Extractor) -> None:
    text = "Kratom for Opioid Withdrawal\n\nMany people take kratom for pain."
    found = extractor.extract(text, title="Kratom for Opioid Withdrawal")
    assert keys(found) == {
        ("kratom", "treats", "opioid-withdrawal", False),
        ("kratom", "usedFor", "pain", False),
    }


def test_every_quote_lies_in_the_sentence_that_states_it(extractor: Extractor) -> None:
    text = "Kratom grows in Asia. It acts on the mu-opioid receptor. CBD is not addictive."
    found = extractor.extract(text)
    for proposal in found.proposals:
        sentence = next(s for s in found.sentences if s.start <= proposal.start < s.end)
        assert proposal.end <= sentence.end


def test_an_inferred_argument_lowers_the_confidence(extractor: Extractor) -> None:
    inferred = only(extractor.extract("Oxycodone is widely prescribed. It causes nausea."))
    assert inferred.claim.subject == "oxycodone"
    assert "subject inferred" in inferred.cues
    [cue] = [
        c
        for c in cue_table().cues("verb", "cause")
        if c.relation is Relation.CAUSES and c.direct_object is None
    ]
    assert inferred.confidence == round(cue.weight * INFERRED_FACTOR, 2)


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no evidence that kratom relieves anxiety.",
        "It is not proof that kratom relieves anxiety.",
        "Kratom has not been shown to relieve anxiety.",
        "No study has found that kratom relieves anxiety.",
        "Kratom is not known to relieve anxiety.",
    ],
)
def test_a_claim_said_to_lack_evidence_is_denied_and_hedged(
    extractor: Extractor, sentence: str
) -> None:
    proposal = only(extractor.extract(sentence))
    assert (proposal.claim.subject, proposal.claim.object) == ("kratom", "anxiety")
    assert proposal.claim.negated
    assert proposal.modality is Modality.HEDGED


@pytest.mark.parametrize(
    ("word", "pos", "expected"), [("What", "PRON", []), ("It", "PRON", ["kratom"])]
)
def test_a_question_word_is_no_anaphor(
    extractor: Extractor, word: str, pos: str, expected: list[str]
) -> None:
    """ "What is X?" parsed with "What" as the subject: "What" names nothing, where "It" in
    the same place is the latest entity (the parse is given, so the test reads one rule)."""
    doc = Doc(
        extractor.nlp.vocab,
        words=[word, "is", "addictive", "?"],
        heads=[2, 2, 2, 2],
        deps=["nsubj", "cop", "ROOT", "punct"],
        pos=[pos, "AUX", "ADJ", "PUNCT"],
    )
    discourse = Discourse(extractor.lexicon.known)
    discourse.saw("kratom")
    reader = ArgumentReader(discourse, {})
    assert [a.entity for a in reader.args([doc[0]])] == expected


def test_a_verb_the_lemmatizer_got_wrong_is_read_from_its_form(extractor: Extractor) -> None:
    """ "reverses" lemmatized as "revers" (as the shipped model does after some names): the
    cue is found from the form less its ending, and the parse gives its arguments (not the
    surface patterns, the fallback for a cue whose parse linked no argument)."""
    doc = extractor.nlp("Methadone reverses opioid withdrawal.")
    [verb] = [t for t in doc if t.lower_ == "reverses"]
    verb.lemma_ = "revers"
    proposal = only(extractor.read(doc))
    assert (proposal.claim.subject, proposal.claim.relation, proposal.claim.object) == (
        "methadone",
        Relation.TREATS,
        "opioid-withdrawal",
    )
    assert proposal.cues == ("treats: 'reverse'",)


def test_a_merged_mention_is_as_plural_as_its_head_before_a_preposition() -> None:
    """The tagger sees a merged mention's last word: "withdrawal from opioids" is tagged
    plural, but "it" may mean it; "symptoms of withdrawal" is plural."""
    from spacy.vocab import Vocab

    from builders.ingest.arguments import is_plural

    words = ["withdrawal from opioids", "symptoms of withdrawal", "opioids"]
    doc = Doc(Vocab(), words=words, morphs=["Number=Plur", "Number=Sing", "Number=Plur"])
    assert [is_plural(t) for t in doc] == [False, True, True]


def test_the_surface_reading_takes_the_possessed_noun_as_object(extractor: Extractor) -> None:
    """ "acts on kratom's MOR": the word after the possessive is the object, not the owner."""
    from builders.ingest.surface import LocalPattern

    doc = extractor.nlp("Oxycodone acts on kratom's MOR.")
    verb = next(t for t in doc if t.lower_ == "acts")
    [cue] = [c for c in extractor.surface["acts"] if c.object == "on"]
    objects = list(LocalPattern(next(iter(doc.sents)), verb, cue).objects())
    assert [t.ent_type_ for t in objects] == ["mu-opioid-receptor"]


def test_what_a_comparison_takes_for_granted_is_asserted(extractor: Extractor) -> None:
    """ "X may not be as addictive as Y": the hedge and the "not" are said of X; that Y is
    addictive is taken for granted."""
    extraction = extractor.extract("Kratom may not be as addictive as oxycodone.")
    [compared] = [p for p in extraction.proposals if p.claim.subject == "oxycodone"]
    assert (compared.claim.negated, compared.modality) == (False, Modality.ASSERTED)


@pytest.mark.parametrize(
    "sentence",
    [
        "CBD is popular, but nobody has shown it to be addictive.",
        "No study has shown CBD to be addictive.",
    ],
)
def test_not_shown_to_be_is_denied_hedged_and_credited_to_nobody(
    extractor: Extractor, sentence: str
) -> None:
    """A negative subject ("nobody", "no study") denies the evidence verb, and the one who
    "showed" nothing is credited with nothing; the property is said of the verb's object."""
    proposal = only(extractor.extract(sentence))
    assert (proposal.claim.subject, proposal.claim.object, proposal.claim.negated) == (
        "cbd",
        "addictive",
        True,
    )
    assert proposal.modality is Modality.HEDGED
    assert proposal.attributed_to == ()


def test_found_to_be_says_it_of_the_object(extractor: Extractor) -> None:
    proposal = only(extractor.extract("Researchers found kratom to be effective."))
    assert (proposal.claim.subject, proposal.claim.object) == ("kratom", "effective")
    assert proposal.attributed_to == ("unnamed-researchers",)


def test_a_predicate_nominal_parsed_as_a_subject_is_no_topic() -> None:
    """ "Melatonin is a hormone your body makes" misparsed with "hormone" as the subject of
    "makes" (the root): the sentence's topic is still melatonin, not the class."""
    from spacy.vocab import Vocab

    from builders.ingest.extract import _main_subjects

    words = ["Melatonin", "is", "a", "hormone", "bodies", "make", "."]
    heads = [3, 3, 3, 5, 5, 5, 5]
    deps = ["nsubj", "cop", "det", "nsubj", "nsubj", "ROOT", "punct"]
    ents = ["B-melatonin", "O", "O", "B-hormones", "O", "O", "O"]
    pos = ["PROPN", "AUX", "DET", "NOUN", "NOUN", "VERB", "PUNCT"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, ents=ents, pos=pos)
    assert _main_subjects(next(iter(doc.sents))) == []


def test_a_root_noun_with_a_subject_and_no_copula_is_read_as_a_verb() -> None:
    """ "Kratom acts on ..." with "acts" tagged NOUN (as the tagger did in an article): a
    noun with a subject of its own but no copula can only be a verb; "Kratom is a tree"
    keeps its noun."""
    from spacy.vocab import Vocab

    from builders.ingest.extract import _takes_object

    acts = Doc(
        Vocab(),
        words=["Kratom", "acts", "on", "receptors", "."],
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "case", "obl", "punct"],
        pos=["NOUN", "NOUN", "ADP", "NOUN", "PUNCT"],
    )
    tree = Doc(
        Vocab(),
        words=["Kratom", "is", "a", "tree", "."],
        heads=[3, 3, 3, 3, 3],
        deps=["nsubj", "cop", "det", "ROOT", "punct"],
        pos=["NOUN", "AUX", "DET", "NOUN", "PUNCT"],
    )
    assert _takes_object(acts[1])
    assert not _takes_object(tree[3])


# -- the real vocabulary's shape: "withdrawal" alone is no name, and a general entity exists --

BARE_VOCABULARY_EXTRA = """
  - id: withdrawal-syndrome
    label: substance withdrawal syndrome
    type: Condition
    definition: Test entity for withdrawal from any substance.
    synonyms: [withdrawal syndrome, withdrawal symptoms]
  - id: dependence
    label: dependence
    type: Condition
    definition: Test entity dependence.
  - id: insomnia
    label: insomnia
    type: Condition
    definition: Test entity insomnia.
  - id: diarrhea
    label: diarrhea
    type: Condition
    definition: Test entity diarrhea.
  - id: drowsiness
    label: drowsiness
    type: Condition
    definition: Test entity drowsiness.
  - id: intoxication
    label: intoxication
    type: Condition
    definition: Test entity being high.
  - id: united-states
    label: United States
    type: Jurisdiction
    definition: Test entity the United States and its federal law.
    synonyms: [federal law, US states]
  - id: ohio
    label: Ohio
    type: Jurisdiction
    definition: Test entity the state of Ohio.
  - id: respiratory-depression
    label: respiratory depression
    type: Condition
    definition: Test entity slowed breathing.
  - id: life-saving
    label: life-saving
    type: Property
    definition: Test property that prevents deaths.
  - id: kratom-capsules
    label: kratom capsules
    type: Substance
    kind: Preparation
    definition: Test entity capsules of kratom.
  - id: stimulants
    label: stimulant
    type: Substance
    kind: DrugClass
    definition: Test entity the drug class.
  - id: supplements
    label: dietary supplement
    type: Substance
    kind: Preparation
    definition: Test entity the product class.
  - id: mild
    label: mild
    type: Property
    definition: Test property not severe.
  - id: alkaloids
    label: alkaloids
    type: Substance
    kind: DrugClass
    definition: Test entity the general class, as MeSH has it.
  - id: capsules
    label: capsules
    type: Substance
    kind: Preparation
    definition: Test entity the general dosage form.
"""


@pytest.fixture(scope="module")
def bare_extractor(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    """The test vocabulary without "withdrawal" as a synonym of opioid withdrawal, as in
    the shipped vocabulary, where the word alone names no entity."""
    folder = tmp_path_factory.mktemp("vocabulary")
    text = (VOCABULARY / "entities.yaml").read_text("utf-8")
    assert "    synonyms: [withdrawal]\n" in text
    text = text.replace("    synonyms: [withdrawal]\n", "") + BARE_VOCABULARY_EXTRA
    (folder / "entities.yaml").write_text(text, "utf-8")
    return Extractor(load_vocabulary(folder))


# Each text (written for these tests) read with the shipped vocabulary's shape, and
# exactly the claims it yields.
BARE_CONSTRUCTIONS: dict[str, tuple[str, set[Key]]] = {
    "bare 'withdrawal': the withdrawal last named": (
        "Opioid withdrawal is hard. Methadone can trigger withdrawal.",
        {("methadone", "causes", "opioid-withdrawal", False)},
    ),
    "bare 'withdrawal': that of the substance last named": (
        "Oxycodone and other opioids are strong. Methadone can trigger withdrawal.",
        {
            ("oxycodone", "isA", "opioids", False),
            ("methadone", "causes", "opioid-withdrawal", False),
        },
    ),
    "bare 'withdrawal' with nothing named: the general entity": (
        "Methadone can trigger withdrawal.",
        {("methadone", "causes", "withdrawal-syndrome", False)},
    ),
    "the general withdrawal entity's own name reads as a bare 'withdrawal'": (
        "Opioid withdrawal is hard. Methadone eases withdrawal symptoms.",
        {("methadone", "relieves", "opioid-withdrawal", False)},
    ),
    "the general withdrawal entity with nothing named stays general": (
        "Methadone eases withdrawal symptoms.",
        {("methadone", "relieves", "withdrawal-syndrome", False)},
    ),
    # "kratom withdrawal" is kratom's, which the vocabulary cannot name: no claim at all,
    # never the opioid withdrawal named before
    "a withdrawal word with its own modifier is not bare": (
        "Opioid withdrawal is hard. Methadone can trigger kratom withdrawal.",
        set(),
    ),
    "conditions after a colon that follows a condition": (
        "Opioid withdrawal is hard. Stopping suddenly brings on withdrawal: sweating, "
        "nausea and diarrhea.",
        {
            ("opioid-withdrawal", "causes", "sweating", False),
            ("opioid-withdrawal", "causes", "nausea", False),
            ("opioid-withdrawal", "causes", "diarrhea", False),
        },
    ),
    "conditions after a colon that follows side effects": (
        "Researchers gave kratom to forty adults. Side effects were mild: nausea (18%) "
        "and diarrhea (9%).",
        {("kratom", "causes", "nausea", False), ("kratom", "causes", "diarrhea", False)},
    ),
    "illegal under federal law": (
        "CBD remains illegal under federal law.",
        {("cbd", "legalIn", "united-states", True)},
    ),
    "legal under federal law": (
        "Kratom is legal under federal law.",
        {("kratom", "legalIn", "united-states", False)},
    ),
    "sleep brought is insomnia relieved": (
        "Kratom helped me sleep.",
        {("kratom", "relieves", "insomnia", False)},
    ),
    "sleep not brought is insomnia not relieved": (
        "Kratom did not help me sleep.",
        {("kratom", "relieves", "insomnia", True)},
    ),
    "'make you' + an adjective the tagger took for a noun": (
        "Methadone can make you drowsy.",
        {("methadone", "causes", "drowsiness", False)},
    ),
    "'gets someone high' causes intoxication": (
        "Kratom gets some users high.",
        {("kratom", "causes", "intoxication", False)},
    ),
    "'nobody gets high from X' denies that X causes it": (
        "Nobody can get high from CBD.",
        {("cbd", "causes", "intoxication", True)},
    ),
    "'get drowsy from X': X brings the state on": (
        "Some people get drowsy from methadone.",
        {("methadone", "causes", "drowsiness", False)},
    ),
    "'neither' alone after a list denies the claim of each member": (
        "Kratom and CBD are sold online. Neither has been approved by the FDA for pain.",
        {("kratom", "prescribedFor", "pain", True), ("cbd", "prescribedFor", "pain", True)},
    ),
    "'both' + a noun that names nothing means the list before": (
        "Patients take methadone or oxycodone. Both medicines can cause nausea.",
        {("methadone", "causes", "nausea", False), ("oxycodone", "causes", "nausea", False)},
    ),
    "'neither X nor Y' names its own members, not the list before": (
        "Methadone and oxycodone are opioids. Neither kratom nor CBD is an opioid.",
        {
            ("methadone", "isA", "opioids", False),
            ("oxycodone", "isA", "opioids", False),
            ("kratom", "isA", "opioids", True),
            ("cbd", "isA", "opioids", True),
        },
    ),
    "'neither' after a list in the same sentence": (
        "Some people try kratom or CBD, but neither is approved for pain.",
        {("kratom", "prescribedFor", "pain", True), ("cbd", "prescribedFor", "pain", True)},
    ),
    "'all' as a subject after a list": (
        "Clinics offer methadone and oxycodone. All are approved by the FDA for pain.",
        {
            ("methadone", "prescribedFor", "pain", False),
            ("oxycodone", "prescribedFor", "pain", False),
        },
    ),
    "a substance's alkaloids stand for it": (
        "Kratom's alkaloids act on the mu-opioid receptor.",
        {("kratom", "actsOn", "mu-opioid-receptor", False)},
    ),
    "'its alkaloids' stand for the substance last named": (
        "Kratom is sold online. Its alkaloids act on the mu-opioid receptor.",
        {("kratom", "actsOn", "mu-opioid-receptor", False)},
    ),
    "a class said of the subject with 'as a' is no antecedent": (
        "At low doses kratom acts as a stimulant, but at high doses it causes drowsiness.",
        {("kratom", "causes", "drowsiness", False)},
    ),
    "sold as a class: is one": (
        "Kratom is sold as a dietary supplement.",
        {("kratom", "isA", "supplements", False)},
    ),
    "a property is never what a thing is used for": (
        "For mild pain, try methadone.",
        {("methadone", "usedFor", "pain", False)},
    ),
    "people who take a drug come to feel a state: the drug causes it": (
        "Almost everyone who takes methadone becomes nauseous.",
        {("methadone", "causes", "nausea", False)},
    ),
    "'got' + a state adjective as the predicate": (
        "Two friends who took kratom daily got dependent.",
        {("kratom", "causes", "dependence", False)},
    ),
    "takers who never come to feel a state claim nothing": (
        "Most people who take methadone never become nauseous.",
        set(),
    ),
    "'legal for adults in X': the place hung on the population": (
        "CBD is legal for adults in Florida.",
        {("cbd", "legalIn", "florida", False)},
    ),
    "'legal to sell in X': the place hung on the verb of the infinitive": (
        "CBD is legal to sell and possess in Florida.",
        {("cbd", "legalIn", "florida", False)},
    ),
    "'banned there': the place last named": (
        "Indiana has strict drug laws. Kratom is still banned there.",
        {("kratom", "legalIn", "indiana", True)},
    ),
    "'banned there' in the sentence that names the place": (
        "A reader in Indiana confirmed that kratom is still banned there.",
        {("kratom", "legalIn", "indiana", True)},
    ),
    "'there is' is no place": (
        "There is no cure for opioid addiction.",
        set(),
    ),
    "'in most states' is the US states, in part": (
        "Kratom is legal in most states.",
        {("kratom", "legalIn", "united-states", False)},
    ),
    "'several states, including X and Y': the states named": (
        "Several states, including Florida and Ohio, have already outlawed kratom.",
        {("kratom", "legalIn", "florida", True), ("kratom", "legalIn", "ohio", True)},
    ),
    "'states' with no quantifier is no place": (
        "Kratom is sold in states with strict rules.",
        set(),
    ),
    "a definite head noun means the name it ends": (
        "Kratom capsules are sold online. These capsules can cause nausea.",
        {("kratom-capsules", "causes", "nausea", False)},
    ),
    "'slow your breathing' is respiratory depression": (
        "Methadone can slow your breathing, but CBD does not slow your breathing.",
        {
            ("methadone", "causes", "respiratory-depression", False),
            ("cbd", "causes", "respiratory-depression", True),
        },
    ),
    "'produces a high' is intoxication": (
        "Kratom produces a mild high.",
        {("kratom", "causes", "intoxication", False)},
    ),
    "'has saved lives' is life-saving": (
        "Methadone has saved many lives.",
        {("methadone", "hasProperty", "life-saving", False)},
    ),
    "improved sleep quality is insomnia relieved": (
        "Methadone may improve sleep quality.",
        {("methadone", "relieves", "insomnia", False)},
    ),
}


@pytest.mark.parametrize("name", sorted(BARE_CONSTRUCTIONS))
def test_each_construction_read_with_the_shipped_vocabulary_shape(
    bare_extractor: Extractor, name: str
) -> None:
    text, expected = BARE_CONSTRUCTIONS[name]
    assert keys(bare_extractor.extract(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a clause after the colon is no list
        "Kratom was studied. Side effects were mild: nausea came first and sweating later.",
        # one noun after a colon is a gloss, not a list
        "Kratom was studied. One side effect stood out: nausea.",
    ],
)
def test_a_colon_before_a_clause_or_a_single_noun_lists_nothing(
    bare_extractor: Extractor, text: str
) -> None:
    assert not any("colon" in cue for p in bare_extractor.extract(text).proposals for cue in p.cues)


def test_a_reflexive_before_the_verb_keeps_the_surface_reading(bare_extractor: Extractor) -> None:
    # the parser misreads this verb; the surface pattern may skip "itself" to find it
    text = "Kratom can itself cause dependence, and those who quit it describe withdrawal symptoms."
    assert ("kratom", "causes", "dependence", False) in keys(bare_extractor.extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Florida allows adults to buy kratom.", {("kratom", "legalIn", "florida", False)}),
        (
            "Alabama bans kratom, while Indiana lets adults buy it.",
            {("kratom", "legalIn", "alabama", True), ("kratom", "legalIn", "indiana", False)},
        ),
    ],
)
def test_allowing_people_to_buy_a_thing_makes_the_thing_legal(
    extractor: Extractor, text: str, expected: set[Key]
) -> None:
    assert keys(extractor.extract(text)) == expected


APPROVED_EXTRA = """
  - id: fda-approved
    label: FDA-approved
    type: Property
    definition: Test property approved with no condition named.
"""


@pytest.fixture(scope="module")
def approval_extractor(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    folder = tmp_path_factory.mktemp("vocabulary")
    text = (VOCABULARY / "entities.yaml").read_text("utf-8") + APPROVED_EXTRA
    (folder / "entities.yaml").write_text(text, "utf-8")
    return Extractor(load_vocabulary(folder))


@pytest.mark.parametrize(
    "text",
    [
        "Kratom is not approved by the FDA for any medical use.",
        "Kratom is sold online. The FDA has not approved it for anything.",
        "Kratom is not an approved medicine.",
        "Kratom has never been approved for people.",
    ],
)
def test_an_approval_that_names_no_condition_is_the_property_fda_approved(
    approval_extractor: Extractor, text: str
) -> None:
    assert keys(approval_extractor.extract(text)) == {
        ("kratom", "hasProperty", "fda-approved", True)
    }


def test_an_approval_for_a_condition_is_no_general_approval(approval_extractor: Extractor) -> None:
    found = keys(
        approval_extractor.extract("Methadone is approved by the FDA for opioid withdrawal.")
    )
    assert found == {("methadone", "prescribedFor", "opioid-withdrawal", False)}
