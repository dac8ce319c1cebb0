"""The ``claimgraph`` command line; each command is a thin wrapper over ``graph.api``.

Exit codes: 0 success, 1 bad input data or a failed build, 2 a bad query or usage,
130 interrupted (Ctrl-C, or SIGTERM or SIGHUP while ``serve`` starts).

Each command is registered once, by the ``@command`` decorator on its handler, which also
declares its options; ``main`` dispatches through the handler the parser stores. Data goes
to standard output; logs (``-v``, ``-vv``; ``-q`` keeps only errors) and progress go to
standard error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from builders import paths
from builders.build import BuildOptions
from builders.cliopts import Setup, deprecation, option, renamed_options
from builders.errors import ClaimgraphError
from graph import api
from graph.errors import PushError, QueryError
from graph.namespace import DEFAULT_BASE
from graph.query.sparql import FORMATS
from graph.serve import server, worker
from graph.store import diskstore
from graph.store.bulkload import DEFAULT_ISQL_ADDRESS, BulkTarget
from graph.store.bulkload import DEFAULT_TIMEOUT_S as BULK_TIMEOUT_S
from graph.store.memory import require_built_graph
from graph.store.push import DEFAULT_TIMEOUT_S as PUSH_TIMEOUT_S
from graph.store.push import ENDPOINT_EXAMPLES, Credentials, default_graph_name
from graph.view import htmlpage, terminal
from graph.view.network import EXPORT_FORMATS, Selection

PASSWORD_VARIABLE = "CLAIMGRAPH_PUSH_PASSWORD"
QUERY_TIMEOUT_S = 120

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], None]


@dataclass(frozen=True, slots=True)
class Command:
    """A subcommand: its name, one-line help, how to add its options, and what it does."""

    name: str
    help: str
    options: tuple[Setup, ...]
    handler: Handler


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, *options: Setup) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of the subcommand ``name``."""

    def register(handler: Handler) -> Handler:
        if name in COMMANDS:
            raise RuntimeError(f"the command '{name}' is registered twice")
        COMMANDS[name] = Command(name, help, options, handler)
        return handler

    return register


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


def _int_in(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"'{text}' is not {what}: give a whole number from {low} to {high}"
            )
        return value

    return parse


def _data_dir(help: str) -> Setup:
    return option("--data", type=Path, default_from=lambda: paths.DATA_DIR, help=help)


def _graph_file(help: str, *renamed_from: str) -> Setup:
    """``--graph-file FILE``: a built N-Triples file (by default out/claims.nt)."""
    return option(
        "--graph-file",
        renamed_from=renamed_from,
        type=Path,
        default_from=lambda: paths.OUT_DIR / "claims.nt",
        metavar="FILE",
        help=help,
    )


def _timeout(default: int | None, help: str) -> Setup:
    return option(
        "--timeout",
        type=_int_in(1, 24 * 3600, "a time-out in seconds"),
        default=default,
        metavar="SECONDS",
        help=help,
    )


def _store_dir(help: str) -> Setup:
    return option("--store", type=Path, metavar="DIR", help=help)


def _as_of_dates(help: str, repeatable: bool) -> Setup:
    many: dict[str, Any] = {"action": "append", "default": []} if repeatable else {}
    return option("--as-of", type=_date, metavar="YYYY-MM-DD", help=help, **many)


def _progress_stream(args: argparse.Namespace) -> TextIO | None:
    """Standard error when it is a terminal and -q was not given: where progress goes."""
    return sys.stderr if sys.stderr.isatty() and not args.quiet else None


@command(
    "build",
    "build data/ into validated RDF files",
    _data_dir("curated data folder"),
    option(
        "--out-dir",
        renamed_from=("--out",),
        type=Path,
        default_from=lambda: paths.OUT_DIR,
        metavar="DIR",
        help="output folder",
    ),
    option("--base", default=DEFAULT_BASE, help="namespace of minted IRIs"),
    option(
        "--include-drafts",
        action="store_true",
        help="also include statement files with status: draft",
    ),
    _as_of_dates(
        "also assess every claim as of this date (repeatable); article dates always are",
        repeatable=True,
    ),
    _store_dir("also load the graph into this on-disk store"),
)
def _build(args: argparse.Namespace) -> None:
    options = BuildOptions(
        data_dir=args.data,
        out_dir=args.out_dir,
        base=args.base,
        include_drafts=args.include_drafts,
        as_of=tuple(args.as_of),
    )
    with terminal.steps(not args.quiet):
        written = api.build(options, store=args.store)
    for path in written.values():
        print(f"wrote {path}")


