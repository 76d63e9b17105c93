# pilotbot — `make run` starts the server, `make test` runs the tests; both set themselves up.
# `make run` installs only what serving needs (quick on a fresh machine); torch, Playwright, the test tools
# and axe-core (the accessibility checker the browser tests inject) come with `make setup` / `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
RUN_STAMP := $(VENV)/.installed-run
STAMP  := $(VENV)/.installed
PILOTBOT := $(VENV)/bin/pilotbot
AXE_VERSION := 4.14.1
AXE    := .tools/node_modules/axe-core/axe.min.js

.PHONY: setup setup-run run test lint eval bench axe clean

setup: $(STAMP) $(AXE)

setup-run: $(RUN_STAMP)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e ".[postgres]"
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	# CPU torch from the local wheel first, so sentence-transformers does not pull a CUDA build.
	$(PIP) install --quiet "torch==2.13.0"
	$(PIP) install --quiet -e ".[dev,st,st-test]"
	touch $(RUN_STAMP) $(STAMP)

# axe-core from npm into a git-ignored folder; the browser tests skip the audit only if npm is missing.
axe: $(AXE)

$(AXE):
	@if command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix .tools "axe-core@$(AXE_VERSION)"; \
	else echo "npm not found: browser tests will not run axe-core (apt-get install npm)"; fi

run: setup-run
	$(PILOTBOT) serve --host 127.0.0.1 --port 8000  # builds the index first if it is missing

test: setup
	$(PY) -m ruff check .
	$(PY) -m pytest -q

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

eval: setup
	$(PY) -m eval.run

bench: setup
	$(PY) -m eval.bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache data .tools
