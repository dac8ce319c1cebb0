"""The N-Triples terms the writers use: vocabulary terms and the graph's nodes, each written once.

``cg.Claim`` is ``"<https://w3id.org/claimgraph/vocab#Claim>"``: the IRI of
``graph.namespace.CG.Claim`` (or of rdflib's ``RDF``, ``RDFS``, ... namespaces) made into
its N-Triples term the first time it is asked for and kept, so a writer pays for a
namespace lookup once per term, not once per triple. A closed rdflib namespace (such as
``RDF``) still refuses a name it does not define.

``Nodes`` does the same for the nodes the writers name in many triples (an entity, claim,
study, law or evidence line): each is minted by ``builders.iris``, checked and written
once per build. A node named once (a statement, its selectors, an assessment) is written
by ``Nodes.term``.
"""

from __future__ import annotations

from rdflib import XSD, Namespace
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, DefinedNamespaceMeta

from builders import ntriples
from builders.iris import Iris
from builders.records import Claim, Study
from graph.namespace import CG, OA, SCHEMA


class Terms:
    """The N-Triples terms of one namespace, by attribute (``cg.subject``) or key (``cg[name]``)."""

    def __init__(self, namespace: Namespace | DefinedNamespaceMeta) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = ntriples.iri(str(self._namespace[name]))
        setattr(self, name, term)  # found as a plain attribute from now on
        return term

    def __getitem__(self, name: str) -> str:
        return str(getattr(self, name))


cg = Terms(CG)
rdf = Terms(RDF)
rdfs = Terms(RDFS)
skos = Terms(SKOS)
dcterms = Terms(DCTERMS)
schema = Terms(SCHEMA)
oa = Terms(OA)

XSD_DATE = str(XSD.date)
XSD_G_YEAR_MONTH = str(XSD.gYearMonth)
XSD_G_YEAR = str(XSD.gYear)


class Nodes:
    """The N-Triples terms of the nodes of one graph, minted by ``iris``."""

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        self._entities: dict[str, str] = {}
        self._claims: dict[Claim, str] = {}
        self._studies: dict[str, str] = {}  # by study key, unique in a dataset
        self._laws: dict[str, str] = {}
        self._evidence: dict[tuple[str, Claim], str] = {}

    @staticmethod
    def term(iri: str) -> str:
        """Any IRI as its N-Triples term."""
        return ntriples.iri(iri)

    def entity(self, entity_id: str) -> str:
        term = self._entities.get(entity_id)
        if term is None:
            term = self._entities[entity_id] = ntriples.iri(self.iris.entity(entity_id))
        return term

    def claim(self, claim: Claim) -> str:
        term = self._claims.get(claim)
        if term is None:
            term = self._claims[claim] = ntriples.iri(self.iris.claim(claim))
        return term

    def study(self, study: Study) -> str:
        term = self._studies.get(study.key)
        if term is None:
            term = self._studies[study.key] = ntriples.iri(self.iris.study(study))
        return term

    def law(self, key: str) -> str:
        term = self._laws.get(key)
        if term is None:
            term = self._laws[key] = ntriples.iri(self.iris.law(key))
        return term

    def evidence(self, study_key: str, claim: Claim) -> str:
        term = self._evidence.get((study_key, claim))
        if term is None:
            term = ntriples.iri(self.iris.evidence(study_key, claim))
            self._evidence[(study_key, claim)] = term
        return term
