# One target per job; CI runs `make test` (lint, typecheck, every test) through .ci/run.
# Installs come from the lock files (exact versions); `make lock` refreshes them on purpose.
VENV ?= .venv
BIN = $(VENV)/bin
PYTHON ?= python3
PIP_VERSION = 26.3

.PHONY: run test lint typecheck check docs lock clean

$(BIN)/rechain: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q pip==$(PIP_VERSION)
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev: $(BIN)/rechain requirements-dev.lock
	$(BIN)/pip install -q -r requirements-dev.lock
	touch $@

run: $(BIN)/rechain          ## build the embedded store from the bundled data and summarise it
	$(BIN)/rechain up

test: lint typecheck         ## install everything the tests need; lint, typecheck and run every test
	scripts/install-system-deps.sh
	$(BIN)/pytest -n 2 -q

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests

typecheck: $(VENV)/.dev
	$(BIN)/mypy src/rechain

check: test                  ## the same as test (kept for habit)

docs: $(VENV)/.dev           ## regenerate docs/cli.md from --help
	$(BIN)/python scripts/make_cli_docs.py > docs/cli.md

lock:                        ## refresh requirements*.lock from pyproject.toml's ranges
	PYTHON=$(PYTHON) scripts/lock.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
