"""Push the built graph into a remote triple store with the SPARQL 1.1 Graph Store Protocol.

One ``PUT {endpoint}?graph={IRI}`` with the N-Triples of the built graph and the
vocabulary replaces that named graph as a whole, so pushing twice leaves the same graph,
not two copies. Any store that implements the protocol takes it; the endpoint is its
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
import http.client
import re
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from builders import paths
from builders.errors import PushError
from builders.iris import Minter
from graph.namespace import DEFAULT_BASE
from graph.store import require_built_graph

NTRIPLES = "application/n-triples"
DEFAULT_TIMEOUT_S = 600.0
ENDPOINT_EXAMPLES = (
    "Oxigraph http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data, "
    "GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service"
)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_GRAPH_PARAMETERS = ("graph", "default")


def default_graph_name(base: str = DEFAULT_BASE) -> str:
    """The named graph a push replaces unless told another.

    It is minted under ``base``; a graph built with another ``claimgraph build --base``
    is pushed under that base with ``claimgraph push --base`` (or named with ``--graph``).
    """
    try:
        return str(Minter(base).dataset_graph())
    except ValueError as exc:
        raise PushError(
            f"--base: {exc}\n  how to fix: give the base the graph was built with"
        ) from None


@dataclass(frozen=True, slots=True)
class Credentials:
    """A user name and password for HTTP Basic authentication."""

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
    return PushError(f"{_redacted(endpoint)}: {problem}\n  how to fix: {fix}")


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
            "drop it from the URL and name the graph with --graph IRI",
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
            f"--graph {graph!r} is not an absolute IRI ({problem})\n"
            "  how to fix: name the graph with a full IRI such as "
            "https://example.org/graph/claims (or leave --graph out for the default, "
            f"{default_graph_name()})"
        )
    return graph


def _body(nt_path: Path, ontology: Path | None, folder: Path) -> tuple[Path, int]:
    """One N-Triples file holding the built graph and the ontology, and its triple count."""
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
                triples = ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE)
                ox.serialize(triples, out, format=ox.RdfFormat.N_TRIPLES)
        current = nt_path
        count = sum(1 for _ in ox.parse(path=str(body), format=ox.RdfFormat.N_TRIPLES))
    except (SyntaxError, OSError) as exc:
        raise PushError(
            f"{current}: cannot be read as RDF, nothing was sent: {exc}\n"
            "  how to fix: rebuild the graph with 'claimgraph build' (or pass --nt the "
            "N-Triples file it wrote), then push again"
        ) from None
    return body, count


def _failure(endpoint: str, error: urllib.error.HTTPError) -> PushError:
    endpoint = _redacted(endpoint)
    detail = error.read(500).decode("utf-8", errors="replace").strip()
    said = f"HTTP {error.code} {error.reason}" + (f": {detail}" if detail else "")
    if error.code in (401, 403):
        return PushError(
            f"{endpoint}: the store refused the write ({said})\n"
            "  how to fix: push to a store that accepts writes (not a read-only server), "
            "with --user and the CLAIMGRAPH_PUSH_PASSWORD variable if it asks for a login"
        )
    if error.code in (404, 405):
        return PushError(
            f"{endpoint}: this URL does not take Graph Store Protocol writes ({said})\n"
            f"  how to fix: give the store's Graph Store URL ({ENDPOINT_EXAMPLES})"
        )
    return PushError(
        f"{endpoint}: the store answered with an error ({said})\n"
        "  how to fix: read the store's log for the cause; the named graph may be unchanged "
        "or partly written, so push again once it is fixed"
    )


def push(
    endpoint: str,
    nt_path: Path,
    graph: str | None = None,
    ontology: Path | None = paths.ONTOLOGY,
    credentials: Credentials | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> PushResult:
    """Replace the named graph ``graph`` at ``endpoint`` with the built graph and ontology."""
    name = default_graph_name() if graph is None else check_graph_name(graph)
    url = request_url(endpoint, name)
    with tempfile.TemporaryDirectory(prefix="claimgraph-push-") as folder:
        body, count = _body(nt_path, ontology, Path(folder))
        headers = {"Content-Type": NTRIPLES, "Content-Length": str(body.stat().st_size)}
        if credentials is not None:
            headers["Authorization"] = credentials.header()
        with body.open("rb") as stream:
            request = urllib.request.Request(url, data=stream, headers=headers, method="PUT")
            try:
                with urllib.request.urlopen(request, timeout=timeout_s) as response:
                    status = int(response.status)
            except urllib.error.HTTPError as error:
                raise _failure(endpoint, error) from None
            except TimeoutError:
                raise PushError(
                    f"{_redacted(endpoint)}: the store did not answer within {timeout_s:g} s; "
                    "it may or may not have replaced the graph\n"
                    "  how to fix: check the store's log, then push again (a push replaces "
                    "the whole graph, so repeating it is safe)"
                ) from None
            except (urllib.error.URLError, OSError) as error:
                reason = getattr(error, "reason", error)
                raise PushError(
                    f"{_redacted(endpoint)}: cannot reach the store ({reason})\n"
                    "  how to fix: start the store, or check the host, port and path "
                    f"({ENDPOINT_EXAMPLES})"
                ) from None
            except (http.client.HTTPException, ValueError) as error:
                raise PushError(
                    f"{_redacted(endpoint)}: no HTTP answer from this address "
                    f"({type(error).__name__}: {error})\n"
                    f"  how to fix: give the store's Graph Store Protocol URL ({ENDPOINT_EXAMPLES})"
                ) from None
    return PushResult(endpoint=endpoint, graph=name, triples=count, status=status)
