# pilotbot — `make run` starts the server, `make test` runs the tests; both set themselves up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
PILOTBOT := $(VENV)/bin/pilotbot

.PHONY: setup run test lint eval bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	# CPU torch from the local wheel first, so sentence-transformers does not pull a CUDA build.
	$(PIP) install --quiet "torch==2.13.0"
	$(PIP) install --quiet -e ".[dev,st,st-test]"
	touch $(STAMP)

run: setup
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
	rm -rf $(VENV) .pytest_cache .ruff_cache data
