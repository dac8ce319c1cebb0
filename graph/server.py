"""The SPARQL endpoint: the real Oxigraph server, read-only, on the loopback interface.

``claimgraph serve`` runs ``oxigraph serve-read-only`` (the ``oxigraph`` package on PyPI
installs it beside Python) on a store folder, or on a temporary store made from the
built N-Triples file. The server speaks the SPARQL 1.1 Protocol at ``/query`` (GET and
POST; JSON, XML, CSV or TSV results chosen by the Accept header), serves a YASGUI query
page and its scripts from itself at ``/`` (so it works offline), cancels queries that run
past the time-out, and answers every update or Graph Store write with 403 Forbidden.

A server counts as started only when its own process is alive, listens on the port and
answers a query, so a port that another server holds is an error, never a silent switch to
that server. With port 0 a free port is chosen, and chosen again if another program takes
it first. If start-up fails or is interrupted (Ctrl-C, SIGTERM, SIGHUP), the server process, its
log and any temporary store are removed before the error goes on; on Linux the server is
also told to stop if the Python thread that started it ends without stopping it.
"""

from __future__ import annotations

import ctypes
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType

from builders import paths
from builders.errors import StoreError
from graph import diskstore

HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
READY_WITHIN_S = 30.0
STOP_WITHIN_S = 10.0
PORT_ATTEMPTS = 5  # with port 0: how often to pick another free port if one is taken
_PR_SET_PDEATHSIG = 1
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)  # besides Ctrl-C: a kill, a closed terminal


def oxigraph_binary() -> Path:
    """The ``oxigraph`` executable installed with this Python (or found on PATH)."""
    beside = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError(
            "the Oxigraph server is not installed (no 'oxigraph' program)\n"
            "  how to fix: pip install oxigraph (claimgraph's dependencies include it)"
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
        raise StoreError(f"the Oxigraph server stopped by itself (exit code {code}): {message}")

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


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, a function for ``preexec_fn`` that makes the child get SIGTERM when this
    thread ends (so a killed ``claimgraph serve`` leaves no server behind)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def _in_child() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return _in_child


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


def _launch(binary: Path, options: ServeOptions, port: int) -> RunningServer:
    """Run the server on ``port`` and wait until it answers; stop it on any failure."""
    command = [
        str(binary),
        "serve-read-only" if options.read_only else "serve",
        *(["--location", str(options.location)] if options.location is not None else []),
        "--bind",
        f"{options.host}:{port}",
        "--timeout-s",
        str(options.timeout_s),
    ]
    handle, name = tempfile.mkstemp(prefix="claimgraph-serve-", suffix=".log")
    log = Path(name)
    process: subprocess.Popen[bytes] | None = None
    try:
        with os.fdopen(handle, "wb") as sink:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=sink,
                preexec_fn=_die_with_parent(),
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
            f"the Oxigraph server did not start on {host}:{port}: {message}\n"
            f"  how to fix: pick another port with --port (port {port} is taken), "
            "or --port 0 for any free port"
        )
    state = "it ended" if ended else f"it did not answer within {READY_WITHIN_S:.0f} s"
    raise StoreError(
        f"the Oxigraph server did not start on {host}:{port} ({state}): {message}\n"
        "  how to fix: check the store folder, or rebuild it with "
        "'claimgraph build --store DIR'"
    )


def start(options: ServeOptions, cleanup: list[Path] | None = None) -> RunningServer:
    """Start the Oxigraph server as ``options`` say and wait until it answers queries.

    ``cleanup`` lists folders the server alone uses; ``stop()`` removes them. If start-up
    fails they are left to the caller.
    """
    if options.read_only and (options.location is None or not options.location.is_dir()):
        raise StoreError(
            f"{options.location}: no Oxigraph database here to serve\n"
            "  how to fix: build one with 'claimgraph build --store DIR'"
        )
    binary = oxigraph_binary()
    attempts = PORT_ATTEMPTS if options.port == 0 else 1
    for attempt in range(1, attempts + 1):
        port = options.port or free_port(options.host)  # port 0: any free port
        try:
            server = _launch(binary, options, port)
        except _PortTakenError:
            if attempt == attempts:
                raise
            continue
        server.cleanup.extend(cleanup or [])
        return server
    raise AssertionError("unreachable")  # pragma: no cover


def serve_store(
    store_dir: Path, port: int = DEFAULT_PORT, timeout_s: int = DEFAULT_TIMEOUT_S
) -> RunningServer:
    """Serve a store folder made by ``claimgraph build --store`` (its current generation)."""
    return start(ServeOptions(diskstore.generation(store_dir), port, timeout_s))


def serve_graph(
    nt_path: Path,
    port: int = DEFAULT_PORT,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    ontology: Path | None = paths.ONTOLOGY,
) -> RunningServer:
    """Serve a built N-Triples file (and the ontology) from a temporary store."""
    oxigraph_binary()  # before anything is written
    folder = Path(tempfile.mkdtemp(prefix="claimgraph-serve-"))
    try:
        location = diskstore.replace_contents(folder / "store", nt_path, ontology)
        return start(ServeOptions(location, port, timeout_s), cleanup=[folder])
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
