"""The graph in use: what researchers and analysts run on built RDF.

It owns the stores (``store``, ``diskstore``, ``bulkload``), querying (``catalogue``,
``sparql``, ``media``, ``guard``), the endpoint (``server``, ``front``, ``worker``,
``lifetime``, ``querypage``), sending graphs elsewhere (``push``), the analysts' picture
(``network``, ``layout``, ``view``, ``ingestview``) and the entry points ``api`` and ``cli``.
It reads what ``builders`` writes and calls ``builders`` to build and ingest; ``builders``
takes only the prefix map (``namespace``) from here. Importing this package has no side
effects; see ``graph.api`` for the operations.
"""
