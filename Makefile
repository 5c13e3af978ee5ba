# Two commands: `make run` serves the app on SQLite; `make test` runs the whole suite.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON_FOR_VENV := $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test test-clock lint types unit e2e openapi docs migration bench bench-scale wrk chromium dovecot clean

$(BIN)/python:
	@test -n "$(PYTHON_FOR_VENV)" || { echo "Followup needs Python 3.11 or newer." >&2; exit 1; }
	$(PYTHON_FOR_VENV) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/followup serve

test: $(VENV)/.installed-test chromium dovecot lint types
	$(BIN)/pytest -n 2 --dist loadgroup -m "not e2e" -q
	$(BIN)/pytest -m e2e -q

# The suite again with its present moved (CI runs this after `make test`): a year ahead of
# today, and just before Europe's clocks change on the two daylight-saving days. SQLite only.
CLOCK_LEGS ?= $(shell date -u -d '+1 year' +%Y-%m-%dT%H:%M:%SZ) 2027-03-28T00:30:00Z 2027-10-31T00:30:00Z
test-clock: $(VENV)/.installed-test
	@for present in $(CLOCK_LEGS); do \
		echo "== the tests' present moved to $$present"; \
		FOLLOWUP_TEST_DATABASES=sqlite $(BIN)/pytest -n 2 -m "not e2e and not live" -q \
			--present=$$present || exit 1; \
	done

lint: $(VENV)/.installed-test
	$(BIN)/ruff check backend tests bench
	$(BIN)/ruff format --check backend

types: $(VENV)/.installed-test
	$(BIN)/mypy

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "The browser tests need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium' (Debian/Ubuntu) and try again." >&2; \
			exit 1; \
		fi; \
	fi

# The mailbox tests run a real IMAP server (tests/mailserver.py): Debian's Dovecot.
DOVECOT ?= /usr/sbin/dovecot
dovecot:
	@if [ ! -x $(DOVECOT) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's dovecot-imapd for the mailbox tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null; \
		else \
			echo "The mailbox tests need Dovecot at $(DOVECOT): run 'sudo apt-get install dovecot-imapd' and try again." >&2; \
			exit 1; \
		fi; \
	fi

openapi: $(VENV)/.installed-test
	$(BIN)/followup openapi --output openapi/openapi.json

# docs/drafts.md: every draft the engine writes for one application (a test checks it).
docs: $(VENV)/.installed-run
	$(BIN)/followup examples --output docs/drafts.md

# Usage: make migration m="what it changes"
migration: $(VENV)/.installed-test
	rm -f /tmp/followup-autogen.db
	FOLLOWUP_DATABASE_URL=sqlite:////tmp/followup-autogen.db $(BIN)/alembic upgrade head
	FOLLOWUP_DATABASE_URL=sqlite:////tmp/followup-autogen.db $(BIN)/alembic revision --autogenerate -m "$(m)"

wrk:
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "The HTTP benchmarks need wrk: sudo apt-get install wrk" >&2; exit 1; }

bench: $(VENV)/.installed-test wrk
	$(BIN)/python bench/policy.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/next_actions.py
	$(BIN)/python bench/import.py
	$(BIN)/python bench/isolation.py

# A hosted instance's size on PostgreSQL (BENCH_POSTGRES_URL): about three minutes, so apart.
bench-scale: $(VENV)/.installed-test wrk
	$(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache test-artifacts
