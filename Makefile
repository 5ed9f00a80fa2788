# The two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test test-fast bench setup clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

## make run: install, migrate, load demo content on first run, then web + worker + beat in the foreground.
run: $(VENV)/.runtime
	$(BIN)/flask --app cms setup
	@echo "Serving on http://127.0.0.1:$${CMS_PORT:-5000} (Ctrl-C stops web, worker and beat)"
	exec $(BIN)/honcho start -f Procfile

## make test: install (with dev requirements) and run the whole suite.
test: $(VENV)/.dev
	$(BIN)/python -m pytest

## make bench: the benchmarks under bench/ (see bench/README.md or the README's Performance section).
## CMS_BENCH_DATABASE_URL / CMS_BENCH_BROKER_URL / CMS_BENCH_REDIS_URL: run them on PostgreSQL / Redis (emptied by every run).
bench: $(VENV)/.dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache
