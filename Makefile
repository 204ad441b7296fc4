# Two commands matter: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
FLASK  := $(BIN)/flask --app wsgi

.PHONY: run test test-sqlite test-postgres install install-dev messages translations serve bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed translations
install-dev: $(VENV)/.installed-dev translations

## Re-extract the Vietnamese source strings and merge them into every catalogue; then translate
## the new entries in moderation/translations/<lang>/LC_MESSAGES/messages.po and commit.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		-o moderation/translations/messages.pot moderation templates
	$(BIN)/pybabel update -i moderation/translations/messages.pot -d moderation/translations --no-fuzzy-matching \
		--ignore-obsolete

translations: $(VENV)/.installed
	@if ls moderation/translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel -q compile -d moderation/translations; fi

## Serve the product locally (development mode, SQLite, in-memory rate limits).
run: install
	APP_ENV=development $(FLASK) db upgrade
	APP_ENV=development $(FLASK) demo seed
	APP_ENV=development $(FLASK) bootstrap --host $(HOST) --port $(PORT)
	APP_ENV=development OUTBOX_IN_PROCESS=1 $(FLASK) run --host $(HOST) --port $(PORT)

## The whole suite: SQLite, and PostgreSQL beside it when TEST_DATABASE_URL is set (CI sets it).
## The two passes run side by side (each waits on servers, a browser, subprocesses much of the
## time), each into its own log under test-results/; a failed pass prints its whole log.
## Each pass includes a Schemathesis run against a live instance (tests/api/test_fuzz.py):
## about a minute (FUZZ_SECONDS), a new seed each run, printed; FUZZ_SEED=<seed> replays it.
test: install-dev
	@if [ -z "$$TEST_DATABASE_URL" ]; then $(BIN)/python -m pytest -q; else \
		mkdir -p test-results; \
		echo "== SQLite and PostgreSQL passes side by side: test-results/sqlite.log, test-results/postgresql.log =="; \
		$(BIN)/python -m pytest -q -p no:cacheprovider > test-results/sqlite.log 2>&1 & sqlite=$$!; \
		TEST_BACKEND=postgresql $(BIN)/python -m pytest -q -p no:cacheprovider -m "not sqlite_only" \
			> test-results/postgresql.log 2>&1 & postgresql=$$!; \
		wait $$sqlite; sqlite_rc=$$?; wait $$postgresql; postgresql_rc=$$?; \
		for pass in sqlite postgresql; do \
			eval rc=\$$$${pass}_rc; echo "== $$pass pass (exit $$rc) =="; \
			if [ $$rc -ne 0 ]; then cat test-results/$$pass.log; else tail -n 3 test-results/$$pass.log; fi; \
		done; \
		[ $$sqlite_rc -eq 0 ] && [ $$postgresql_rc -eq 0 ]; fi

## One pass alone.
test-sqlite: install-dev
	$(BIN)/python -m pytest -q

test-postgres: install-dev
	TEST_BACKEND=postgresql $(BIN)/python -m pytest -q -m "not sqlite_only"

## Topology benchmark (docs/deploy.md): PostgreSQL + Redis with two instances, SQLite with one, moderator
## latency on 1M comments; creates and drops its own database (BENCH_ADMIN_URL, BENCH_REDIS_URL).
.PHONY: bench-topology bench-no-loss
bench-topology: install
	$(BIN)/python bench/topology.py

## The no-loss check of tests/topology at full size (NO_LOSS_SUBMISSIONS, default 20000).
bench-no-loss: install-dev
	$(BIN)/python bench/no_loss.py --submissions $${NO_LOSS_SUBMISSIONS:-20000}

## Production mode locally: gunicorn with gunicorn.conf.py (set SECRET_KEY, DATABASE_URL, ...).
serve: install
	$(FLASK) db upgrade
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

## Counts benchmark (bench/README.md): seeds 100k articles / 1M comments once, gunicorn as in production.
bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache
