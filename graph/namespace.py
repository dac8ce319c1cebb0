"""Namespaces and the one prefix map of the project.

Every rdflib graph the project makes is bound to ``PREFIXES``, and every CURIE is expanded
or IRI compressed through ``CONVERTER``, so a prefix is declared here and nowhere else.
External identifiers use the IRIs researchers join on (OBO PURLs for ChEBI, NCIT and
NCBITaxon, id.nlm.nih.gov for MeSH, PubChemRDF, UniProt PURLs, Wikidata entities); where a
registry has no settled RDF form, the identifiers.org resolver IRI is used.
"""

from __future__ import annotations

import curies
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

CG_IRI = "https://w3id.org/claimgraph/vocab#"
DEFAULT_BASE = "https://w3id.org/claimgraph/id/"

CG = Namespace(CG_IRI)
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")

PREFIXES: dict[str, str] = {
    "cg": CG_IRI,
    "cgid": DEFAULT_BASE,
    "schema": str(SCHEMA),
    "oa": str(OA),
    "cito": str(CITO),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
    "doi": "https://doi.org/",
    "pubmed": "https://pubmed.ncbi.nlm.nih.gov/",
    "pmc": "https://www.ncbi.nlm.nih.gov/pmc/articles/",
    "wikidata": "http://www.wikidata.org/entity/",
    "chebi": "http://purl.obolibrary.org/obo/CHEBI_",
    "ncit": "http://purl.obolibrary.org/obo/NCIT_",
    "ncbitaxon": "http://purl.obolibrary.org/obo/NCBITaxon_",
    "mesh": "http://id.nlm.nih.gov/mesh/",
    "pubchem.compound": "http://rdf.ncbi.nlm.nih.gov/pubchem/compound/CID",
    "uniprot": "http://purl.uniprot.org/uniprot/",
    "hgnc": "https://identifiers.org/hgnc:",
    "ncbigene": "https://www.ncbi.nlm.nih.gov/gene/",
    "gbif": "https://www.gbif.org/species/",
    "unii": "https://identifiers.org/unii:",
    "drugbank": "https://identifiers.org/drugbank:",
    "chembl.compound": "https://identifiers.org/chembl.compound:",
    "kegg.compound": "https://www.kegg.jp/entry/",
    "cas": "https://identifiers.org/cas:",
    "issn": "https://portal.issn.org/resource/ISSN/",
    "ror": "https://ror.org/",
}


def prefixes_for(base: str) -> dict[str, str]:
    """The prefix map with ``cgid:`` pointing at ``base`` (the configurable data namespace)."""
    return {**PREFIXES, "cgid": base}


def converter_for(base: str = DEFAULT_BASE) -> curies.Converter:
    """One converter for every CURIE and IRI of a graph built under ``base``."""
    return curies.Converter.from_prefix_map(prefixes_for(base))


CONVERTER = converter_for()


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind the project's prefixes to ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, iri in prefixes_for(base).items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    return bind_prefixes(Graph(bind_namespaces="none"), base)
