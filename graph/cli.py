"""The ``claimgraph`` command line; each command is a thin wrapper over ``graph.api``.

Exit codes: 0 success, 1 bad input data or a failed build, 2 a bad query or usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from builders import paths
from builders.build import BuildOptions
from builders.errors import ClaimgraphError, QueryError
from graph import api
from graph.namespace import DEFAULT_BASE
from graph.sparql import FORMATS


def _key_value(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"'{text}' is not NAME=VALUE")
    return name, value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="Claims made by health articles, and their evidence, as RDF.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build data/ into validated RDF files")
    build.add_argument("--data", type=Path, default=paths.DATA_DIR, help="curated data folder")
    build.add_argument("--out", type=Path, default=paths.OUT_DIR, help="output folder")
    build.add_argument("--base", default=DEFAULT_BASE, help="namespace of minted IRIs")
    build.add_argument(
        "--include-drafts",
        action="store_true",
        help="also include statement files with status: draft",
    )
    build.add_argument(
        "--as-of",
        type=_date,
        action="append",
        default=[],
        metavar="YYYY-MM-DD",
        help="also assess every claim as of this date (repeatable); article dates always are",
    )

    verdicts = commands.add_parser(
        "verdicts", help="print each claim's verdict, derived now from data/"
    )
    verdicts.add_argument("--data", type=Path, default=paths.DATA_DIR, help="curated data folder")
    verdicts.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="count only evidence published by this date",
    )

    query = commands.add_parser("query", help="run a named query, a .rq file or SPARQL text")
    query.add_argument("query", help="a name from 'claimgraph queries', FILE.rq, or SPARQL")
    query.add_argument(
        "--param",
        "-p",
        action="append",
        type=_key_value,
        default=[],
        metavar="NAME=VALUE",
        help="bind a query parameter (repeatable)",
    )
    query.add_argument("--format", "-f", choices=FORMATS, default="table")
    query.add_argument(
        "--graph", type=Path, default=api.DEFAULT_GRAPH, help="the built N-Triples file to query"
    )

    commands.add_parser("queries", help="list the named queries and their questions")
    return parser


def _run(args: argparse.Namespace) -> None:
    if args.command == "build":
        options = BuildOptions(
            data_dir=args.data,
            out_dir=args.out,
            base=args.base,
            include_drafts=args.include_drafts,
            as_of=tuple(args.as_of),
        )
        for path in api.build(options).values():
            print(f"wrote {path}")
    elif args.command == "query":
        store = api.open_store(args.graph)
        sys.stdout.write(api.answer_text(store, args.query, args.format, dict(args.param)))
    elif args.command == "verdicts":
        rows = api.verdicts(args.data, args.as_of)
        width = max((len(row.claim) for row in rows), default=0)
        for row in rows:
            print(f"{row.claim:<{width}}  {row.verdict:<20}  {row.rule}")
    elif args.command == "queries":
        for name, named in api.queries().items():
            params = "".join(f" --param {p}=..." for p in named.params)
            print(f"{name}{params}\n    {named.question}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        _run(args)
    except QueryError as exc:
        print(f"claimgraph: {exc}", file=sys.stderr)
        return 2
    except ClaimgraphError as exc:
        print(f"claimgraph: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
