"""The SPARQL endpoint.

``server`` starts and supervises it, ``front`` (starlette under uvicorn) meets every
request and hands queries to a fixed pool of ``worker`` processes that hold the store,
``media`` picks the serialization an Accept header asks for, ``querypage`` renders the
query page from ``templates/``, and ``lifetime`` makes child processes end with their
parent. It uses the stores (``graph.store``) and querying (``graph.query``); nothing but
the entry points ``graph.api`` and ``graph.cli`` imports it.
"""
