"""The researchers' catalogue on evidence and verdicts: each query's answer on the seed graph."""

from __future__ import annotations

import pyoxigraph as ox

from graph import api
from graph.catalogue import catalogue

CHRONIC_PAIN_QUOTE = (
    "chronic pain sufferers dramatically reduce the amount of opioids they use for relief "
    "from pain when they are taking medical marijuana"
)
EVIDENCE_QUERIES = {
    "claim-verdicts",
    "disputed-claims",
    "claims-without-evidence",
    "attribution-chains",
    "receptor-claims",
    "verdict-changes",
    "evidence-by-design",
    "modality-by-verdict",
    "substance-identifiers",
    "studies",
    "claim-trail",
}


def test_the_catalogue_has_the_evidence_queries() -> None:
    assert set(catalogue()) >= EVIDENCE_QUERIES


def test_claim_verdicts(seed_store: ox.Store) -> None:
    rows = {r["claimLabel"]: r for r in api.ask(seed_store, "claim-verdicts").records()}
    assert len(rows) == 35
    addictive = rows["marijuana does not have property addictive"]
    assert (addictive["verdict"], addictive["supports"], addictive["disputes"]) == (
        "disputed",
        "0",
        "5",
    )
    receptor = rows["kratom acts on mu-opioid receptor"]
    assert (receptor["verdict"], receptor["rule"]) == ("supported", "rule 5: decisive support only")
    relieves = rows["kratom relieves opioid withdrawal"]
    assert (relieves["verdict"], relieves["supports"], relieves["qualifies"]) == (
        "insufficient evidence",
        "2",
        "1",
    )


def test_disputed_claims_with_the_studies_that_dispute_them(seed_store: ox.Store) -> None:
    found = {
        (r["claimLabel"], r["study"]) for r in api.ask(seed_store, "disputed-claims").records()
    }
    assert found == {
        ("marijuana does not have property addictive", "nasem-2017"),
        ("marijuana does not have property addictive", "hasin-2015"),
        ("marijuana does not have property addictive", "lopez-quintero-2011"),
        ("marijuana does not have property addictive", "volkow-2014"),
        ("marijuana does not have property addictive", "hall-degenhardt-2014"),
        ("medical marijuana reduces use of opioids (population: chronic pain)", "shover-2019"),
        ("medical marijuana reduces use of opioids (population: chronic pain)", "campbell-2018"),
        ("opioid withdrawal does not cause death", "darke-2017"),
    }


def test_claims_without_evidence_are_exactly_the_marked_ones(seed_store: ox.Store) -> None:
    rows = api.ask(seed_store, "claims-without-evidence").records()
    assert len(rows) == 13
    assert {r["verdict"] for r in rows} == {"not assessable"}
    reasons = {r["claimLabel"]: r["reason"] for r in rows}
    assert reasons["opiates derived from opium"] == "definitional"
    assert reasons["opioid withdrawal has property severe"] == "evaluative"
    assert reasons["marijuana mimics opioids"] == "vague"
    assert (
        reasons["kratom used for traditional use (timeframe: for thousands of years)"]
        == "out of scope"
    )


def test_attribution_chain_of_the_chronic_pain_statement(seed_store: ox.Store) -> None:
    rows = api.ask(seed_store, "attribution-chains").records()
    assert {r["quote"] for r in rows} == {CHRONIC_PAIN_QUOTE}
    chain = {(r["authority"], r["study"], r["link"], r["direction"]) for r in rows}
    inferred = "inferred source of the credit"
    other = "other evidence on the claim"
    assert chain == {
        ("The Journal of Pain", "boehnke-2016", inferred, "supports"),
        ("American Medical Association", "bachhuber-2014", inferred, "supports"),
        ("The Journal of Pain", "shover-2019", other, "disputes"),
        ("The Journal of Pain", "campbell-2018", other, "disputes"),
        ("American Medical Association", "shover-2019", other, "disputes"),
        ("American Medical Association", "campbell-2018", other, "disputes"),
        # each authority's row set also shows the study inferred for the other authority
        ("The Journal of Pain", "bachhuber-2014", other, "supports"),
        ("American Medical Association", "boehnke-2016", other, "supports"),
    }
    assert {r["verdict"] for r in rows} == {"disputed"}


def test_the_inference_is_marked_as_such(seed_store: ox.Store) -> None:
    answer = api.ask(
        seed_store,
        """SELECT ?study ?method WHERE {
             ?i a cg:AttributionInference ; cg:likelySource/dcterms:identifier ?study ;
                cg:provenance ?method .
           } ORDER BY ?study""",
    )
    assert list(answer.rows) == [
        ("bachhuber-2014", "cg:curatorInference"),
        ("boehnke-2016", "cg:curatorInference"),
    ]


