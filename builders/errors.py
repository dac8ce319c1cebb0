"""Errors that tell the user what is wrong, where, and how to fix it."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class ClaimgraphError(Exception):
    """Base class of every error the command line reports without a traceback.

    Every error has one form: where (a file and line, a URL, a folder: whatever names the
    place), what is wrong, and how to fix it, written as ``{where}: {problem}`` and, on the
    next line, ``  how to fix: {fix}``. ``where`` and ``fix`` may be left out.
    """

    def __init__(self, problem: str, fix: str | None = None, where: object | None = None) -> None:
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(explained(problem, fix, where))


def explained(problem: str, fix: str | None = None, where: object | None = None) -> str:
    """The one way a message is written: ``{where}: {problem}``, then ``  how to fix: {fix}``
    (for the errors above, and for the texts the endpoint sends without raising)."""
    message = problem if where is None else f"{where}: {problem}"
    return message if fix is None else f"{message}\n  how to fix: {fix}"


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
        super().__init__(problem, fix, where)
        self.where: Location = where
        self.fix: str = fix


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
