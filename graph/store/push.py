"""Push the built graph into a remote triple store with the SPARQL 1.1 Graph Store Protocol.

``DELETE {endpoint}?graph={IRI}`` and then one ``PUT`` with the N-Triples of the built
graph and the vocabulary replace that named graph as a whole, so pushing twice leaves the
same graph, not two copies. Any store that implements the protocol takes it; the endpoint is its
Graph Store URL, for example:

- Oxigraph server: ``http://localhost:7878/store``
- Apache Jena Fuseki: ``http://localhost:3030/DATASET/data``
- GraphDB: ``http://localhost:7200/repositories/REPO/rdf-graphs/service``
- Virtuoso: ``http://localhost:8890/sparql-graph-crud-auth``

The body is streamed from a temporary file, so a large graph is never held in memory.
The endpoint is checked before anything is sent: a URL with a ``#fragment``, a ``graph=``
or ``default`` parameter of its own, or a user name and password in it is refused (the
first two would make the store replace another graph, or the whole dataset; the last
would echo the password in messages; use ``--user`` and the password variable instead).
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import logging
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

import pyoxigraph as ox
from rdflib import Graph

from builders import ntriples, paths
from builders.iris import Minter
from graph.errors import PushError
from graph.namespace import DEFAULT_BASE
from graph.store.memory import require_built_graph

log = logging.getLogger(__name__)

NTRIPLES = "application/n-triples"
DEFAULT_TIMEOUT_S = 600.0
PROGRESS_MIN_BYTES = 8 * 1024 * 1024  # smaller bodies go without a progress line
ENDPOINT_EXAMPLES = (
    "Oxigraph http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data, "
    "GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service"
)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_GRAPH_PARAMETERS = ("graph", "default")


def default_graph_name(base: str = DEFAULT_BASE) -> str:
    """The named graph a push replaces unless told another.

    It is minted under ``base``; a graph built with another ``claimgraph build --base``
    is pushed under that base with ``claimgraph push --base`` (or named with ``--graph-iri``).
    """
    try:
        return str(Minter(base).dataset_graph())
    except ValueError as exc:
        raise PushError(str(exc), "give the base the graph was built with", "--base") from None


@dataclass(frozen=True, slots=True)
class Credentials:
    """A user name and password, for HTTP Basic or Digest authentication."""

    user: str
    password: str = field(repr=False)

    def header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"


@dataclass(frozen=True, slots=True)
class PushResult:
    """What a push sent where, and what the store answered."""

    endpoint: str
    graph: str
    triples: int
    status: int


def _redacted(endpoint: str) -> str:
    """The endpoint with everything before its last ``@`` replaced by ``***``.

    A password may itself hold ``/``, ``?`` or ``#``, so the user part cannot be told
    from the path safely; an ``@`` later in the URL hides a little more than needed.
    """
    scheme, separator, rest = endpoint.partition("://")
    if not separator or "@" not in rest:
        return endpoint
    return f"{scheme}://***@{rest.rpartition('@')[2]}"


def _refuse(endpoint: str, problem: str, fix: str) -> PushError:
    return PushError(problem, fix, _redacted(endpoint))


def request_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL that replaces ``graph`` at ``endpoint``.

    The ``graph`` parameter is added to the endpoint's own query, if any; an endpoint that
    would send the request elsewhere (a fragment, its own ``graph=`` or ``default``) or
    that holds a password is refused, before anything is sent.
    """
    try:
        parts = urllib.parse.urlsplit(endpoint)
        host = parts.hostname
        _ = parts.port  # raises ValueError on a port that is not a number in range
    except ValueError:  # its text may quote a password, so it is not shown
        raise _refuse(
            endpoint,
            "not a valid URL (its port is not a number from 0 to 65535, or its host is malformed)",
            f"give a URL such as {ENDPOINT_EXAMPLES}",
        ) from None
    if parts.scheme not in ("http", "https") or not host:
        raise _refuse(
            endpoint,
            "not an http(s) URL",
            f"give the store's Graph Store Protocol URL ({ENDPOINT_EXAMPLES})",
        )
    if parts.username is not None or parts.password is not None:
        raise _refuse(
            endpoint,
            "the URL holds a user name or password, which would show in messages and logs",
            "drop 'user:password@' from the URL; pass --user NAME and set CLAIMGRAPH_PUSH_PASSWORD",
        )
    if parts.fragment or endpoint.endswith("#"):
        raise _refuse(
            endpoint,
            "the URL has a '#' fragment, so the graph name would not reach the store "
            "(which would then replace its default graph or whole dataset)",
            "drop the '#...' part of the URL",
        )
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    named = sorted({name for name, _ in query if name in _GRAPH_PARAMETERS})
    if named:
        raise _refuse(
            endpoint,
            f"the URL already names the graph to write ({', '.join(named)}=...)",
            "drop it from the URL and name the graph with --graph-iri IRI",
        )
    query.append(("graph", graph))
    return urllib.parse.urlunsplit(
        (parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), "")
    )


def check_graph_name(graph: str) -> str:
    """``graph`` if it is an absolute IRI (what a named graph is called), else PushError."""
    problem = None
    try:
        ox.NamedNode(graph)
    except ValueError as exc:
        problem = str(exc)
    if problem is None and not _SCHEME.match(graph):
        problem = "it has no scheme"
    if problem is not None:
        raise PushError(
            f"--graph-iri {graph!r} is not an absolute IRI ({problem})",
            "name the graph with a full IRI such as https://example.org/graph/claims (or "
            f"leave --graph-iri out for the default, {default_graph_name()})",
        )
    return graph


def write_body(nt_path: Path, ontology: Path | None, folder: Path) -> tuple[Path, int]:
    """One N-Triples file holding the built graph and the ontology, and its triple count.

    The built file is copied as it is; the ontology is written by ``builders.ntriples``.
    """
    require_built_graph(nt_path, PushError)
    body = folder / "body.nt"
    current = nt_path
    try:
        with body.open("wb") as out:
            with nt_path.open("rb") as data:
                shutil.copyfileobj(data, out)
            out.write(b"\n")  # the file's last line may lack its line end
            if ontology is not None:
                current = ontology
                out.write(ntriples.write(Graph().parse(ontology, format="turtle")))
        current = nt_path
        count = sum(1 for _ in ox.parse(path=str(body), format=ox.RdfFormat.N_TRIPLES))
    except (SyntaxError, OSError, TypeError, ValueError) as exc:
        raise PushError(
            f"cannot be read as RDF, nothing was sent: {exc}",
            "rebuild the graph with 'claimgraph build' (or pass --graph-file the N-Triples "
            "file it wrote), then push again",
            current,
        ) from None
    return body, count


def _failure(endpoint: str, error: urllib.error.HTTPError) -> PushError:
    detail = error.read(500).decode("utf-8", errors="replace").strip()
    said = f"HTTP {error.code} {error.reason}" + (f": {detail}" if detail else "")
    if error.code in (401, 403):
        return _refuse(
            endpoint,
            f"the store refused the write ({said})",
            "push to a store that accepts writes (not a read-only server), "
            "with --user and the CLAIMGRAPH_PUSH_PASSWORD variable if it asks for a login",
        )
    if error.code in (404, 405):
        return _refuse(
            endpoint,
            f"this URL does not take Graph Store Protocol writes ({said})",
            f"give the store's Graph Store URL ({ENDPOINT_EXAMPLES})",
        )
    return _refuse(
        endpoint,
        f"the store answered with an error ({said})",
        "read the store's log for the cause; the named graph may be unchanged "
        "or partly written, so push again once it is fixed",
    )


class _Progress:
    """The body file, read in blocks, with how much of it was sent shown on ``stream``."""

    def __init__(self, stream: BinaryIO, size: int, shown: TextIO | None) -> None:
        self.stream, self.size, self.shown = stream, size, shown
        self.sent = 0
        self.last_percent = -1

    def read(self, size: int = -1) -> bytes:
        block = self.stream.read(size)
        self.sent += len(block)
        if self.shown is not None:
            percent = self.sent * 100 // max(self.size, 1)
            if percent != self.last_percent:
                self.last_percent = percent
                end = "\n" if self.sent >= self.size else ""
                self.shown.write(
                    f"\rpush: sent {self.sent / 1e6:,.1f} of {self.size / 1e6:,.1f} MB "
                    f"({percent}%){end}"
                )
                self.shown.flush()
        return block


class _Session:
    """Requests to one Graph Store URL, answering the store's login challenge (Basic or Digest).

    Without credentials nothing is added. With them, a request without a body goes first
    without a login, and the store's ``WWW-Authenticate`` answer says how to log in: HTTP
    Digest (Virtuoso's ``/sparql-graph-crud-auth`` takes only that; Basic gets 401 there) or
    Basic. The body is sent only once the scheme is known, or with Basic when the store asked
    for nothing, so a large body is never sent twice.
    """

    def __init__(self, endpoint: str, url: str, credentials: Credentials | None, timeout_s: float):
        self.endpoint, self.url, self.credentials, self.timeout_s = (
            endpoint,
            url,
            credentials,
            timeout_s,
        )
        self.challenge: dict[str, str] | None = None
        self.digest: urllib.request.HTTPDigestAuthHandler | None = None
        self.asked = False  # the store answered a request without a login with 401

    def _learn(self, error: urllib.error.HTTPError) -> bool:
        """Take the store's Digest challenge from a 401; False when there is nothing to learn."""
        if self.credentials is None:
            return False
        offered = error.headers.get_all("WWW-Authenticate") or []
        for header in offered:
            scheme, _, rest = header.partition(" ")
            if scheme.lower() == "digest":
                chal = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
                if self.challenge is not None and chal.get("stale", "").lower() != "true":
                    return False  # a Digest login was sent and refused: it is wrong
                manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                user, password = self.credentials.user, self.credentials.password
                manager.add_password(None, self.url, user, password)
                self.challenge, self.digest = chal, urllib.request.HTTPDigestAuthHandler(manager)
                return True
        if offered and not self.asked:
            self.asked = True
            return True  # Basic (or another scheme): try once with Basic
        return False

    def _authorization(self, request: urllib.request.Request, has_body: bool) -> str | None:
        if self.credentials is None:
            return None
        if self.challenge is not None and self.digest is not None:
            answer = self.digest.get_authorization(request, self.challenge)
            return None if answer is None else f"Digest {answer}"
        if has_body or self.asked:
            return self.credentials.header()
        return None

    def send(self, method: str, body: Path | None = None, progress: TextIO | None = None) -> int:
        """The status of ``method`` on the URL.

        Any status answers GET (a probe for the login challenge) and 404 answers DELETE (no
        such graph yet); other error statuses raise PushError.
        """
        for _attempt in range(3):
            headers = {}
            if body is not None:
                size = body.stat().st_size
                headers = {"Content-Type": NTRIPLES, "Content-Length": str(size)}
            with contextlib.ExitStack() as stack:
                data = None
                if body is not None:
                    shown = progress if size >= PROGRESS_MIN_BYTES else None
                    data = _Progress(stack.enter_context(body.open("rb")), size, shown)
                request = urllib.request.Request(
                    self.url, data=data, headers=headers, method=method
                )
                login = self._authorization(request, body is not None)
                if login is not None:
                    request.add_unredirected_header("Authorization", login)
                try:
                    with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                        return int(response.status)
                except urllib.error.HTTPError as error:
                    if error.code == 401 and self._learn(error):
                        continue
                    if method == "GET" or (error.code == 404 and method == "DELETE"):
                        return error.code  # a probe, or no such graph yet
                    raise _failure(self.endpoint, error) from None
        raise PushError(f"{_redacted(self.endpoint)}: the store kept asking for a login")


def _send(session: _Session, method: str, body: Path | None, progress: TextIO | None) -> int:
    """``session.send`` with every network failure turned into a PushError that says what to do."""
    endpoint, timeout_s = session.endpoint, session.timeout_s
    try:
        return session.send(method, body, progress)
    except TimeoutError:
        raise _refuse(
            endpoint,
            f"the store did not answer within {timeout_s:g} s; "
            "it may or may not have replaced the graph",
            "check the store's log, then push again (a push replaces "
            "the whole graph, so repeating it is safe); a larger --timeout gives a slow "
            "store more time",
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise _refuse(
                endpoint,
                f"the store did not answer within {timeout_s:g} s",
                "check that the store runs, or give it more time with --timeout",
            ) from None
        raise _refuse(
            endpoint,
            f"cannot reach the store ({reason})",
            f"start the store, or check the host, port and path ({ENDPOINT_EXAMPLES})",
        ) from None
    except (http.client.HTTPException, ValueError) as error:
        raise _refuse(
            endpoint,
            f"no HTTP answer from this address ({type(error).__name__}: {error})",
            f"give the store's Graph Store Protocol URL ({ENDPOINT_EXAMPLES})",
        ) from None


def push(
    endpoint: str,
    nt_path: Path,
    graph: str | None = None,
    ontology: Path | None = paths.ONTOLOGY,
    credentials: Credentials | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    progress: TextIO | None = None,
    single_put: bool = False,
) -> PushResult:
    """Replace the named graph ``graph`` at ``endpoint`` with the built graph and ontology.

    The graph is deleted first and then written with one PUT: a PUT that replaces a large
    graph is very slow on some stores (Virtuoso: 53 s for 100k triples, against 2 s for
    DELETE and PUT). Between the two, the store holds no such graph. ``single_put`` sends
    only the PUT, which replaces the graph in one step where the store makes that atomic.
    ``timeout_s`` bounds each wait for the store; ``progress`` (a terminal, say) is shown
    how much of a large body has been sent.
    """
    name = default_graph_name() if graph is None else check_graph_name(graph)
    url = request_url(endpoint, name)
    session = _Session(endpoint, url, credentials, timeout_s)
    where = f"<{name}> at {_redacted(endpoint)}"
    with tempfile.TemporaryDirectory(prefix="claimgraph-push-") as folder:
        body, count = write_body(nt_path, ontology, Path(folder))
        log.info(
            "pushing %s with the ontology: %d triples, %d bytes",
            nt_path,
            count,
            body.stat().st_size,
        )
        if not single_put:
            log.info("deleting the graph %s", where)
            status = _send(session, "DELETE", None, None)
            log.info("DELETE answered %d", status)
        elif credentials is not None:  # learn how to log in before the body is sent
            _send(session, "GET", None, None)
        started = time.perf_counter()
        log.info("sending the graph %s (PUT)", where)
        status = _send(session, "PUT", body, progress)
        log.info("PUT answered %d after %.1f s", status, time.perf_counter() - started)
    return PushResult(endpoint=endpoint, graph=name, triples=count, status=status)