@command(
    "verdicts",
    "print each claim's verdict, derived now from data/",
    _data_dir("curated data folder"),
    _as_of_dates("count only evidence published by this date", repeatable=False),
)
def _verdicts(args: argparse.Namespace) -> None:
    rows = api.verdicts(args.data, args.as_of)
    width = max((len(row.claim) for row in rows), default=0)
    for row in rows:
        print(f"{row.claim:<{width}}  {row.verdict:<20}  {row.rule}")


@command(
    "query",
    "run a named query, a .rq file or SPARQL text",
    option("query", help="a name from 'claimgraph queries', FILE.rq, or SPARQL"),
    option(
        "--param",
        "-p",
        action="append",
        type=_key_value,
        default=[],
        metavar="NAME=VALUE",
        help="bind a query parameter (repeatable)",
    ),
    option("--format", "-f", choices=FORMATS, default="table"),
    _graph_file("the built N-Triples file to query", "--graph"),
    _store_dir("query this on-disk store instead of --graph-file"),
    _timeout(QUERY_TIMEOUT_S, f"stop a query that runs longer (default {QUERY_TIMEOUT_S})"),
)
def _query(args: argparse.Namespace) -> None:
    """Run the query in a worker process, so the time-out and Ctrl-C can stop it."""
    text, declared = api.resolve(args.query)
    params = dict(args.param)
    request = worker.Request(text, text_format=args.format, params=params, declared=declared)
    started = time.perf_counter()
    if args.store:
        location = diskstore.generation(args.store)
        log.info("querying the store %s (time-out %d s)", location, args.timeout)
        answer = worker.run_isolated(request, args.timeout, store=location)
    else:
        require_built_graph(args.graph_file)
        log.info("querying %s (time-out %d s)", args.graph_file, args.timeout)
        answer = worker.run_isolated(request, args.timeout, graph=args.graph_file)
    log.info("answered in %.2f s (%d characters)", time.perf_counter() - started, len(answer))
    sys.stdout.write(answer)


@command("queries", "list the named queries and their questions")
def _queries(args: argparse.Namespace) -> None:
    for name, named in api.queries().items():
        params = "".join(f" --param {p}=..." for p in named.params)
        print(f"{name}{params}\n    {named.question}")


@command(
    "ingest",
    "add articles (.txt, .md, .html) with draft statements for review",
    option("paths", type=Path, nargs="+", metavar="PATH", help="files or folders"),
    option("--jobs", type=int, default=None, help="worker processes (default: one per core)"),
    _data_dir("data folder"),
    option("--title", help="the article's title (else from the file)"),
    option("--date", type=_date, metavar="YYYY-MM-DD", help="publication date"),
    option("--url", help="where the article was published"),
    option("--publisher", help="who published it"),
)
def _ingest(args: argparse.Namespace) -> None:
    from builders.ingest.article import IngestOptions
    from graph.view import ingestview

    options = IngestOptions(args.title, args.date, args.url, args.publisher)
    if len(args.paths) == 1 and args.paths[0].is_file():
        ingestview.report_one(api.ingest(args.paths[0], args.data, options))
        return
    if any(v is not None for v in (args.title, args.date, args.url, args.publisher)):
        raise ClaimgraphError(
            "--title, --date, --url and --publisher describe one article",
            "ingest that article on its own, or give them in each file's metadata",
        )
    summary = ingestview.run_batch(
        args.paths, args.data, options, args.jobs, show_progress=not args.quiet
    )
    if summary.refused:
        raise ClaimgraphError(f"{len(summary.refused)} file(s) were refused (see above)")


