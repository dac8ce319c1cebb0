"""The endpoint against real headless Chromium: its query page, and a hostile local page."""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph import api
from graph.query.catalogue import catalogue
from graph.serve import server


@pytest.fixture(scope="module")
def endpoint(seed_out: Path) -> Iterator[server.RunningServer]:
    with api.serve(nt_path=seed_out / "claims.nt", port=0) as running:
        yield running


def answers(running: server.RunningServer) -> bool:
    query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    with urllib.request.urlopen(f"{running.query_url}?{query}", timeout=30) as response:
        return bool(json.loads(response.read())["boolean"])


def test_the_query_page_runs_a_catalogue_tab_without_leaving_the_machine(
    browser: Any, endpoint: server.RunningServer
) -> None:
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda sent: requested.append(sent.url))
    errors: list[str] = []

    def console(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", console)
    try:
        page.goto(f"{endpoint.url}/")
        tabs = page.locator("nav button")
        assert tabs.count() == len(catalogue()) + 1
        page.get_by_role("tab", name="claims-about-substance").click()
        assert page.locator("#question").inner_text() == (
            catalogue()["claims-about-substance"].question
        )
        assert 'VALUES (?substance) { ("kratom") }' in page.locator("#query").input_value()
        page.get_by_role("button", name="Run").click()
        page.wait_for_selector("#results table tr:nth-child(2)", timeout=30_000)
        header = page.locator("#results th").all_inner_texts()
        assert header[:3] == ["substance", "claim", "role"]
        cells = page.locator("#results td").all_inner_texts()
        assert "kratom" in cells
    finally:
        page.close()
    own = urllib.parse.urlsplit(endpoint.url).netloc
    assert requested and all(urllib.parse.urlsplit(u).netloc == own for u in requested)
    assert errors == []


def test_an_img_tag_on_a_local_page_cannot_bring_the_endpoint_down(
    browser: Any, endpoint: server.RunningServer, tmp_path: Path
) -> None:
    deep = "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000
    target = f"{endpoint.query_url}?{urllib.parse.urlencode({'query': deep})}"
    hostile = tmp_path / "hostile.html"
    hostile.write_text(
        f'<!DOCTYPE html><img id="probe" src="{target}"'
        ' onerror="document.body.dataset.done = 1" onload="document.body.dataset.done = 1">',
        encoding="utf-8",
    )
    page = browser.new_page()
    try:
        with page.expect_response(lambda response: response.url.startswith(endpoint.url)) as got:
            page.goto(hostile.as_uri())
        response = got.value
        assert response.status == 400
        assert not [h for h in response.headers if h.startswith("access-control-")]
        page.wait_for_selector("body[data-done='1']", timeout=30_000)
    finally:
        page.close()
    time.sleep(0.2)
    log = endpoint.log.read_text(encoding="utf-8")
    assert " GET /query 400 " in log and "nests deeper" in log  # it came, and was refused
    assert endpoint.process.poll() is None and answers(endpoint)
