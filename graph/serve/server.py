"""The SPARQL endpoint: a guarded front on the loopback interface, read-only.

``claimgraph serve`` runs ``graph.serve.front`` (starlette under uvicorn) on a store folder, or
on a temporary store made from the built N-Triples file. The front speaks the SPARQL 1.1
Protocol at ``/query`` (GET and POST; JSON, XML, CSV or TSV results chosen by the Accept
header), serves a query page at ``/`` that needs nothing from outside the machine, checks
every request (Host, size, depth, no ``SERVICE``, one deadline, a bounded queue) and runs
queries in worker processes that no port reaches; updates and Graph Store writes get 403.
``start`` with ``read_only=False`` runs the plain Oxigraph server (``oxigraph serve``)
instead: the tests use it as a writable store to push to.

A server counts as started only when its own process is alive, listens on the port and
answers a query, so a port that another server holds is an error, never a silent switch to
that server. With port 0 a free port is chosen, and chosen again if another program takes
it first. If start-up fails or is interrupted (Ctrl-C, SIGTERM, SIGHUP), the server process
and its run folder (log, temporary store) are removed before the error goes on; on Linux
the server is also told to stop if the Python thread that started it ends without stopping
it. A run folder left by a server that was killed (``kill -9``) is removed by the next start.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType

from builders import paths
from graph.errors import StoreError
from graph.serve.lifetime import die_with_parent
from graph.store import diskstore

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
DEFAULT_MAX_QUERIES = 4
DEFAULT_MAX_QUEUED = 32
READY_WITHIN_S = 30.0
STOP_WITHIN_S = 10.0
PORT_ATTEMPTS = 5  # with port 0: how often to pick another free port if one is taken
RUN_PREFIX = "claimgraph-serve-"
OWNER = "owner"  # in a run folder: the pid and start time of the process that made it
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)  # besides Ctrl-C: a kill, a closed terminal


def oxigraph_binary() -> Path:
    """The ``oxigraph`` executable installed with this Python (or found on PATH)."""
    beside = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError(
            "the Oxigraph server is not installed (no 'oxigraph' program)",
            "pip install oxigraph (claimgraph's dependencies include it)",
        )
    return Path(found)


def free_port(host: str = HOST) -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Inside, SIGTERM and SIGHUP raise KeyboardInterrupt as Ctrl-C does, so a server being
    started or served is stopped and its temporary files removed, not left behind."""

    def _interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = {stop: signal.signal(stop, _interrupt) for stop in STOP_SIGNALS}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)


@dataclass(frozen=True, slots=True)
class FrontOptions:
    """The front's limits: queries at once, queries waiting, federation, extra Host names."""

    max_queries: int = DEFAULT_MAX_QUERIES
    max_queued: int = DEFAULT_MAX_QUEUED
    allow_federation: bool = False
    hosts: tuple[str, ...] = ()

    def arguments(self) -> list[str]:
        return [
            *("--max-queries", str(self.max_queries), "--max-queued", str(self.max_queued)),
            *(["--allow-federation"] if self.allow_federation else []),
            *(item for name in self.hosts for item in ("--host", name)),
        ]


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Which database to serve, where, and how long a query may run.

    ``read_only=False`` starts ``oxigraph serve`` instead, which takes updates and Graph
    Store writes; ``location=None`` keeps it in memory. It exists for the tests, which
    need a local store to push to; ``claimgraph serve`` and ``api.serve`` are always
    read-only.
    """

    location: Path | None
    port: int = DEFAULT_PORT
    timeout_s: int = DEFAULT_TIMEOUT_S
    host: str = HOST
    read_only: bool = True
    front: FrontOptions = field(default_factory=FrontOptions)


@dataclass(slots=True)
class RunningServer:
    """A started server; stop it with ``stop()`` or by leaving a ``with`` block."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    cleanup: list[Path] = field(default_factory=list)

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return f"{self.url}/query"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint (a read-only server refuses writes with 403)."""
        return f"{self.url}/store"

    def stop(self) -> None:
        """Stop the server and remove what it alone used (a temporary store, its log)."""
        _stop_process(self.process)
        self.log.unlink(missing_ok=True)
        for path in self.cleanup:
            shutil.rmtree(path, ignore_errors=True)

    def wait(self) -> None:
        """Serve until Ctrl-C, SIGTERM or SIGHUP, then stop; raise if the server ends by itself."""
        try:
            with stop_signals_interrupt():
                code = self.process.wait()
                message = _log_text(self.log)
        except KeyboardInterrupt:
            return
        finally:
            self.stop()
        raise StoreError(f"the SPARQL server stopped by itself (exit code {code}): {message}")

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _log_text(log: Path) -> str:
    text = log.read_text(encoding="utf-8", errors="replace").strip() if log.is_file() else ""
    return text or "(it printed nothing)"


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via http_proxy


def _ready(url: str) -> bool:
    try:
        with _DIRECT.open(f"{url}/query?query=ASK%7B%7D", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


class _PortTakenError(StoreError):
    """The server could not bind its port: another program listens there."""


def _stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_WITHIN_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _listening_inodes(pid: int, port: int) -> set[str]:
    """Inodes of the sockets listening on ``port`` in the network namespace of ``pid``."""
    found = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # LISTEN
                found.add(fields[9])
    return found


def _owns_port(process: subprocess.Popen[bytes], port: int) -> bool:
    """True when ``process`` itself listens on ``port`` (always True without /proc)."""
    if not Path("/proc/self/net/tcp").is_file():
        return True
    listening = {f"socket:[{inode}]" for inode in _listening_inodes(process.pid, port)}
    try:
        links = {str(fd.readlink()) for fd in Path(f"/proc/{process.pid}/fd").iterdir()}
    except OSError:  # the process ended meanwhile
        return False
    return bool(links & listening)


def _command(options: ServeOptions, port: int) -> list[str]:
    if not options.read_only:
        return [
            str(oxigraph_binary()),
            "serve",
            *(["--location", str(options.location)] if options.location is not None else []),
            *("--bind", f"{options.host}:{port}", "--timeout-s", str(options.timeout_s)),
        ]
    return [
        sys.executable,
        "-m",
        "graph.serve.front",
        *("--location", str(options.location), "--bind", options.host, "--port", str(port)),
        *("--deadline", str(options.timeout_s)),
        *options.front.arguments(),
    ]


def _launch(options: ServeOptions, port: int, folder: Path) -> RunningServer:
    """Run the server on ``port`` and wait until it answers; stop it on any failure."""
    log = folder / "server.log"
    process: subprocess.Popen[bytes] | None = None
    try:
        with log.open("wb") as sink:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(
                _command(options, port),
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=sink,
                preexec_fn=die_with_parent(),
            )
        server = RunningServer(f"http://{options.host}:{port}", process, log)
        _wait_until_ready(server, options.host, port)
        return server
    except BaseException:
        if process is not None:
            _stop_process(process)
        log.unlink(missing_ok=True)
        raise


def _wait_until_ready(server: RunningServer, host: str, port: int) -> None:
    """Return once the server's own process answers queries on ``port``; else StoreError."""
    deadline = time.monotonic() + READY_WITHIN_S
    while server.process.poll() is None and time.monotonic() <= deadline:
        # the process is checked after the query too: another server on the port may answer
        owned = _ready(server.url) and _owns_port(server.process, port)
        if owned and server.process.poll() is None:
            return
        time.sleep(0.1)
    message = _log_text(server.log)
    ended = server.process.poll() is not None
    if ended and "in use" in message:
        raise _PortTakenError(
            f"the SPARQL server did not start on {host}:{port}: {message}",
            f"pick another port with --port (port {port} is taken), or --port 0 for any free port",
        )
    state = "it ended" if ended else f"it did not answer within {READY_WITHIN_S:.0f} s"
    raise StoreError(
        f"the SPARQL server did not start on {host}:{port} ({state}): {message}",
        "check the store folder, or rebuild it with 'claimgraph build --store DIR'",
    )


def _identity(pid: int) -> str | None:
    """``pid`` and its start time, or None when no such process runs (without /proc: pid)."""
    stat = Path(f"/proc/{pid}/stat")
    if not Path("/proc/self/stat").is_file():
        return str(pid)
    try:
        return f"{pid} {stat.read_text().rsplit(')', 1)[1].split()[19]}"
    except (OSError, IndexError):
        return None


def remove_abandoned_runs(parent: Path | None = None) -> list[Path]:
    """Remove the run folders of servers whose process no longer runs; returns them."""
    removed = []
    for folder in Path(parent or tempfile.gettempdir()).glob(f"{RUN_PREFIX}*"):
        try:
            owner = (folder / OWNER).read_text().strip()
        except OSError:  # not a run folder, or one being made right now
            continue
        pid = owner.split()[0]
        if pid.isdigit() and _identity(int(pid)) != owner:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def new_run_folder() -> Path:
    """A private temporary folder for one server's log and store, marked with its owner.

    Folders that servers killed earlier left behind are removed first."""
    remove_abandoned_runs()
    folder = Path(tempfile.mkdtemp(prefix=RUN_PREFIX))
    (folder / OWNER).write_text(f"{_identity(os.getpid())}\n")
    return folder


def start(
    options: ServeOptions, cleanup: list[Path] | None = None, folder: Path | None = None
) -> RunningServer:
    """Start the server as ``options`` say and wait until it answers queries.

    ``cleanup`` lists folders the server alone uses; ``stop()`` removes them. If start-up
    fails they are left to the caller. ``folder`` is the run folder for its log (by
    default a new one, removed with the server).
    """
    if options.read_only and (options.location is None or not options.location.is_dir()):
        raise StoreError(
            "no Oxigraph database here to serve",
            "build one with 'claimgraph build --store DIR'",
            options.location,
        )
    if not options.read_only:
        oxigraph_binary()
    own = folder is None
    run = new_run_folder() if folder is None else folder
    attempts = PORT_ATTEMPTS if options.port == 0 else 1
    log.info("starting the SPARQL endpoint on %s for %s", options.host, options.location)
    started = time.monotonic()
    try:
        for attempt in range(1, attempts + 1):
            port = options.port or free_port(options.host)  # port 0: any free port
            try:
                server = _launch(options, port, run)
            except _PortTakenError:
                if attempt == attempts:
                    raise
                continue
            server.cleanup.extend([*(cleanup or []), *([run] if own else [])])
            log.info("the endpoint answers at %s (%.1f s)", server.url, time.monotonic() - started)
            return server
    except BaseException:
        if own:
            shutil.rmtree(run, ignore_errors=True)
        raise
    raise AssertionError("unreachable")  # pragma: no cover


def serve_store(
    store_dir: Path,
    port: int = DEFAULT_PORT,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    front: FrontOptions | None = None,
) -> RunningServer:
    """Serve a store folder made by ``claimgraph build --store`` (its current generation)."""
    location = diskstore.generation(store_dir)
    return start(ServeOptions(location, port, timeout_s, front=front or FrontOptions()))


def serve_graph(
    nt_path: Path,
    port: int = DEFAULT_PORT,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    ontology: Path | None = paths.ONTOLOGY,
    front: FrontOptions | None = None,
) -> RunningServer:
    """Serve a built N-Triples file (and the ontology) from a temporary store."""
    folder = new_run_folder()
    log.info("loading %s into a temporary store to serve", nt_path)
    try:
        location = diskstore.replace_contents(folder / "store", nt_path, ontology)
        options = ServeOptions(location, port, timeout_s, front=front or FrontOptions())
        return start(options, cleanup=[folder], folder=folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
