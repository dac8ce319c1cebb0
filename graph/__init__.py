"""The graph in use: what researchers and analysts run on built RDF.

It is split by what each part owns, and imports go one way: ``store`` (the stores and
moving graphs between them) and ``query`` (named queries and running SPARQL) stand on
their own; ``view`` (the analysts' picture) runs queries; ``serve`` (the SPARQL endpoint)
uses stores and queries. Only the entry points ``api`` and ``cli`` import them all, and
nothing imports them back. ``namespace``, the shared prefix map, imports nothing of the
graph. It reads what ``builders`` writes and calls ``builders`` to build and ingest;
``builders`` takes only the prefix map from here. Importing this package has no side
effects; see ``graph.api`` for the operations.
"""
