# One target per job; CI runs `make test` through .ci/run.
VENV ?= .venv
BIN = $(VENV)/bin
PYTHON ?= python3

.PHONY: run test lint typecheck check docs clean

$(BIN)/rechain: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev: $(BIN)/rechain
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

run: $(BIN)/rechain          ## build the embedded store from the bundled data and summarise it
	$(BIN)/rechain up

test: $(VENV)/.dev           ## install everything the tests need and run them all
	scripts/install-system-deps.sh
	$(BIN)/pytest -n 2 -q

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests

typecheck: $(VENV)/.dev
	$(BIN)/mypy src/rechain

check: lint typecheck test

docs: $(VENV)/.dev           ## regenerate docs/cli.md from --help
	$(BIN)/python scripts/make_cli_docs.py > docs/cli.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
