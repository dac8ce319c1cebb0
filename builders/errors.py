"""Errors that tell the user what is wrong, where, and how to fix it."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class ClaimgraphError(Exception):
    """Base class of every error the command line reports without a traceback."""


@dataclass(frozen=True)
class Location:
    """A place in an input file: the file, a 1-based line, and the field (dotted path)."""

    path: Path
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": field '{self.field}'"
        return where


class DataError(ClaimgraphError):
    """An input record is wrong. The message names the place, the fault and the fix."""

    def __init__(self, where: Location, problem: str, fix: str) -> None:
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(f"{where}: {problem}\n  how to fix: {fix}")


class FirstSeen(Generic[K]):
    """Where each key was first seen, so that a repeat is an error naming both places."""

    def __init__(self) -> None:
        self.places: dict[K, Location] = {}

    def add(self, key: K, where: Location, problem: str, fix: str) -> None:
        """Remember ``key`` at ``where``; a repeat raises "{problem} at {first place}"."""
        first = self.places.get(key)
        if first is not None:
            raise DataError(where, f"{problem} at {first}", fix)
        self.places[key] = where


class ValidationError(ClaimgraphError):
    """The built graph does not conform to shapes.ttl; the message is the SHACL report."""


class QueryError(ClaimgraphError):
    """A SPARQL query could not be parsed, found, or bound."""


class StoreError(ClaimgraphError):
    """An on-disk store or the SPARQL server could not be made, opened or started."""


class PushError(ClaimgraphError):
    """A remote store could not be reached, answered with an error, or refused the write."""
