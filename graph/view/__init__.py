"""The analysts' picture of the graph.

``network`` projects the built graph into a networkx ``MultiDiGraph`` with the SPARQL in
``queries/*.rq`` (outside the catalogue), ``layout`` places a large picture's entities,
``htmlpage`` renders the interactive HTML page from ``templates/``, and ``ingestview``
reports ingest results on the terminal. It runs queries through ``graph.query`` and never
imports the stores' writers or the endpoint; only the entry points ``graph.api`` and
``graph.cli`` import it.
"""
