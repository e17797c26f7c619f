# Yanbao: `make run` starts the service on SQLite, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-test migrate lint lint-extension bench browser-deps test-js \
	screenshots vocabulary catalog-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The extension's copy of the shared words and request limits, written from the service.
vocabulary: install
	$(BIN)/python -m server.schemas.extension_contract

migrate: install
	$(BIN)/flask --app server db upgrade
	$(BIN)/flask --app server reminders schedule

run: migrate
	YANBAO_DISPATCH_LOOP=on YANBAO_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py 'server:create_app()'

browser-deps:
	@bash scripts/ensure-chromium.sh
	@bash scripts/ensure-firefox.sh

# The extension's pure modules, on Node's own test runner (Node 18 or newer).
test-js:
	@command -v node >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		{ apt-get update -qq && apt-get install -y -qq nodejs; } >/dev/null 2>&1; } || true
	@if command -v node >/dev/null; then node --test extension/test/; \
	else echo "SKIPPED: the extension's Node tests need Node.js 18+ (Debian package 'nodejs')."; fi

test: install-test browser-deps test-js
	$(BIN)/ruff check .
	$(BIN)/pytest

# wrk (Debian) generates the HTTP load when it can be installed; otherwise a slower Python
# client does, and the figures say which.
bench: install-test browser-deps
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		{ apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null 2>&1; } || echo "NOTE: wrk not installed; using the Python load client"
	$(BIN)/python -m bench

lint: install-test
	$(BIN)/ruff check .

# The warranty catalog's data files: sources, band tables, longer terms never cheaper. `make
# test` runs the same check (tests/catalog/test_catalog_real_prices.py).
catalog-check: install
	$(BIN)/flask --app server catalog check

# web-ext from the npm registry, kept in extension/.tooling (git-ignored).
lint-extension:
	npm install --silent --no-audit --no-fund --prefix extension/.tooling web-ext
	cd extension && .tooling/node_modules/.bin/web-ext lint

screenshots: install-test browser-deps
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache extension/.tooling bench/results