def test_substances_acting_on_the_mu_opioid_receptor(seed_store: ox.Store) -> None:
    for name in ("mu-opioid-receptor", "MOR", "mu-opioid receptor"):
        rows = api.ask(seed_store, "receptor-claims", receptor=name).records()
        assert [
            (r["substance"], r["negated"], r["verdict"], r["study"], r["direction"]) for r in rows
        ] == [
            ("kratom", "false", "supported", "ellis-2020", "supports"),
            ("kratom", "false", "supported", "kruegel-2016", "supports"),
        ]
    assert api.ask(seed_store, "receptor-claims", receptor="kratom").rows == ()


def test_verdict_changes_between_the_article_date_and_now(seed_store: ox.Store) -> None:
    rows = api.ask(seed_store, "verdict-changes").records()
    assert [
        (r["claimLabel"], r["articleDate"], r["thenVerdict"], r["nowVerdict"]) for r in rows
    ] == [("kratom mimics opioids", "2020-02-21", "insufficient evidence", "supported")]


def test_evidence_by_design(seed_store: ox.Store) -> None:
    rows = {
        (r["design"], r["direction"]): (r["lines"], r["studies"])
        for r in api.ask(seed_store, "evidence-by-design").records()
    }
    assert rows[("consensus report", "supports")] == ("2", "1")
    assert rows[("ecological study", "disputes")] == ("1", "1")
    assert rows[("in-vitro pharmacology", "qualifies")] == ("1", "1")
    assert rows[("cross-sectional survey", "supports")] == ("5", "3")
    assert sum(int(lines) for lines, _ in rows.values()) == 38


def test_modality_by_verdict(seed_store: ox.Store) -> None:
    rows = {
        (r["modality"], r["verdict"]): int(r["statements"])
        for r in api.ask(seed_store, "modality-by-verdict").records()
    }
    assert rows[("speculative", "insufficient evidence")] == 2
    assert rows[("speculative", "supported")] == 1
    assert rows[("asserted", "disputed")] == 3
    assert sum(rows.values()) == 42


def test_substance_identifiers_are_iris_for_federated_joins(seed_store: ox.Store) -> None:
    answer = api.ask(seed_store, "substance-identifiers")
    rows = {(r["substance"], r["identifier"], r["mapping"]) for r in answer.records()}
    assert ("morphine", "chebi:17303", "exactMatch") in rows
    assert ("mitragynine", "pubchem.compound:3034396", "exactMatch") in rows
    assert ("opioids", "mesh:D000701", "closeMatch") in rows
    assert ("kratom", "gbif:7461054", "exactMatch") in rows
    assert {r["substance"] for r in answer.records()} >= {"thc", "cbd", "7-hydroxymitragynine"}
    # the raw binding is an IRI, ready for SERVICE <https://query.wikidata.org/sparql> joins
    raw = seed_store.query(
        "SELECT ?id WHERE { ?m <https://w3id.org/claimgraph/vocab#mappedTo> ?id } LIMIT 1"
    )
    assert all(isinstance(solution["id"], ox.NamedNode) for solution in raw)  # type: ignore[union-attr]


def test_studies_with_identifiers(seed_store: ox.Store) -> None:
    rows = {r["study"]: r for r in api.ask(seed_store, "studies").records()}
    assert len(rows) == 21
    kruegel = rows["kruegel-2016"]
    assert (kruegel["iri"], kruegel["pmid"], kruegel["design"]) == (
        "doi:10.1021/jacs.6b00360",
        "27192616",
        "in-vitro pharmacology",
    )
    # without a DOI the PubMed IRI names the study; without either, the PMC IRI
    assert rows["boehnke-2016"]["iri"] == "pubmed:27001005"
    assert rows["garcia-romeu-2020"]["iri"] == "pmc:PMC7423016"
    assert rows["nasem-2017"]["claims"] == "4"


def test_claim_trail_from_quote_to_studies_to_verdict(seed_store: ox.Store) -> None:
    rows = api.ask(seed_store, "claim-trail", claim="Kratom acts on mu-opioid receptor").records()
    assert {r["quote"] for r in rows} == {
        "Kratom also interacts with the brain in the same way and with the same "
        "nerve receptor as opioids."
    }
    assert {r["start"] for r in rows} == {"1692"}
    assert {r["verdict"] for r in rows} == {"supported"}
    assert sorted(r["study"].split(",")[0] for r in rows) == ["Ellis CR", "Kruegel AC"]
    trail = api.ask(seed_store, "claim-trail", claim=CHRONIC_PAIN_LABEL).records()
    # GROUP_CONCAT has no defined order, so compare the credited names as a set
    assert {frozenset(r["credited"].split("; ")) for r in trail} == {
        frozenset({"American Medical Association", "The Journal of Pain"})
    }


CHRONIC_PAIN_LABEL = "medical marijuana reduces use of opioids (population: chronic pain)"
