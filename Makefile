# Zelf aan het Werk: `make run` sets everything up and serves the app and its worker;
# `make test` sets everything up and runs every check. Both are safe to run again.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
FLASK := $(VENV)/bin/flask --app backend
PWA_SOURCES := $(shell find pwa/src pwa/public -type f 2>/dev/null) pwa/index.html pwa/vite.config.ts pwa/tsconfig.json pwa/package-lock.json

.PHONY: install build db run test lint typecheck test-backend test-pwa bench bench-autocomplete bench-api bench-selfie bench-open-hiring bench-vacancy-search bench-push bench-insights bench-matching bench-lighthouse clean

install: $(VENV)/.installed pwa/node_modules/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

pwa/node_modules/.installed: pwa/package-lock.json
	cd pwa && npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: install pwa/dist/index.html

pwa/dist/index.html: $(PWA_SOURCES) pwa/node_modules/.installed
	cd pwa && npm run build

# Migrate, load the reference data when it is missing, and create the demo accounts.
db: install
	$(FLASK) db upgrade
	$(FLASK) taxonomy import --if-missing
	$(FLASK) seed demo

run: build db
	$(VENV)/bin/honcho start -f Procfile

lint: install
	$(VENV)/bin/ruff check backend tests migrations
	$(VENV)/bin/ruff format --check backend tests migrations
	cd pwa && npm run lint

typecheck: install
	$(VENV)/bin/mypy
	cd pwa && npm run typecheck

test-pwa: install
	cd pwa && npm run test

test-backend: build
	$(VENV)/bin/pytest

test: build lint typecheck test-pwa test-backend

# Benchmarks: not part of `make test`. Figures go to docs/performance.md.
bench: bench-autocomplete bench-api bench-selfie bench-open-hiring bench-vacancy-search bench-push bench-insights bench-matching bench-lighthouse

bench-autocomplete: build
	$(VENV)/bin/python -m tests.bench.autocomplete

bench-api: build
	$(VENV)/bin/python -m tests.bench.api_throughput

bench-selfie: build
	$(VENV)/bin/python -m tests.bench.selfie_put

# Needs wrk (apt-get install -y wrk), like bench-api.
bench-open-hiring: build
	$(VENV)/bin/python -m tests.bench.open_hiring

bench-vacancy-search: build
	$(VENV)/bin/python -m tests.bench.vacancy_search

# One vacancy pushed to 10,000 devices on the local push service; 100,000 check-ins planned.
bench-push: build
	$(VENV)/bin/python -m tests.bench.push_fanout

# A publication over 100,000 jobseekers and 20,000 vacancies, and the region API's latency.
bench-insights: build
	$(VENV)/bin/python -m tests.bench.insights

# 100,000 jobseekers, 20,000 vacancies, 5,000 learning offers: matches, people to notify, advice.
bench-matching: build
	$(VENV)/bin/python -m tests.bench.matching

# Needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium); Lighthouse
# itself comes with `make install` (a devDependency of pwa/).
bench-lighthouse: build
	$(VENV)/bin/python -m tests.bench.lighthouse

clean:
	rm -rf $(VENV) pwa/node_modules pwa/dist
