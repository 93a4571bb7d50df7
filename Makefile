# handoutkit: `make export` builds every output, `make test` runs every test (README, Quick start).
# Both set up what they need first: Debian packages (scripts/install-system-packages.sh), a .venv with
# the pinned Python packages (requirements.lock), and for tests the validators (scripts/install-validators.sh).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: export test system setup validators lint format previews bench clean help

help:
	@echo "make export   build every format of every handout in every language into output/"
	@echo "make test     run the linters and the whole test suite (validators included)"
	@echo "make lint     ruff, the mypy type check and the import contracts (make test runs them first)"
	@echo "make previews render page 1 and the last page of every PDF to previews/*.png"
	@echo "make bench    run the benchmarks against pandoc and bare WeasyPrint"

export: setup
	$(PY) export.py

# Tests keep compiled bytecode outside the source tree (PYTHONPYCACHEPREFIX; benchmarks/run.py does the same),
# even where the environment sets PYTHONDONTWRITEBYTECODE: otherwise pytest and every Python process a test
# starts compile every module they import again (seconds per process for WeasyPrint and the validators).
PYCACHE := $(CURDIR)/.pytest_cache/pycache
# pytest-xdist workers (tests/conftest.py builds the real outputs once for all of them); 0 runs in one process.
TEST_WORKERS ?= 2
TEST_ENV := env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(PYCACHE)

test: lint validators
	$(TEST_ENV) $(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadscope

system:
	@scripts/install-system-packages.sh
	@scripts/install-fonts.sh

setup: system $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

validators: setup
	@scripts/install-validators.sh

# mypy (strict) and the import contracts are configured in pyproject.toml ([tool.mypy], [tool.importlinter]).
lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

previews: export
	$(PY) scripts/preview_pdfs.py

# make bench BENCH_ARGS=--quick: 1 and 10 handouts, fewer runs; benchmarks/run.py --help lists the rest.
bench: setup
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf output previews .pytest_cache .mypy_cache .import_linter_cache
