# Two commands for a fresh machine with Python 3.11+:
#   make run    set up .venv and open the bundled articles
#   make test   set up .venv and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lock clean

# Exact versions from requirements.lock, then the project itself on top of them.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --editable ".[test]"
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
	$(BIN)/python bench/long_article.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/first_launch.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/cache.py
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/feeds_folder.py
	$(BIN)/python bench/session.py

# Resolve pyproject.toml's dependencies afresh in a clean venv (the interpreter's own pip) and pin them.
lock:
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet ".[test]"
	head -3 requirements.lock > build/requirements.lock
	build/lock-venv/bin/python -m pip freeze --exclude newsreader >> build/requirements.lock
	mv build/requirements.lock requirements.lock
	rm -rf build/lock-venv

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
