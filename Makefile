# The two commands: `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in admin emails and the login printed by the demo data follow where `make run` serves.
WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
# The virtualenv is stamped with the hash of what it was installed from: `make run` needs the shop's requirements,
# `make test` the shop's and the developers' (tests, linting, browser journeys, benchmarks); a changed file reinstalls.
INSTALLED := $(VENV)/.installed-run-$(shell cat requirements.txt | sha1sum | cut -c1-12)
DEV_INSTALLED := $(VENV)/.installed-test-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

# Services the PostgreSQL pass of the test suite talks to (the machine's own, by default).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/storefront
TEST_REDIS_URL ?= redis://127.0.0.1:6379/14
TEST_BROKER_URL ?= amqp://guest:guest@127.0.0.1:5672//
TEST_LOAD_REDIS_URL ?= redis://127.0.0.1:6379/13
PYTEST := $(BIN)/python -m pytest
# The suite runs in parallel processes (one test database each). `--dist load` hands tests out in
# pytest-django's order, so tests that flush the database (transactional) still run after the others.
PYTEST_WORKERS ?= 2
PARALLEL := -n $(PYTEST_WORKERS) --dist load
MO_FILES := $(patsubst %.po,%.mo,$(shell find locale */locale -name '*.po' 2>/dev/null))

.PHONY: run test install lint migrations-check messages compilemessages services test-sqlite test-postgres test-e2e test-load-smoke bench load clean

$(INSTALLED): requirements.txt
	@bin/system-deps || true
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-run-* && touch $@

# requirements-dev.txt includes requirements.txt: one install brings both, and stamps both.
$(DEV_INSTALLED): requirements.txt requirements-dev.txt
	@bin/system-deps || true
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-* && touch $(INSTALLED) $@

install: $(DEV_INSTALLED)

%.mo: %.po
	@$(BIN)/python -c "import polib, sys; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])" $< $@

compilemessages: $(INSTALLED) $(MO_FILES)

run: $(INSTALLED) compilemessages
	@bin/system-deps || echo "(continuing: invoices need the packages above)"
	$(BIN)/python manage.py migrate --noinput -v0
	WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL) $(BIN)/python manage.py load_demo_data --site-url http://$(HOST):$(PORT)
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The catalogue check (`bin/messages.py check`: no interface string untranslated, empty or fuzzy in es and ru, none
# translated two ways) is a lint too: it reads the sources, not the running shop.
lint: $(DEV_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python bin/messages.py check

migrations-check: $(DEV_INSTALLED)
	DJANGO_SETTINGS_MODULE=storefront.settings.test $(BIN)/python manage.py makemigrations --check --dry-run -v1

# Regenerate the .po catalogues after changing interface text (see README, "Translations").
messages: $(DEV_INSTALLED)
	$(BIN)/python bin/messages.py update

# What `make run` alone relies on (tests marked `makerun`: the demo data, pages, cart, checkout, the test-card page)
# on SQLite, the database of `make run`; one process, as one migration costs more than these tests.
test-sqlite: $(DEV_INSTALLED) compilemessages
	DATABASE_URL=sqlite:///:memory: REDIS_URL= CELERY_BROKER_URL= $(PYTEST) -p no:xdist -m "makerun and not postgres and not services and not e2e"

# This machine's PostgreSQL, Redis and RabbitMQ, installed (as root) and started where down; `make run` needs none.
services:
	@bin/system-deps --services
	@bin/start-services

# Every test (but the browser journeys) on PostgreSQL, the production database, with the real Redis and RabbitMQ.
test-postgres: $(DEV_INSTALLED) compilemessages services
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(PYTEST) $(PARALLEL) -m "not e2e and not load"

# The load scenario in small (bench/tests/test_load_smoke.py): the whole topology for a minute under load, a web
# instance killed and the database connections cut. Its own Redis database, apart from the PostgreSQL pass's.
test-load-smoke: $(DEV_INSTALLED) compilemessages services
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_LOAD_REDIS_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		MEDIA_ROOT=.test-media/load $(PYTEST) -p no:xdist -m load bench/tests/test_load_smoke.py

test-e2e: $(DEV_INSTALLED) compilemessages
	@bin/system-deps --tests
	DATABASE_URL=sqlite:///:memory: REDIS_URL= CELERY_BROKER_URL= MEDIA_ROOT=.test-media/e2e $(PYTEST) -m e2e e2e

# The checks (one process each) run beside the SQLite pass (one process): two cores busy. Then the PostgreSQL pass
# (two processes) runs beside the browser journeys and the load scenario, which wait on a browser, a live server or
# their own servers much of the time: the cores are never idle. Each keeps its pictures in a folder of its own.
test: $(DEV_INSTALLED) compilemessages
	@bin/system-deps --tests --services
	$(MAKE) --no-print-directory -j2 --output-sync=target lint migrations-check test-sqlite
	$(MAKE) --no-print-directory -j3 --output-sync=target test-postgres test-e2e test-load-smoke

bench: $(DEV_INSTALLED)
	@bin/system-deps --bench || true
	$(BIN)/python -m bench

# The shop under load and faults (bench/load.py): 200 users for 5 minutes on a topology of its own (its database,
# vhost and Redis), the invariants checked after; writes bench/results/load.md. LOAD_ARGS="--users 20 --seconds 60".
load: $(DEV_INSTALLED) compilemessages services
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(BIN)/python -m bench.load --report bench/results/load.md $(LOAD_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media .test-media staticfiles sent_emails
