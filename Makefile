# The two commands of the README: `make demo` and `make test`. Both create their own
# virtual environment and install cmo into it, so they work on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= demo-project

.PHONY: demo test install lint bench clean demo-build

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	# deduce builds its name and place lookup tables once per install (offline, ~1-3 min);
	# do it here rather than inside the first pseudonymise command.
	$(BIN)/python -c "from deduce import Deduce; Deduce()"
	touch $(STAMP)

install: $(STAMP)

demo-build: $(STAMP)
	$(BIN)/python -m cmo.commands.demo --force $(DEMO)

demo: demo-build
	$(BIN)/cmo open $(DEMO)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check cmo tests bench
	$(BIN)/ruff format --check cmo tests bench
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache
