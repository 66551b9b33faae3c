# Kizuna: `make run` to try it, `make test` for the whole suite, `make lint` for style.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

# The suite runs on the real services (make test); override to point elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kizuna
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test lint format install migrate demo demo-reset services-run worker bench messages clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtualenv: on Debian run 'apt-get install python3-venv'."; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

messages: install
	@if [ ! -d locale ]; then true; \
	elif command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found (apt-get install gettext): pages will be in English only."; fi

migrate: install
	$(BIN)/python manage.py migrate --no-input -v 0

# Keeps the demo accounts' authenticator keys and recovery codes across restarts (new
# passwords each time); `make demo-reset` gives them new keys and codes.
demo: migrate
	$(BIN)/python manage.py demo_staff --keep

demo-reset: migrate
	$(BIN)/python manage.py demo_staff

# Embedded mode: SQLite, in-memory channel layer, Celery eager. One process.
run: messages demo
	@echo "Kizuna is at http://$(HOST):$(PORT)/ (staff: http://$(HOST):$(PORT)/console/)"
	KIZUNA_EMBEDDED_BEAT=1 $(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --no-access-log --ws-max-size 65536

# Services mode, as in docker-compose.yml: set DATABASE_URL and REDIS_URL first.
services-run: messages migrate
	$(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --no-access-log --ws-max-size 65536 --workers $${WEB_CONCURRENCY:-2}

worker: install
	$(BIN)/celery -A config worker --loglevel INFO

# Brings up what it needs first (.ci/services: silent when all is there).
test: messages
	@.ci/services
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	KIZUNA_CELERY_QUEUE=$${KIZUNA_CELERY_QUEUE:-kizuna-test-$$$$} \
	KIZUNA_CHANNEL_PREFIX=$${KIZUNA_CHANNEL_PREFIX:-kizuna-test-$$$$} KIZUNA_REQUIRE_SERVICES=1 \
	$(BIN)/pytest $(PYTEST_ARGS)

# Benchmarks print figures and never pass or fail: `make bench B=chat_latency ARGS="--sizes 10"`
# (the same as `.venv/bin/python -m bench.chat_latency --sizes 10`). Each sets up its own
# database, server and worker on the local PostgreSQL and Redis.
bench: install
	@if [ -z "$(B)" ]; then \
		echo "make bench B=<name> [ARGS=\"...\"], <name> one of:"; \
		ls bench/*.py | xargs -n1 basename | sed 's/\.py$$//' | grep -v '^__' | sed 's/^/  /'; \
	else $(BIN)/python -m bench.$(B) $(ARGS); fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache
