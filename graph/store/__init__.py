"""The stores and moving graphs between them.

``memory`` loads a built N-Triples file (with the ontology) into an in-memory Oxigraph
store, ``diskstore`` keeps a persistent store folder replaced generation by generation,
``push`` sends a graph to another SPARQL server over the Graph Store Protocol and
``bulkload`` replaces a named graph through Virtuoso's bulk loader. It imports nothing of
the graph but the prefix map (``graph.namespace``); querying, the endpoint and the view
build on it, never the other way.
"""
