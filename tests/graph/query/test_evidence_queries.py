"""The researchers' catalogue on evidence and verdicts: each query's answer on the seed graph."""

from __future__ import annotations

import pyoxigraph as ox

from graph import api
from graph.query.catalogue import catalogue

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
    assert len(rows) == 39
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
        "1",
        "2",
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
        ("opioid withdrawal does not cause death", "darke-2017"),
        ("opioids causes opioid addiction (quantifier: automatically)", "vowles-2015"),
    }


def test_claims_without_evidence_are_the_marked_ones_and_the_unsourced(
    seed_store: ox.Store,
) -> None:
    rows = api.ask(seed_store, "claims-without-evidence").records()
    assert len(rows) == 10
    reasons = {r["claimLabel"]: r["reason"] for r in rows}
    assert reasons["opiates derived from opium"] == "definitional"
    assert reasons["opioid withdrawal has property severe"] == "evaluative"
    unsourced = {r["claimLabel"] for r in rows if r["verdict"] != "not assessable"}
    assert unsourced == {
        "kratom used for traditional use (timeframe: for thousands of years)",
        "medical marijuana prescribed for opioid withdrawal (quantifier: some; "
        "jurisdiction: United States)",
        "medical marijuana prescribed for opioid withdrawal (quantifier: some; "
        "jurisdiction: the world)",
    }
    assert {r["verdict"] for r in rows if r["claimLabel"] in unsourced} == {"insufficient evidence"}
    assert {r["reason"] for r in rows if r["claimLabel"] in unsourced} == {""}


def test_attribution_chain_of_the_chronic_pain_statement(seed_store: ox.Store) -> None:
    rows = api.ask(seed_store, "attribution-chains").records()
    assert {r["quote"] for r in rows} == {CHRONIC_PAIN_QUOTE}
    chain = {(r["authority"], r["study"], r["link"], r["direction"]) for r in rows}
    inferred = "inferred source of the credit"
    other = "other evidence on the claim"
    assert chain == {
        ("The Journal of Pain", "boehnke-2016", inferred, "supports"),
        ("American Medical Association", "bachhuber-2014", inferred, "qualifies"),
        ("The Journal of Pain", "vigil-2017", other, "supports"),
        ("The Journal of Pain", "shover-2019", other, "qualifies"),
        ("The Journal of Pain", "campbell-2018", other, "disputes"),
        ("American Medical Association", "vigil-2017", other, "supports"),
        ("American Medical Association", "shover-2019", other, "qualifies"),
        ("American Medical Association", "campbell-2018", other, "disputes"),
        # each authority's row set also shows the study inferred for the other authority
        ("The Journal of Pain", "bachhuber-2014", other, "qualifies"),
        ("American Medical Association", "boehnke-2016", other, "supports"),
    }
    assert {r["verdict"] for r in rows} == {"insufficient evidence"}


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
    ] == [
        ("kratom has property understudied", "2020-02-21", "insufficient evidence", "supported"),
        (
            "opioid withdrawal causes continued opioid use",
            "2020-02-21",
            "insufficient evidence",
            "supported",
        ),
    ]


def test_evidence_by_design(seed_store: ox.Store) -> None:
    rows = {
        (r["design"], r["direction"]): (r["lines"], r["studies"])
        for r in api.ask(seed_store, "evidence-by-design").records()
    }
    assert rows[("consensus report", "supports")] == ("1", "1")
    assert rows[("ecological study", "qualifies")] == ("2", "2")
    assert ("ecological study", "disputes") not in rows  # indirect evidence only qualifies
    assert rows[("in-vitro pharmacology", "supports")] == ("3", "1")
    assert rows[("cross-sectional survey", "supports")] == ("5", "3")
    assert sum(int(lines) for lines, _ in rows.values()) == 47


def test_modality_by_verdict(seed_store: ox.Store) -> None:
    rows = {
        (r["modality"], r["verdict"]): int(r["statements"])
        for r in api.ask(seed_store, "modality-by-verdict").records()
    }
    assert rows[("speculative", "insufficient evidence")] == 2
    assert rows[("speculative", "supported")] == 1
    assert rows[("asserted", "disputed")] == 2
    assert rows[("asserted", "contested")] == 3
    assert sum(rows.values()) == 46


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
    assert len(rows) == 27
    kruegel = rows["kruegel-2016"]
    assert (kruegel["iri"], kruegel["pmid"], kruegel["design"]) == (
        "doi:10.1021/jacs.6b00360",
        "",
        "in-vitro pharmacology",
    )
    # without a DOI or PMID the PMC IRI names the study; without any, one minted from its key
    assert rows["garcia-romeu-2020"]["iri"] == "pmc:PMC7423016"
    assert rows["boehnke-2016"]["iri"] == "cgid:study/boehnke-2016"
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


CHRONIC_PAIN_LABEL = (
    "medical marijuana reduces use of opioids (degree: dramatically; population: chronic pain)"
)
