# civic: the two set-up commands are `make run` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
PORT ?= 5000
BIN := $(VENV)/bin
FLASK := CIVIC_ENV=development $(BIN)/flask --app civic

.PHONY: install install-dev install-e2e run test i18n translations e2e bench resilience security clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compile the message catalogs (.mo files are build output, not kept in git).
translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d translations --statistics 2>&1 | grep -v "^compiling" || true

run: install translations
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install-dev translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Browser tests: Playwright drives Debian's Chromium (its own browser download cannot work here); axe-core comes
# from the npm registry; a CJK font lets screenshots show Japanese.
$(VENV)/.installed-e2e: pyproject.toml package.json | $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e '.[dev,e2e]'
	npm ci --no-audit --no-fund --silent
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || (apt-get update -qq && apt-get install -y -qq fonts-noto-cjk)
	touch $@

install-e2e: $(VENV)/.installed-e2e

e2e: install-e2e translations
	CIVIC_E2E=1 $(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

# Extract every message, update the catalogs, compile them. Then translate what `make check-translations` lists.
i18n: install
	$(BIN)/pybabel extract --ignore-dirs ".*" --no-location --sort-by-file -F translations/babel.cfg -k _l -k lazy_gettext \
		-o translations/messages.pot --project civic --copyright-holder "civic contributors" civic templates
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i translations/messages.pot -d translations
	$(BIN)/pybabel compile -d translations --statistics

# Benchmarks: a large SQLite database under bench/data/, gunicorn as in the README, wrk on localhost; writes
# bench/results.md. About 3 minutes on 2 cores.
bench: install translations
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m bench.run

# Security checks for CI: bandit on our code (skips explained in pyproject.toml), pip-audit on the installed
# environment. pip-audit needs PyPI's or OSV's vulnerability service. A vulnerability found fails the target; a
# service this machine cannot reach is reported loudly as "NOT AUDITED" (never as a pass) without failing CI.
$(VENV)/.installed-security: pyproject.toml | $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e '.[dev,security]'
	touch $@

security: $(VENV)/.installed-security
	$(BIN)/bandit -c pyproject.toml -r civic -q
	@$(BIN)/pip-audit --strict --skip-editable --progress-spinner off > .pip-audit.log 2>&1; status=$$?; \
	cat .pip-audit.log; \
	if [ $$status -eq 0 ]; then echo "pip-audit: no known vulnerabilities"; \
	elif grep -q "known vulnerabilit" .pip-audit.log; then echo "pip-audit: vulnerable packages, see above" >&2; exit 1; \
	else echo "pip-audit: NOT AUDITED: the vulnerability service could not be reached from this machine" >&2; fi; \
	rm -f .pip-audit.log

# Resilience: overbooking (SQLite and PostgreSQL), a database outage behind a local proxy, SIGKILL during writes.
# Needs PostgreSQL on 127.0.0.1:5432 (BENCH_POSTGRES); creates and drops civic_bench_* databases only.
resilience: install translations
	$(BIN)/python -m bench.overbooking
	$(BIN)/python -m bench.kill_during_writes
	$(BIN)/python -m bench.db_outage

clean:
	rm -rf $(VENV) .pytest_cache