def _selection_options(parser: argparse.ArgumentParser) -> None:
    """The options that choose part of the picture, shared by draw and export."""
    _graph_file("the built N-Triples file", "--graph")(parser)
    parser.add_argument("--focus", metavar="ENTITY", help="an entity id, label or IRI")
    parser.add_argument(
        "--depth", type=int, default=1, help="claim hops from --focus to keep (default 1)"
    )
    parser.add_argument(
        "--verdict",
        action="append",
        default=[],
        help="keep claims with this verdict, e.g. disputed (repeatable)",
    )
    parser.add_argument(
        "--article",
        action="append",
        default=[],
        help="keep claims stated in this article: its id, title or IRI (repeatable)",
    )


def _selection(args: argparse.Namespace) -> Selection:
    return Selection(
        focus=args.focus,
        depth=args.depth,
        verdicts=tuple(args.verdict),
        articles=tuple(args.article),
    )


def _output_file(help: str, default: Callable[[], Path | None]) -> Setup:
    """``-o/--output FILE`` (formerly ``--out``)."""
    return option(
        "-o",
        "--output",
        renamed_from=("--out",),
        type=Path,
        default_from=default,
        metavar="FILE",
        help=help,
    )


@command(
    "draw",
    "write the interactive HTML view of the graph",
    _selection_options,
    _output_file("HTML file (default out/claims.html)", lambda: paths.OUT_DIR / "claims.html"),
    option("--title", help="the page's heading"),
)
def _draw(args: argparse.Namespace) -> None:
    selection = _selection(args)
    title = args.title or htmlpage.title_for(selection)
    print(f"wrote {api.draw(args.graph_file, selection, args.output, title)}")


@command(
    "export",
    "write the network projection for Gephi etc.",
    _selection_options,
    option("--format", choices=EXPORT_FORMATS, default="graphml"),
    _output_file("output file (default out/claims.FORMAT)", lambda: None),
)
def _export(args: argparse.Namespace) -> None:
    written = api.export(args.graph_file, args.format, args.output, _selection(args))
    print(f"wrote {written}")


@command(
    "serve",
    "a read-only SPARQL endpoint on 127.0.0.1",
    option(
        "--port",
        type=_int_in(0, 65535, "a TCP port"),
        default=server.DEFAULT_PORT,
        help="TCP port (0: any free port)",
    ),
    _store_dir("serve this on-disk store"),
    _graph_file("else serve this N-Triples file", "--graph"),
    _timeout(server.DEFAULT_TIMEOUT_S, "cancel a query (and cut its answer) that runs longer"),
    option(
        "--max-queries",
        type=_int_in(1, 64, "a number of queries"),
        default=server.DEFAULT_MAX_QUERIES,
        metavar="N",
        help="queries evaluated at once, one worker process each (default %(default)s)",
    ),
    option(
        "--queue",
        type=_int_in(0, 10_000, "a queue length"),
        default=server.DEFAULT_MAX_QUEUED,
        metavar="N",
        help="queries that may wait for a worker; more get 503 (default %(default)s)",
    ),
    option(
        "--allow-federation",
        action="store_true",
        help="let queries use SERVICE, which makes the server fetch the URLs they name",
    ),
    option(
        "--host",
        action="append",
        default=[],
        metavar="NAME",
        help="also accept requests whose Host header is NAME (repeatable); "
        "it still listens on 127.0.0.1 only",
    ),
)
def _serve(args: argparse.Namespace) -> None:
    front = server.FrontOptions(
        args.max_queries, args.queue, args.allow_federation, tuple(args.host)
    )
    with server.stop_signals_interrupt(), ExitStack() as stack:
        with terminal.steps(not args.quiet):  # loading the store and starting the front
            running = stack.enter_context(
                api.serve(args.store, args.graph_file, args.port, args.timeout, front)
            )
        print(f"SPARQL endpoint (read-only): {running.query_url}", flush=True)
        print(f"query page: {running.url}/    stop with Ctrl-C", flush=True)
        print(f"query log (one line per request): {running.log}", flush=True)
        running.wait()


