# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

QUESTION ?= Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?

.PHONY: run ask test test-fast lint install ingest clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q chatbot  # bytecode up front: a cold CLI start need not compile the package
	touch $(STAMP)

install: $(STAMP)

## The main job: the chat service on the embedded default corpus (builds the index when needed).
run: $(STAMP)
	$(BIN)/chatbot serve

## A one-off question from the command line.
ask: $(STAMP)
	$(BIN)/chatbot ask "$(QUESTION)"

ingest: $(STAMP)
	$(BIN)/chatbot ingest

## The test suite (what CI runs): lint, format and type checks, then every test.
test: $(STAMP) browser postgres wordnet lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The quick loop: what needs neither the real model, the browser nor ../shared.
test-fast: $(STAMP) wordnet lint
	$(BIN)/python -m pytest -m "not model and not shared and not browser" $(PYTEST_ARGS)

## ruff (lint and format) and mypy, as configured in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check chatbot tests eval
	$(BIN)/ruff format --check chatbot tests eval
	$(BIN)/mypy

clean:
	rm -rf $(VENV) index/builds index/current

## The browser the widget tests drive: Debian's Chromium (Playwright downloads nothing).
.PHONY: browser
browser:
	command -v chromium >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); $$SUDO apt-get update && $$SUDO apt-get install -y chromium; }

## WordNet's noun database, which `pack init` reads for the other names of the drugs a publication names.
.PHONY: wordnet
wordnet:
	test -f /usr/share/wordnet/data.noun || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); $$SUDO apt-get update && $$SUDO apt-get install -y wordnet-base; }

## The PostgreSQL the store tests start as a throwaway cluster (initdb + pg_ctl, not the system service).
.PHONY: postgres
postgres:
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); $$SUDO apt-get update && $$SUDO apt-get install -y postgresql; }
