"""Load the built graph into Virtuoso with its bulk loader (``claimgraph push --bulk``).

Virtuoso loads large files far faster through its bulk loader than through HTTP: the
file is put in a folder the server may read (one listed in ``DirsAllowed`` of its
``virtuoso.ini``), registered with ``ld_dir`` and loaded by ``rdf_loader_run``. The SQL runs
through Virtuoso's own client, ``isql-vt``, on the server's SQL port (1111 by default).
The named graph's old triples are deleted first, so loading twice replaces the graph.

``isql-vt`` exits 0 even when a statement fails, so its output is read: any ``*** Error``
line, or a file the loader marked with an error, fails the load with what Virtuoso said.
The password is given to ``isql-vt`` on its command line (it has no other way to take one),
where other users of the same machine can see it in the process list: the bulk path is
for a server on your own machine, with the folder shared between the two.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from builders import paths
from graph.errors import PushError
from graph.store.push import (
    Credentials,
    PushResult,
    check_graph_name,
    default_graph_name,
    write_body,
)

log = logging.getLogger(__name__)

ISQL = "isql-vt"
DEFAULT_ISQL_ADDRESS = "127.0.0.1:1111"
DEFAULT_TIMEOUT_S = 3600.0
_DONE = "claimgraph-load"
_ADDRESS = re.compile(r"^[A-Za-z0-9.\-\[\]:]+:[0-9]{1,5}$")


@dataclass(frozen=True, slots=True)
class BulkTarget:
    """Where the bulk loader runs: the SQL address, and a folder the server may read."""

    folder: Path
    address: str = DEFAULT_ISQL_ADDRESS


def _sql_text(text: str) -> str:
    """``text`` as an SQL string literal."""
    if "\x00" in text:
        raise PushError(f"{text!r}: holds a NUL character, which SQL cannot take")
    return "'" + text.replace("'", "''") + "'"


def _script(graph: str, folder: Path, name: str) -> str:
    path = folder / name
    return "\n".join(
        [
            f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({_sql_text(graph)});",
            f"DELETE FROM DB.DBA.load_list WHERE ll_file = {_sql_text(str(path))};",
            f"ld_dir({_sql_text(str(folder))}, {_sql_text(name)}, {_sql_text(graph)});",
            "rdf_loader_run();",
            "checkpoint;",
            f"SELECT {_sql_text(_DONE)}, ll_state, ll_error FROM DB.DBA.load_list "
            f"WHERE ll_file = {_sql_text(str(path))};",
            f"DELETE FROM DB.DBA.load_list WHERE ll_file = {_sql_text(str(path))};",
            "",
        ]
    )


def check_output(address: str, output: str) -> None:
    """Raise PushError unless ``isql-vt``'s output shows the file loaded without error."""
    errors = [line.strip() for line in output.splitlines() if line.startswith("*** Error")]
    if errors:
        raise PushError(
            f"the bulk load failed: {errors[0]}",
            "for 'Bad login' check --user and CLAIMGRAPH_PUSH_PASSWORD; for "
            "'Access ... denied' give --bulk a folder listed in DirsAllowed of the server's "
            "virtuoso.ini; else read the server's log",
            f"Virtuoso at {address}",
        )
    done = [line.split() for line in output.splitlines() if line.startswith(_DONE)]
    if not done or done[0][1:] != ["2", "NULL"]:
        state = " ".join(done[0][1:]) if done else "no state"
        raise PushError(
            f"the bulk loader did not load the file ({state})",
            "check that --bulk names a folder the server itself can read (the "
            "same path on the server's machine), then read the server's log",
            f"Virtuoso at {address}",
        )


def bulk_load(
    target: BulkTarget,
    nt_path: Path,
    graph: str | None = None,
    ontology: Path | None = paths.ONTOLOGY,
    credentials: Credentials | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> PushResult:
    """Replace the named graph with the built graph and the ontology, by the bulk loader."""
    name = default_graph_name() if graph is None else check_graph_name(graph)
    if not _ADDRESS.match(target.address):
        raise PushError(
            f"--isql {target.address!r} is not HOST:PORT",
            f"give the server's SQL address, such as {DEFAULT_ISQL_ADDRESS}",
        )
    folder = target.folder.resolve()
    if not folder.is_dir():
        raise PushError(
            "no such folder",
            "give a folder listed in DirsAllowed of the server's virtuoso.ini",
            f"--bulk {target.folder}",
        )
    program = shutil.which(ISQL)
    if program is None:
        raise PushError(
            f"no '{ISQL}' on this machine, which the bulk load needs",
            "install Debian's virtuoso-opensource (it brings isql-vt), or push "
            "over HTTP without --bulk",
        )
    login = credentials or Credentials("dba", "dba")
    with tempfile.TemporaryDirectory(prefix="claimgraph-bulk-") as scratch:
        body, count = write_body(nt_path, ontology, Path(scratch))
        staged = Path(tempfile.mkstemp(prefix=".claimgraph-", suffix=".nt", dir=folder)[1])
        log.info(
            "bulk loading %s (%d triples with the ontology) into <%s> through %s at %s",
            nt_path,
            count,
            name,
            ISQL,
            target.address,
        )
        try:
            shutil.copyfile(body, staged)
            staged.chmod(0o644)  # the server may run as another user
            command = [program, target.address, login.user, login.password]
            try:
                done = subprocess.run(
                    command,
                    input=_script(name, folder, staged.name),
                    capture_output=True,
                    text=True,
                    timeout=timeout_s,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise PushError(
                    f"the bulk load took longer than {timeout_s:g} s and was stopped; "
                    "the graph may be partly loaded",
                    "give it more time with --timeout, then load again",
                    f"Virtuoso at {target.address}",
                ) from None
            check_output(target.address, done.stdout + "\n" + done.stderr)
            log.info("the bulk loader finished")
        finally:
            staged.unlink(missing_ok=True)
    return PushResult(endpoint=f"isql://{target.address}", graph=name, triples=count, status=0)
