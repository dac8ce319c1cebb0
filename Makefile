# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
TESTING := $(VENV)/.test-installed

.PHONY: demo test lint typecheck unit build clean

$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TESTING): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(RUNTIME)

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

unit: $(TESTING)
	$(BIN)/python -m pytest

build: $(RUNTIME)
	$(BIN)/claimgraph build

clean:
	rm -rf out $(VENV) .pytest_cache .mypy_cache .ruff_cache
