"""Named queries and running SPARQL.

``catalogue`` reads the named queries shipped in ``queries/*.rq`` and binds their
parameters, ``sparql`` runs a query on any store and renders the answer as a table, CSV,
TSV or SPARQL JSON, and ``guard`` refuses untrusted SPARQL text that is too long, nested
too deep or federated before any engine sees it. It works on a store it is given, so it
imports nothing of the graph but the prefix map (``graph.namespace``); the view and the
endpoint call it, never the other way.
"""
