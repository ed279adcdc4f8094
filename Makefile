# The two commands of the README: `make demo` and `make test`. Both create their own
# virtual environment and install cmo into it, so they work on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= demo-project

.PHONY: demo test test-fast install lint bench clean demo-build docs system-packages

$(STAMP): pyproject.toml
	@bash scripts/system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	# deduce builds its name and place lookup tables once per install (offline, ~1-3 min),
	# and cmo keeps a reduced copy that loads in about a second; do both here rather
	# than inside the first pseudonymise command.
	$(BIN)/python -m cmo.analysis.name_finder
	touch $(STAMP)

install: $(STAMP)

demo-build: $(STAMP)
	$(BIN)/python -m cmo.commands.demo --force $(DEMO)

demo: demo-build
	$(BIN)/cmo open $(DEMO)

system-packages:
	@bash scripts/system-packages.sh

# All cores (pytest-xdist); each test module (and the browser and PostgreSQL folders) is
# one xdist_group that runs on one worker, in order (see tests/conftest.py).
XDIST := -n auto --dist loadgroup

test: $(STAMP) system-packages
	$(BIN)/python -m pytest $(XDIST)

test-fast: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "not slow and not postgres"

lint: $(STAMP)
	$(BIN)/ruff check cmo tests bench
	$(BIN)/ruff format --check cmo tests bench
	$(BIN)/lint-imports

docs: $(STAMP)
	$(BIN)/python -m cmo.docgen

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache
