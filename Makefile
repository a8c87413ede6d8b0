# Two commands do all the set-up on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  ## check and update the bundled example sheet
	$(BIN)/factsheet check factsheet/data/examples/peru-2017.txt --as-of 2026-11-27; test $$? -le 1
	$(BIN)/factsheet update factsheet/data/examples/peru-2017.txt --as-of 2026-11-27

test: $(STAMP)  ## install with test dependencies and run the whole suite
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check factsheet tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
