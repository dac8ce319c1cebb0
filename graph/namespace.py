"""Namespaces and the one prefix map of the project.

Every rdflib graph the project makes is bound to ``PREFIXES``, and every CURIE is expanded,
IRI compressed and local id checked through ``CONVERTER``, made from the records below
(with the local-id pattern of each identifier scheme), so a prefix, its IRI and its
syntax are declared here and nowhere else.
External identifiers use the IRIs researchers join on (OBO PURLs for ChEBI, NCIT and
NCBITaxon, id.nlm.nih.gov for MeSH, PubChemRDF, UniProt PURLs, Wikidata entities); where a
registry has no settled RDF form, the identifiers.org resolver IRI is used.
"""

from __future__ import annotations

import re
from functools import cache

import curies
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

CG_IRI = "https://w3id.org/claimgraph/vocab#"
DEFAULT_BASE = "https://w3id.org/claimgraph/id/"

CG = Namespace(CG_IRI)
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")


def _record(prefix: str, uri_prefix: str, pattern: str | None = None) -> curies.Record:
    return curies.Record(prefix=prefix, uri_prefix=uri_prefix, pattern=pattern)


# The vocabularies the graph uses, and the namespace of the IRIs it mints.
VOCABULARIES: tuple[curies.Record, ...] = (
    _record("cg", CG_IRI),
    _record("cgid", DEFAULT_BASE),
    _record("schema", str(SCHEMA)),
    _record("oa", str(OA)),
    _record("cito", str(CITO)),
    _record("prov", str(PROV)),
    _record("skos", str(SKOS)),
    _record("dcterms", str(DCTERMS)),
    _record("rdf", str(RDF)),
    _record("rdfs", str(RDFS)),
    _record("owl", str(OWL)),
    _record("xsd", str(XSD)),
    _record("sh", str(SH)),
)

# The identifiers of studies, in order of preference for a study's own IRI.
STUDY_SCHEMES: tuple[curies.Record, ...] = (
    _record("doi", "https://doi.org/", r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$"),
    _record("pubmed", "https://pubmed.ncbi.nlm.nih.gov/", r"^[1-9]\d{0,8}$"),
    _record("pmc", "https://www.ncbi.nlm.nih.gov/pmc/articles/", r"^PMC[1-9]\d*$"),
)

# The identifiers that entities (and publishers' journals) may be mapped to; each pattern is
# the scheme's local-id syntax (builders.identifiers adds the check digits).
ENTITY_SCHEMES: tuple[curies.Record, ...] = (
    _record("wikidata", "http://www.wikidata.org/entity/", r"^Q[1-9]\d*$"),
    _record("chebi", "http://purl.obolibrary.org/obo/CHEBI_", r"^[1-9]\d*$"),
    _record("ncit", "http://purl.obolibrary.org/obo/NCIT_", r"^C\d+$"),
    _record("ncbitaxon", "http://purl.obolibrary.org/obo/NCBITaxon_", r"^[1-9]\d*$"),
    _record("mesh", "http://id.nlm.nih.gov/mesh/", r"^[CD]\d{6,9}$"),
    _record("pubchem.compound", "http://rdf.ncbi.nlm.nih.gov/pubchem/compound/CID", r"^[1-9]\d*$"),
    _record(
        "uniprot",
        "http://purl.uniprot.org/uniprot/",
        r"^(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})$",
    ),
    _record("hgnc", "https://identifiers.org/hgnc:", r"^[1-9]\d*$"),
    _record("ncbigene", "https://www.ncbi.nlm.nih.gov/gene/", r"^[1-9]\d*$"),
    _record("gbif", "https://www.gbif.org/species/", r"^[1-9]\d*$"),
    _record("unii", "https://identifiers.org/unii:", r"^[A-Z0-9]{10}$"),
    _record("drugbank", "https://identifiers.org/drugbank:", r"^DB\d{5}$"),
    _record("chembl.compound", "https://identifiers.org/chembl.compound:", r"^CHEMBL\d+$"),
    _record("kegg.compound", "https://www.kegg.jp/entry/", r"^C\d{5}$"),
    _record("cas", "https://identifiers.org/cas:", r"^\d{2,7}-\d{2}-\d$"),
    _record("issn", "https://portal.issn.org/resource/ISSN/", r"^\d{4}-\d{3}[\dX]$"),
    _record("ror", "https://ror.org/", r"^0[a-hj-km-np-tv-z0-9]{6}\d{2}$"),
)

RECORDS = VOCABULARIES + STUDY_SCHEMES + ENTITY_SCHEMES
PREFIXES: dict[str, str] = {record.prefix: record.uri_prefix for record in RECORDS}


def records_for(base: str) -> list[curies.Record]:
    """Every record, with ``cgid:`` pointing at ``base`` (the configurable data namespace)."""
    return [_record("cgid", base) if r.prefix == "cgid" else r for r in RECORDS]


def prefixes_for(base: str) -> dict[str, str]:
    """The prefix map with ``cgid:`` pointing at ``base`` (the configurable data namespace)."""
    return {record.prefix: record.uri_prefix for record in records_for(base)}


def converter_for(base: str = DEFAULT_BASE) -> curies.Converter:
    """One converter for every CURIE and IRI of a graph built under ``base``."""
    return curies.Converter(records_for(base))


CONVERTER = converter_for()


@cache
def local_id_pattern(prefix: str) -> re.Pattern[str] | None:
    """The compiled pattern of a scheme's local ids (None for a vocabulary prefix)."""
    pattern = CONVERTER.pattern_map.get(prefix)
    return re.compile(pattern) if pattern is not None else None


def scheme_patterns(schemes: tuple[curies.Record, ...]) -> dict[str, re.Pattern[str]]:
    """Each scheme's prefix and its compiled local-id pattern, in the table's order."""
    return {r.prefix: p for r in schemes if (p := local_id_pattern(r.prefix)) is not None}


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind the project's prefixes to ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, iri in prefixes_for(base).items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    return bind_prefixes(Graph(bind_namespaces="none"), base)
