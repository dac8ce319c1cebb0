"""The graph in use: store, SPARQL queries, command line and Python API.

Importing this package has no side effects; see ``graph.api`` for the operations.
"""
