# Two commands for a fresh machine with Python 3.11+:
#   make run    set up .venv and open the bundled articles
#   make test   set up .venv and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsreader

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/quotes.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/first_launch.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/cache.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
