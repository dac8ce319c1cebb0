# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
TESTING := $(VENV)/.test-installed
MESH ?= ../mesh

.PHONY: demo test lint typecheck unit build clean browser gazetteer model virtuoso lock

PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Every package comes from a lock (exact versions and hashes); the project itself goes in
# editable, built with the locked setuptools (no build isolation, nothing unlocked).
$(RUNTIME): pyproject.toml requirements/runtime.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements/runtime.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(TESTING): pyproject.toml requirements/test.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements/test.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@ $(RUNTIME)

## lock: re-resolve requirements/{runtime,test}.txt from pyproject.toml's ranges (pip-tools
## in a venv of its own, .lock-venv/); commit both files, then `make test`
LOCK_VENV := .lock-venv
COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	--all-build-deps --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.4.1
	$(COMPILE) --upgrade -o requirements/runtime.txt pyproject.toml
	$(COMPILE) --upgrade --extra test -o requirements/test.txt pyproject.toml

## model: train the shipped parser (builders/ingest/model/en_ewt_parser) from a git directory
## of UD English-EWT (UD_EWT=path; any clone, or the snapshot the project was built from);
## about an hour on two free cores; writes builders/ingest/model/metrics.json
UD_EWT ?= ../UD_English-EWT/.git
STEPS ?= 14000
model: $(RUNTIME)
	$(BIN)/python -m builders.ingest.training --treebank $(UD_EWT) --steps $(STEPS)

## gazetteer: regenerate data/vocabulary/gazetteer/{mesh,us-states,countries}.tsv from a
## dhimmel/mesh snapshot (MESH=folder or tree-numbers.tsv) and the pinned us and pycountry
gazetteer: $(TESTING)  # the test lock has the pinned us and pycountry
	$(BIN)/python -m builders.ingest.gazetteer_generate --mesh $(MESH)

## demo: build the seed graph into out/ and answer one named query
demo: $(RUNTIME)
	$(BIN)/claimgraph build
	$(BIN)/claimgraph query claims-about-substance --param substance=kratom

## test: lint, type-check and run every test (notebooks included)
test: lint typecheck unit

lint: $(TESTING)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(TESTING)
	$(BIN)/mypy

unit: $(TESTING) browser virtuoso
	$(BIN)/python -m pytest

## browser: Debian's Chromium for the browser tests, installed when run as root; without it
## those tests skip (CI sets CLAIMGRAPH_REQUIRE_BROWSER=1, which makes them fail instead)
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif ! command -v apt-get >/dev/null; then \
		echo "no /usr/bin/chromium and no apt-get: the browser tests will skip"; \
	elif [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "no /usr/bin/chromium: the browser tests will skip (sudo apt-get install chromium)"; fi

## virtuoso: Debian's Virtuoso Open Source 7 for the triple-store tests, installed when run as
## root; without it those tests skip (CI sets CLAIMGRAPH_REQUIRE_VIRTUOSO=1: they fail instead).
## The tests start their own server on loopback ports; no system service is used.
virtuoso:
	@if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then :; \
	elif ! command -v apt-get >/dev/null; then \
		echo "no virtuoso-t and no apt-get: the Virtuoso tests will skip"; \
	elif [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then \
		echo "installing Debian's virtuoso-opensource for the Virtuoso tests"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; \
	else echo "no virtuoso-t: the Virtuoso tests will skip (sudo apt-get install virtuoso-opensource)"; fi

build: $(RUNTIME)
	$(BIN)/claimgraph build

clean:
	rm -rf out $(VENV) .pytest_cache .mypy_cache .ruff_cache