@command(
    "push",
    "replace a named graph in a remote SPARQL store",
    option("--endpoint", metavar="URL", help="the store's Graph Store Protocol URL"),
    option(
        "--graph-iri",
        renamed_from=("--graph",),
        metavar="IRI",
        help="the named graph to replace (default: from --base)",
    ),
    option(
        "--base",
        default=DEFAULT_BASE,
        help="the namespace the graph was built with ('build --base'); names the default graph",
    ),
    _graph_file("the built graph", "--nt"),
    option("--user", help=f"log in as this user (the password is read from ${PASSWORD_VARIABLE})"),
    _timeout(
        None, "give up when the store does not answer for this long (default 600; --bulk: 3600)"
    ),
    option(
        "--single-put",
        action="store_true",
        help="replace the graph with one PUT instead of DELETE then PUT (slow on Virtuoso)",
    ),
    option(
        "--bulk",
        type=Path,
        metavar="DIR",
        help="load through Virtuoso's bulk loader instead of HTTP; DIR is a folder the "
        "server may read (in DirsAllowed of its virtuoso.ini)",
    ),
    option(
        "--isql",
        default=DEFAULT_ISQL_ADDRESS,
        metavar="HOST:PORT",
        help=f"with --bulk: Virtuoso's SQL address (default {DEFAULT_ISQL_ADDRESS})",
    ),
)
def _push(args: argparse.Namespace) -> None:
    graph = default_graph_name(args.base) if args.graph_iri is None else args.graph_iri
    credentials = _credentials(args.user)
    if args.bulk is not None:
        target = BulkTarget(args.bulk, args.isql)
        timeout = args.timeout or BULK_TIMEOUT_S
        result = api.bulk_load(target, graph, args.graph_file, credentials, timeout)
    elif args.endpoint is None:
        raise PushError(
            "push needs --endpoint URL (the store's Graph Store URL) or --bulk DIR",
            f"add --endpoint, such as {ENDPOINT_EXAMPLES}",
        )
    else:
        result = api.push(
            args.endpoint,
            graph,
            args.graph_file,
            credentials,
            timeout_s=args.timeout or PUSH_TIMEOUT_S,
            progress=_progress_stream(args),
            single_put=args.single_put,
        )
    print(f"replaced graph <{result.graph}> at {result.endpoint} with {result.triples} triples")


def _credentials(user: str | None) -> Credentials | None:
    if user is None:
        return None
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        raise PushError(
            "needs a password",
            f"set the {PASSWORD_VARIABLE} environment variable to it",
            f"--user {user}",
        )
    return Credentials(user, password)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="Claims made by health articles, and their evidence, as RDF.",
    )
    _add_loudness(parser, verbose=0, quiet=False)
    subparsers = parser.add_subparsers(dest="command", required=True)
    for registered in COMMANDS.values():
        sub = subparsers.add_parser(registered.name, help=registered.help)
        _add_loudness(sub, verbose=argparse.SUPPRESS, quiet=argparse.SUPPRESS)
        for setup in registered.options:
            setup(sub)
        sub.set_defaults(handler=registered.handler)
    return parser


def _add_loudness(parser: argparse.ArgumentParser, verbose: object, quiet: object) -> None:
    """-v and -q, before the command or after it ("claimgraph build -v"); a subcommand's
    defaults are SUPPRESS, so leaving them out there keeps what was given before it."""
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=verbose,
        help="log the steps on standard error (-vv: debugging detail too)",
    )
    loudness.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=quiet,
        help="log only errors, and show no progress",
    )


def _level(verbose: int, quiet: bool) -> int:
    if quiet:
        return logging.ERROR
    return {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)


@contextmanager
def _logging_to_stderr(level: int) -> Iterator[None]:
    """Send log records of ``level`` and above to standard error while the command runs."""
    handler = logging.StreamHandler(sys.stderr)
    detailed = "claimgraph %(levelname)s %(name)s: %(message)s"
    handler.setFormatter(
        logging.Formatter(detailed if level <= logging.DEBUG else "claimgraph: %(message)s")
    )
    handler.setLevel(level)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(level)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    with _logging_to_stderr(_level(args.verbose, args.quiet)):
        for old, new in renamed_options(args):
            log.warning("%s", deprecation(old, new))
        try:
            args.handler(args)
        except QueryError as exc:
            print(f"claimgraph: {exc}", file=sys.stderr)
            return 2
        except ClaimgraphError as exc:
            print(f"claimgraph: {exc}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("claimgraph: interrupted", file=sys.stderr)
            return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
