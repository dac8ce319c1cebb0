"""Command-line option helpers shared by ``claimgraph`` and the maintenance scripts.

``option`` declares an option as ``add_argument`` takes it, with the names it had before
(``renamed_from``): they keep working for one release, hidden from --help, and the parser
notes each use so that the program can print one deprecation line naming the new option.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

RENAMED = "renamed_options"  # where the parser notes old option names it was given

Setup = Callable[[argparse.ArgumentParser], None]


class _OldName(argparse.Action):
    """An option's old name: stores the value as the new name does, and notes the use."""

    def __init__(self, option_strings: Sequence[str], dest: str, new_name: str, **kw: Any):
        super().__init__(option_strings, dest, **kw)
        self.new_name = new_name

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        used: list[tuple[str, str]] = getattr(namespace, RENAMED, [])
        setattr(namespace, RENAMED, [*used, (option_string or "", self.new_name)])


def option(
    *flags: str,
    renamed_from: Sequence[str] = (),
    default_from: Callable[[], object] | None = None,
    **kwargs: Any,
) -> Setup:
    """An option as ``add_argument`` takes it. ``renamed_from`` lists names it had before,
    which still work (hidden from --help) but log a deprecation line; ``default_from``
    gives the default when the parser is made (such as a folder under ``paths.OUT_DIR``)."""
    if renamed_from:
        kwargs["help"] = f"{kwargs.get('help', '')} (formerly {', '.join(renamed_from)})"

    def setup(parser: argparse.ArgumentParser) -> None:
        extra: dict[str, Any] = {} if default_from is None else {"default": default_from()}
        action = parser.add_argument(*flags, **kwargs, **extra)
        converts: dict[str, Any] = {"type": kwargs["type"]} if "type" in kwargs else {}
        new_name = max(flags, key=len)
        for old in renamed_from:
            parser.add_argument(
                old,
                dest=action.dest,
                action=_OldName,
                new_name=new_name,
                **converts,
                metavar=action.metavar,
                default=argparse.SUPPRESS,
                help=argparse.SUPPRESS,
            )

    return setup


def renamed_options(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The old option names given on the command line, each with its new name."""
    used: list[tuple[str, str]] = getattr(args, RENAMED, [])
    return list(dict.fromkeys(used))


def deprecation(old: str, new: str) -> str:
    """The line that says an old option name is deprecated."""
    return f"{old} is deprecated and goes in the next release; use {new} instead"
