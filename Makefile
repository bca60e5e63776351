# Two commands on a fresh machine with Python 3.11+:
#   make run    set up .venv, install, start the app on the bundled data
#   make test   set up .venv with the test extras, lint, run every test (in parallel, one worker per core)
#   make test-fast   the fast part only: no browser, no PostgreSQL, no LibreOffice, no processes started
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast setup setup-test lint bench contract
FAST := not slow and not browser and not postgres and not libreoffice

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .

setup-test: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"

run: setup
	$(BIN)/streamlit run app.py --server.port $(PORT)

lint: setup-test
	$(BIN)/ruff check src tests benchmarks views app.py
	$(BIN)/ruff format --check src tests benchmarks views app.py

test: setup-test lint
	$(BIN)/python -m pytest -n auto

test-fast: setup-test lint
	$(BIN)/python -m pytest -n auto -m "$(FAST)"

contract: setup
	$(BIN)/python ../shared/contract/check_contract.py $(VENV)

# make bench [PEER=dir]: the store and page-script benchmarks; with PEER (a checkout of
# streamlit/gdp-dashboard-template, PEER_PYTHON its venv's python) also the browser benchmark against it
bench: setup-test
	$(BIN)/python benchmarks/run.py
	$(if $(PEER),$(BIN)/python benchmarks/browser_bench.py --peer $(PEER) $(if $(PEER_PYTHON),--peer-python $(PEER_PYTHON)))
