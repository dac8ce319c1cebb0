"""The ``claimgraph`` command line; each command is a thin wrapper over ``graph.api``.

Exit codes: 0 success, 1 bad input data or a failed build, 2 a bad query or usage,
130 interrupted (Ctrl-C, or SIGTERM or SIGHUP while ``serve`` starts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from builders import paths
from builders.build import BuildOptions
from builders.errors import ClaimgraphError, PushError, QueryError
from graph import api, diskstore, server, view, worker
from graph.bulkload import DEFAULT_ISQL_ADDRESS, BulkTarget
from graph.bulkload import DEFAULT_TIMEOUT_S as BULK_TIMEOUT_S
from graph.namespace import DEFAULT_BASE
from graph.network import EXPORT_FORMATS, Selection
from graph.push import DEFAULT_TIMEOUT_S as PUSH_TIMEOUT_S
from graph.push import ENDPOINT_EXAMPLES, Credentials, default_graph_name
from graph.sparql import FORMATS
from graph.store import require_built_graph

PASSWORD_VARIABLE = "CLAIMGRAPH_PUSH_PASSWORD"
QUERY_TIMEOUT_S = 120


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


def _selection_options(command: argparse.ArgumentParser) -> None:
    """The options that choose part of the picture, shared by draw and export."""
    command.add_argument(
        "--graph", type=Path, default=api.DEFAULT_GRAPH, help="the built N-Triples file"
    )
    command.add_argument("--focus", metavar="ENTITY", help="an entity id, label or IRI")
    command.add_argument(
        "--depth", type=int, default=1, help="claim hops from --focus to keep (default 1)"
    )
    command.add_argument(
        "--verdict",
        action="append",
        default=[],
        help="keep claims with this verdict, e.g. disputed (repeatable)",
    )
    command.add_argument(
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
    build.add_argument(
        "--store", type=Path, metavar="DIR", help="also load the graph into this on-disk store"
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
    query.add_argument(
        "--store", type=Path, metavar="DIR", help="query this on-disk store instead of --graph"
    )
    query.add_argument(
        "--timeout",
        type=_int_in(1, 24 * 3600, "a time-out in seconds"),
        default=QUERY_TIMEOUT_S,
        metavar="SECONDS",
        help=f"stop a query that runs longer (default {QUERY_TIMEOUT_S})",
    )

    commands.add_parser("queries", help="list the named queries and their questions")

    ingest = commands.add_parser(
        "ingest", help="add articles (.txt, .md, .html) with draft statements for review"
    )
    ingest.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="files or folders")
    ingest.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: one per core)"
    )
    ingest.add_argument("--data", type=Path, default=paths.DATA_DIR, help="data folder")
    ingest.add_argument("--title", help="the article's title (else from the file)")
    ingest.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="publication date")
    ingest.add_argument("--url", help="where the article was published")
    ingest.add_argument("--publisher", help="who published it")

    draw = commands.add_parser("draw", help="write the interactive HTML view of the graph")
    _selection_options(draw)
    draw.add_argument("-o", "--out", type=Path, default=api.DEFAULT_VIEW, help="HTML file")
    draw.add_argument("--title", help="the page's heading")

    export = commands.add_parser("export", help="write the network projection for Gephi etc.")
    _selection_options(export)
    export.add_argument("--format", choices=EXPORT_FORMATS, default="graphml")
    export.add_argument("-o", "--out", type=Path, help="output file (default out/claims.FORMAT)")
    _serve_and_push(commands)
    return parser


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


def _serve_and_push(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser("serve", help="a read-only SPARQL endpoint on 127.0.0.1")
    serve.add_argument(
        "--port",
        type=_int_in(0, 65535, "a TCP port"),
        default=server.DEFAULT_PORT,
        help="TCP port (0: any free port)",
    )
    serve.add_argument("--store", type=Path, metavar="DIR", help="serve this on-disk store")
    serve.add_argument(
        "--graph", type=Path, default=api.DEFAULT_GRAPH, help="else serve this N-Triples file"
    )
    serve.add_argument(
        "--timeout",
        type=_int_in(1, 24 * 3600, "a time-out in seconds"),
        default=server.DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help="cancel a query (and cut its answer) that runs longer",
    )
    serve.add_argument(
        "--max-queries",
        type=_int_in(1, 64, "a number of queries"),
        default=server.DEFAULT_MAX_QUERIES,
        metavar="N",
        help="queries evaluated at once, one worker process each (default %(default)s)",
    )
    serve.add_argument(
        "--queue",
        type=_int_in(0, 10_000, "a queue length"),
        default=server.DEFAULT_MAX_QUEUED,
        metavar="N",
        help="queries that may wait for a worker; more get 503 (default %(default)s)",
    )
    serve.add_argument(
        "--allow-federation",
        action="store_true",
        help="let queries use SERVICE, which makes the server fetch the URLs they name",
    )
    serve.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="NAME",
        help="also accept requests whose Host header is NAME (repeatable); "
        "it still listens on 127.0.0.1 only",
    )

    push = commands.add_parser("push", help="replace a named graph in a remote SPARQL store")
    push.add_argument("--endpoint", metavar="URL", help="the store's Graph Store Protocol URL")
    push.add_argument(
        "--graph", metavar="IRI", help="the named graph to replace (default: from --base)"
    )
    push.add_argument(
        "--base",
        default=DEFAULT_BASE,
        help="the namespace the graph was built with ('build --base'); names the default graph",
    )
    push.add_argument("--nt", type=Path, default=api.DEFAULT_GRAPH, help="the built graph")
    push.add_argument(
        "--user", help=f"log in as this user (the password is read from ${PASSWORD_VARIABLE})"
    )
    push.add_argument(
        "--timeout",
        type=_int_in(1, 24 * 3600, "a time-out in seconds"),
        metavar="SECONDS",
        help="give up when the store does not answer for this long (default 600; --bulk: 3600)",
    )
    push.add_argument(
        "--single-put",
        action="store_true",
        help="replace the graph with one PUT instead of DELETE then PUT (slow on Virtuoso)",
    )
    push.add_argument(
        "--bulk",
        type=Path,
        metavar="DIR",
        help="load through Virtuoso's bulk loader instead of HTTP; DIR is a folder the "
        "server may read (in DirsAllowed of its virtuoso.ini)",
    )
    push.add_argument(
        "--isql",
        default=DEFAULT_ISQL_ADDRESS,
        metavar="HOST:PORT",
        help=f"with --bulk: Virtuoso's SQL address (default {DEFAULT_ISQL_ADDRESS})",
    )


def _credentials(user: str | None) -> Credentials | None:
    if user is None:
        return None
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        raise PushError(
            f"--user {user} needs a password\n"
            f"  how to fix: set the {PASSWORD_VARIABLE} environment variable to it"
        )
    return Credentials(user, password)


def _push(args: argparse.Namespace) -> None:
    graph = default_graph_name(args.base) if args.graph is None else args.graph
    credentials = _credentials(args.user)
    if args.bulk is not None:
        target = BulkTarget(args.bulk, args.isql)
        timeout = args.timeout or BULK_TIMEOUT_S
        result = api.bulk_load(target, graph, args.nt, credentials, timeout)
    elif args.endpoint is None:
        raise PushError(
            "push needs --endpoint URL (the store's Graph Store URL) or --bulk DIR\n"
            f"  how to fix: add --endpoint, such as {ENDPOINT_EXAMPLES}"
        )
    else:
        progress = sys.stderr if sys.stderr.isatty() else None
        result = api.push(
            args.endpoint,
            graph,
            args.nt,
            credentials,
            timeout_s=args.timeout or PUSH_TIMEOUT_S,
            progress=progress,
            single_put=args.single_put,
        )
    print(f"replaced graph <{result.graph}> at {result.endpoint} with {result.triples} triples")


def _run(args: argparse.Namespace) -> None:
    if args.command == "build":
        options = BuildOptions(
            data_dir=args.data,
            out_dir=args.out,
            base=args.base,
            include_drafts=args.include_drafts,
            as_of=tuple(args.as_of),
        )
        for path in api.build(options, store=args.store).values():
            print(f"wrote {path}")
    elif args.command == "query":
        _query(args)
    elif args.command == "verdicts":
        rows = api.verdicts(args.data, args.as_of)
        width = max((len(row.claim) for row in rows), default=0)
        for row in rows:
            print(f"{row.claim:<{width}}  {row.verdict:<20}  {row.rule}")
    elif args.command == "draw":
        selection = _selection(args)
        title = args.title or view.title_for(selection)
        print(f"wrote {api.draw(args.graph, selection, args.out, title)}")
    elif args.command == "export":
        print(f"wrote {api.export(args.graph, args.format, args.out, _selection(args))}")
    elif args.command == "ingest":
        _ingest(args)
    elif args.command == "queries":
        for name, named in api.queries().items():
            params = "".join(f" --param {p}=..." for p in named.params)
            print(f"{name}{params}\n    {named.question}")
    elif args.command == "serve":
        front = server.FrontOptions(
            args.max_queries, args.queue, args.allow_federation, tuple(args.host)
        )
        with (
            server.stop_signals_interrupt(),
            api.serve(args.store, args.graph, args.port, args.timeout, front) as running,
        ):
            print(f"SPARQL endpoint (read-only): {running.query_url}", flush=True)
            print(f"query page: {running.url}/    stop with Ctrl-C", flush=True)
            print(f"query log (one line per request): {running.log}", flush=True)
            running.wait()
    elif args.command == "push":
        _push(args)


def _query(args: argparse.Namespace) -> None:
    """Run the query in a worker process, so the time-out and Ctrl-C can stop it."""
    text, declared = api.resolve(args.query)
    params = dict(args.param)
    request = worker.Request(text, text_format=args.format, params=params, declared=declared)
    if args.store:
        location = diskstore.generation(args.store)
        answer = worker.run_isolated(request, args.timeout, store=location)
    else:
        require_built_graph(args.graph)
        answer = worker.run_isolated(request, args.timeout, graph=args.graph)
    sys.stdout.write(answer)


def _ingest(args: argparse.Namespace) -> None:
    from builders.ingest.article import IngestOptions
    from graph import ingestview

    options = IngestOptions(args.title, args.date, args.url, args.publisher)
    if len(args.paths) == 1 and args.paths[0].is_file():
        ingestview.report_one(api.ingest(args.paths[0], args.data, options))
        return
    if any(v is not None for v in (args.title, args.date, args.url, args.publisher)):
        raise ClaimgraphError(
            "--title, --date, --url and --publisher describe one article; "
            "  how to fix: ingest that article on its own, or give them in each file's metadata"
        )
    summary = ingestview.run_batch(args.paths, args.data, options, args.jobs)
    if summary.refused:
        raise ClaimgraphError(f"{len(summary.refused)} file(s) were refused (see above)")


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
    except KeyboardInterrupt:
        print("claimgraph: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
