"""The endpoint's front: the HTTP server that every request to ``claimgraph serve`` meets.

An ASGI app (starlette) run by uvicorn on 127.0.0.1. No SPARQL engine listens on any
port: queries go to a fixed pool of worker processes (``graph.serve.worker``) over pipes, so
Oxigraph is reachable only through this front. For each request the front

- refuses a Host header other than 127.0.0.1 or localhost (and any ``--host`` names), so a
  web page cannot reach the endpoint through DNS rebinding, and any cross-origin request:
  a CORS preflight gets 403 and no response carries an Access-Control header;
- refuses a query too long or nested too deep, or one that uses ``SERVICE`` unless
  federation is allowed (``graph.query.guard``; 400 with the reason);
- runs at most one query per worker and lets a bounded number wait for a worker; past
  that it answers 503 with Retry-After;
- gives the request one deadline from its arrival: a query still waiting or computing
  then is cancelled (504) by killing its worker, and a response still streaming is cut
  and ends with ``CUT_MARKER``; a replacement worker starts at once;
- logs one line per query: time, method, status, duration and bytes sent.

Start it with ``python -m graph.serve.front --location DIR --port N``; ``graph.serve.server`` does.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import time
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from builders.errors import explained
from graph.errors import QueryError
from graph.query import guard
from graph.serve import querypage, worker
from graph.serve.lifetime import die_with_parent

LOG = logging.getLogger("claimgraph.serve")
LOOPBACK_NAMES = ("127.0.0.1", "localhost")
CUT_MARKER = "\n\n# claimgraph: RESPONSE CUT:"
READY_WITHIN_S = 120.0
RETRY_AFTER_S = 1
MARKER_GRACE_S = 1.0  # past the deadline: how long the cut marker may take to send
DRAIN_BYTES = 64 * 1024 * 1024
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the front serves and the limits it keeps."""

    location: Path
    deadline_s: float = 30.0
    max_queries: int = 4  # queries evaluated at once (one worker process each)
    max_queued: int = 32  # queries waiting for a worker; beyond that: 503
    allow_federation: bool = False
    hosts: tuple[str, ...] = ()  # Host names accepted besides 127.0.0.1 and localhost

    @property
    def limits(self) -> guard.Limits:
        return guard.Limits(allow_federation=self.allow_federation)


def until(deadline: float) -> asyncio.Timeout:
    """A timeout at ``deadline`` (a ``time.monotonic()`` instant); ``asyncio.timeout``, not
    ``asyncio.wait_for``, because on Python 3.11 the latter can drop a cancellation."""
    return asyncio.timeout(max(deadline - time.monotonic(), 0))


class BusyError(Exception):
    """Every worker is busy and the queue is full."""


@dataclass(slots=True, eq=False)
class Worker:
    """One worker process and its pipes."""

    process: asyncio.subprocess.Process

    async def frame(self) -> tuple[bytes, bytes]:
        assert self.process.stdout is not None
        header = await self.process.stdout.readexactly(worker.HEADER.size)
        kind, length = worker.HEADER.unpack(header)
        return kind, await self.process.stdout.readexactly(length)

    async def send(self, request: worker.Request) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(request.encode())
        await self.process.stdin.drain()

    async def kill(self) -> None:
        with suppress(ProcessLookupError):
            self.process.kill()
        await self.process.wait()


@dataclass(slots=True)
class Pool:
    """A fixed number of workers; a busy one is waited for, a killed one replaced."""

    settings: Settings
    idle: asyncio.Queue[Worker] = field(default_factory=asyncio.Queue)
    waiting: int = 0
    everyone: set[Worker] = field(default_factory=set)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def start(self) -> None:
        started = await asyncio.gather(*(self._spawn() for _ in range(self.settings.max_queries)))
        for one in started:
            self.idle.put_nowait(one)

    async def _spawn(self) -> Worker:
        process = await asyncio.create_subprocess_exec(
            *worker.command(store=self.settings.location),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            preexec_fn=die_with_parent(),
        )
        one = Worker(process)
        self.everyone.add(one)
        try:
            async with asyncio.timeout(READY_WITHIN_S):
                kind, _ = await one.frame()
        except (TimeoutError, asyncio.IncompleteReadError):
            await self.retire(one)
            raise RuntimeError(
                f"a query worker did not open {self.settings.location} (it ended or hung)"
            ) from None
        if kind != b"E":
            raise RuntimeError("a query worker sent an unexpected first frame")
        return one

    async def acquire(self, deadline: float) -> Worker:
        """An idle worker; BusyError if the queue is full, TimeoutError at the deadline."""
        with suppress(asyncio.QueueEmpty):
            return self.idle.get_nowait()
        if self.waiting >= self.settings.max_queued:
            raise BusyError
        self.waiting += 1
        try:
            async with until(deadline):
                return await self.idle.get()
        finally:
            self.waiting -= 1

    def release(self, one: Worker) -> None:
        self.idle.put_nowait(one)

    async def retire(self, one: Worker) -> None:
        self.everyone.discard(one)
        await one.kill()

    def replace(self, one: Worker) -> None:
        """Kill ``one`` (busy with a query that must stop) and start another in its place."""
        task = asyncio.get_running_loop().create_task(self._replace(one))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _replace(self, one: Worker) -> None:
        await self.retire(one)
        while True:
            try:
                self.idle.put_nowait(await self._spawn())
                return
            except RuntimeError as error:
                LOG.error("%s; trying again in 1 s", error)
                await asyncio.sleep(1)

    async def close(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        for one in list(self.everyone):
            await self.retire(one)


def _host_allowed(host: str, names: tuple[str, ...]) -> bool:
    name, sep, port = host.rpartition(":")
    if not sep or not port.isdigit():
        name = host
    return name.lower() in (*LOOPBACK_NAMES, *names)


def _origin_allowed(origin: str, names: tuple[str, ...]) -> bool:
    parsed = urllib.parse.urlsplit(origin)
    return parsed.scheme == "http" and (parsed.hostname or "") in (*LOOPBACK_NAMES, *names)


class Gate:
    """ASGI middleware: the Host check and the refusal of cross-origin requests."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = None
        if not _host_allowed(headers.get("host", ""), self.hosts):
            refusal = PlainTextResponse(
                f"Host '{headers.get('host', '')}' is not this endpoint: it answers only "
                "to 127.0.0.1 and localhost (start it with --host NAME to accept another)\n",
                status_code=400,
            )
        elif scope["method"] == "OPTIONS" or (
            "origin" in headers and not _origin_allowed(headers["origin"], self.hosts)
        ):
            refusal = PlainTextResponse(
                "cross-origin requests are not allowed: query this endpoint from its own "
                "page, a script or a SPARQL client\n",
                status_code=403,
            )
        if refusal is not None:
            LOG.info("%s %s %d refused", scope["method"], scope["path"], refusal.status_code)
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)


class ReadBeforeRefusing:
    """ASGI middleware: read what is left of a request body before an error status goes out.

    A client that is still sending a body (a push to a wrong path, a write to this
    read-only store) would otherwise meet a closed connection and see a broken pipe instead
    of the answer; at most ``DRAIN_BYTES`` are read, past that the connection is closed.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        finished = False

        async def watched_receive() -> Message:
            nonlocal finished
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                finished = True
            return message

        async def draining_send(message: Message) -> None:
            nonlocal finished
            if message["type"] == "http.response.start" and message["status"] >= 400:
                read = 0
                while not finished and read <= DRAIN_BYTES:
                    read += len((await watched_receive()).get("body", b""))
                finished = True
            await send(message)

        await self.app(scope, watched_receive, draining_send)


async def _body(request: Request, limit: int) -> bytes:
    """The request body; QueryError as soon as it grows past ``limit`` bytes."""
    received = bytearray()
    async for piece in request.stream():
        received += piece
        if len(received) > limit:
            raise QueryError(
                f"the request body is longer than {limit:,} bytes", "shorten the query"
            )
    return bytes(received)


async def _query_text(request: Request, limits: guard.Limits) -> str:
    """The query of a SPARQL Protocol request (GET, POST form or POST query)."""
    fields = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _body(request, 3 * limits.max_bytes)  # a form's percent-escapes
        if kind == SPARQL_QUERY:
            return body.decode("utf-8", errors="replace")
        if kind != FORM:
            raise QueryError(f"a POST must send {SPARQL_QUERY} or {FORM}, not '{kind}'")
        fields = urllib.parse.parse_qs(body.decode("latin-1"), keep_blank_values=True)
    if "update" in fields:
        raise PermissionError
    queries = fields.get("query", [])
    if len(queries) != 1:
        raise QueryError("give exactly one 'query' parameter (the SPARQL query text)")
    return queries[0]


@dataclass(slots=True)
class _Exchange:
    """One query's progress, for its log line."""

    method: str
    started: float = field(default_factory=time.monotonic)
    sent: int = 0

    def log(self, status: int, note: str = "") -> None:
        elapsed = (time.monotonic() - self.started) * 1000
        LOG.info(
            "%s /query %d %.1fms %dB%s",
            self.method,
            status,
            elapsed,
            self.sent,
            note and f" {note}",
        )


def _text(status: int, message: str, exchange: _Exchange, **headers: str) -> Response:
    body = message.rstrip("\n") + "\n"
    exchange.sent = len(body.encode("utf-8"))
    exchange.log(status, message.split("\n", 1)[0][:80])
    return PlainTextResponse(body, status_code=status, headers=headers)


def _cancelled(settings: Settings) -> str:
    return explained(
        f"the query was cancelled: it ran past the endpoint's {settings.deadline_s:g} s deadline",
        "narrow the query (a LIMIT, more specific patterns), "
        "or run the endpoint with a longer --timeout",
    )


def query_endpoint(pool: Pool) -> Callable[[Request], Awaitable[Response]]:
    settings = pool.settings

    async def handle(request: Request) -> Response:
        exchange = _Exchange(request.method)
        deadline = exchange.started + settings.deadline_s
        try:
            text = await _query_text(request, settings.limits)
            guard.check(text, settings.limits)
        except PermissionError:
            return _text(403, "this endpoint is read-only: updates are refused", exchange)
        except QueryError as error:
            return _text(400, str(error), exchange)
        try:
            one = await pool.acquire(deadline)
        except BusyError:
            message = "the endpoint is busy: every query worker is in use and the queue is full"
            return _text(503, message, exchange, **{"Retry-After": str(RETRY_AFTER_S)})
        except TimeoutError:
            return _text(504, _cancelled(settings), exchange)
        job = worker.Request(
            text, request.headers.get("accept", ""), allow_federation=settings.allow_federation
        )
        return await _answer(pool, one, job, deadline, exchange)

    return handle


async def _answer(
    pool: Pool, one: Worker, job: worker.Request, deadline: float, exchange: _Exchange
) -> Response:
    """Send ``job`` to ``one`` and answer with what it returns, until the deadline."""

    async def next_frame() -> tuple[bytes, bytes]:
        async with until(deadline):
            return await one.frame()

    settings = pool.settings
    try:
        await one.send(job)
        kind, payload = await next_frame()
        if kind == b"F":
            pool.release(one)
            failure = json.loads(payload)
            return _text(int(failure.get("status", 400)), failure["message"], exchange)
        media_type = json.loads(payload)["media_type"]
        first = await next_frame()
    except TimeoutError:
        pool.replace(one)
        return _text(504, _cancelled(settings), exchange)
    except (asyncio.IncompleteReadError, ConnectionError):
        code = await one.process.wait()
        pool.replace(one)
        return _text(500, worker.CRASHED.format(code=code), exchange)

    if first[0] == b"F":  # evaluation failed before any result
        pool.release(one)
        failure = json.loads(first[1])
        return _text(int(failure.get("status", 400)), failure["message"], exchange)

    async def produce(write: Callable[[bytes], Awaitable[None]]) -> None:
        kind, payload = first
        healthy, note, marker = False, "interrupted", ""  # until the results end
        try:
            while kind == b"D":
                exchange.sent += len(payload)
                async with until(deadline):
                    await write(payload)
                kind, payload = await next_frame()
            healthy = True
            if kind == b"F":
                note = "failed mid-stream"
                marker = f"{CUT_MARKER} {json.loads(payload)['message']}\n"
            else:
                note = ""
        except TimeoutError:  # the worker or the client was too slow
            note = "cut at the deadline"
            marker = (
                f"{CUT_MARKER} the query ran past the endpoint's {settings.deadline_s:g} s "
                "deadline, so the results above are incomplete\n"
            )
        except ClientGoneError:
            pass  # "interrupted": nobody is left to read a marker
        except asyncio.IncompleteReadError:
            note = "worker crashed mid-stream"
            marker = f"{CUT_MARKER} the query engine stopped; the results above are incomplete\n"
        finally:
            if healthy:
                pool.release(one)
            else:
                pool.replace(one)
            exchange.log(200, note)
        if marker:
            exchange.sent += len(marker)
            with suppress(TimeoutError):
                async with asyncio.timeout(MARKER_GRACE_S):
                    await write(marker.encode("utf-8"))

    return _DeadlineStream(produce, media_type)


class ClientGoneError(Exception):
    """The client closed the connection before its answer ended."""


class _DeadlineStream(StreamingResponse):
    """A streamed answer whose producer also stops when the client goes away.

    The producer is told in two ways, because a cancellation alone can be missed: it is
    cancelled, and its next ``write`` raises ``ClientGoneError``. (Python 3.11's
    ``asyncio.wait_for`` drops a cancellation that arrives as its operation finishes, which
    a fast worker makes the common case; the front waits with ``asyncio.timeout`` instead,
    but a producer that missed its cancellation would stream into the closed connection,
    which uvicorn accepts silently, until the deadline.)
    """

    def __init__(
        self,
        produce: Callable[[Callable[[bytes], Awaitable[None]]], Awaitable[None]],
        media_type: str,
    ) -> None:
        super().__init__(iter(()), media_type=media_type)
        self.produce = produce

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = {"type": "http.response.start", "status": self.status_code}
        await send({**start, "headers": self.raw_headers})
        left = asyncio.Event()

        async def write(chunk: bytes) -> None:
            if left.is_set():
                raise ClientGoneError
            await send({"type": "http.response.body", "body": chunk, "more_body": True})

        async def gone() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            left.set()

        producer = asyncio.ensure_future(self.produce(write))
        watcher = asyncio.ensure_future(gone())
        await asyncio.wait({producer, watcher}, return_when=asyncio.FIRST_COMPLETED)
        for task in (producer, watcher):
            task.cancel()
        await asyncio.gather(producer, watcher, return_exceptions=True)
        if not left.is_set():  # the client is still there: end the answer properly
            await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _read_only(request: Request) -> Response:
    LOG.info("%s %s 403 read-only", request.method, request.url.path)
    return PlainTextResponse("this endpoint is read-only: writes are refused\n", status_code=403)


def make_app(settings: Settings) -> Starlette:
    """The ASGI app; its worker pool starts and stops with the app's lifespan."""
    pool = Pool(settings)
    page = querypage.render()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    async def home(request: Request) -> Response:
        return Response(page, media_type="text/html", headers=querypage.HEADERS)

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/query", query_endpoint(pool), methods=["GET", "POST"]),
        Route("/update", _read_only, methods=["GET", "POST"]),
        Route("/store", _read_only, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(Gate, hosts=settings.hosts)
    app.add_middleware(ReadBeforeRefusing)  # added last: it wraps the Gate too
    return app


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m graph.serve.front")
    parser.add_argument("--location", type=Path, required=True, help="Oxigraph database")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--deadline", type=float, default=30.0)
    parser.add_argument("--max-queries", type=int, default=4)
    parser.add_argument("--max-queued", type=int, default=32)
    parser.add_argument("--allow-federation", action="store_true")
    parser.add_argument("--host", action="append", default=[], dest="hosts")
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    settings = Settings(
        location=args.location,
        deadline_s=args.deadline,
        max_queries=args.max_queries,
        max_queued=args.max_queued,
        allow_federation=args.allow_federation,
        hosts=tuple(name.lower() for name in args.hosts),
    )
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%Y-%m-%dT%H:%M:%S%z"
    )
    uvicorn.run(
        make_app(settings),
        host=args.bind,
        port=args.port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=2,
        h11_max_incomplete_event_size=4 * guard.MAX_QUERY_BYTES,  # a GET's query, escaped
        limit_concurrency=max(256, 4 * (settings.max_queries + settings.max_queued)),
    )


if __name__ == "__main__":
    main()
