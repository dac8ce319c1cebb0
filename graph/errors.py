"""The errors of the graph side: querying, stores and pushing.

They share the one form of ``builders.errors.ClaimgraphError``: where, what is wrong, and
how to fix it, so a message is written as ``Error(problem, fix=..., where=...)`` and never
formatted by hand.
"""

from __future__ import annotations

from builders.errors import ClaimgraphError


class QueryError(ClaimgraphError):
    """A SPARQL query could not be parsed, found, or bound."""


class StoreError(ClaimgraphError):
    """An on-disk store or the SPARQL server could not be made, opened or started."""


class PushError(ClaimgraphError):
    """A remote store could not be reached, answered with an error, or refused the write."""
