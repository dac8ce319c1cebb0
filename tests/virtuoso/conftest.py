"""A throw-away Virtuoso server for the tests of this folder, started once per session.

Without Debian's virtuoso-opensource (``make`` installs it when run as root) these tests
skip, unless CLAIMGRAPH_REQUIRE_VIRTUOSO=1 (set by CI), which makes them fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bench import virtuoso

REQUIRE = "CLAIMGRAPH_REQUIRE_VIRTUOSO"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[virtuoso.Virtuoso]:
    if virtuoso.programs() is None:
        message = "no virtuoso-t/isql-vt: run 'make' as root (apt-get install virtuoso-opensource)"
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{REQUIRE}=1 but {message}")
        pytest.skip(message)
    with virtuoso.running(tmp_path_factory.mktemp("virtuoso")) as running:
        yield running
