# The README's quick start is `make run` and `make test`; everything else is for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults: DEBUG on and, unless DATABASE_URL is set, the embedded PostgreSQL.
export DEBUG ?= 1
export SECRET_KEY ?= dev-secret-key-not-for-production

.PHONY: run test test-fast lint format bench setup messages makemessages migrate demo check-migrations clean stop-db ci

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP) messages

messages: $(STAMP)
	$(PY) manage.py compile_translations

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py load_events_demo
	$(PY) manage.py load_grants_demo
	$(PY) manage.py load_facilities_demo
	$(PY) manage.py load_bookings_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: setup
	$(PY) manage.py makemigrations --check --dry-run

makemessages: $(STAMP)
	$(PY) manage.py makemessages -l fi -l sv -l en --ignore=.venv --ignore=.pgdata --ignore=tests --ignore=staticfiles --no-obsolete

bench: setup
	$(PY) tests/perf/bench_directory.py $(BENCH_ARGS)
	$(PY) tests/perf/bench_events.py $(EVENTS_BENCH_ARGS)
	$(PY) tests/perf/bench_grants.py $(GRANTS_BENCH_ARGS)
	$(PY) tests/perf/bench_facilities.py $(FACILITIES_BENCH_ARGS)

ci: lint check-migrations test

stop-db: $(STAMP)
	$(PY) -m yhdistystori.embedded_db stop

clean: stop-db
	rm -rf $(VENV) .pgdata staticfiles
