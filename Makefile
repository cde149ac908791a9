# Passerelle — the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Lanes: PostgreSQL when DATABASE_URL is set, the search engine when SEARCH_URL is
# set; REQUIRE_SERVICES (set per lane by .ci/run) turns a missing service into a
# failure instead of a skip.
# loadgroup: the browser matrix (one xdist group) runs on one worker, which
# builds its demo server once, while the other worker runs the rest.
PYTEST_ARGS ?= -n 2 --dist loadgroup

.PHONY: run serve worker test lint check bench load services services-stop clean

$(BIN)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --demo-users
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: hub.settings.production with what the environment names (README,
# "Serving in production": DJANGO_SECRET_KEY, ALLOWED_HOSTS, CACHE_URL, and
# DATABASE_URL, SEARCH_BACKEND/SEARCH_URL, MEDIA_ROOT…); the settings refuse to
# start without their secrets or on a per-process cache. Static files collected,
# migrations applied, the search glossary's new pairs added (load_glossary: never
# undoes the coordination's edits), then gunicorn (gunicorn.conf.py) in the foreground.
serve: export DJANGO_SETTINGS_MODULE = hub.settings.production
serve: $(BIN)/.runtime
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_glossary
	exec $(BIN)/gunicorn --config gunicorn.conf.py hub.wsgi

# The background worker of production (TASKS_BACKEND=database, the default of
# hub.settings.production): text extraction, thumbnails, search indexing and
# e-mails queued by the app servers, from the same environment as `make serve`
# (README, "Background work"). Runs in the foreground until SIGTERM, which lets
# the current task finish. WORKER_ARGS: db_worker's options (--max-tasks…).
worker: export DJANGO_SETTINGS_MODULE = hub.settings.production
worker: $(BIN)/.runtime
	exec $(BIN)/python manage.py db_worker $(WORKER_ARGS)

test: $(BIN)/.dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')
	$(BIN)/lint-imports --no-cache

# Production accepts only a cache shared by its processes (CACHE_URL: Redis);
# nothing connects to it during the checks.
check: $(BIN)/.dev
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python manage.py check
	DJANGO_SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-0123456789abcdef \
	ALLOWED_HOSTS=passerelle.example.org CACHE_URL=redis://127.0.0.1:6379/0 \
	DJANGO_SETTINGS_MODULE=hub.settings.production \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# The serving benchmark (benchmarks/README.md): minutes and both cores, never part
# of `make test`. Needs ab (apache2-utils) and redis-server.
bench: $(BIN)/.runtime
	$(BIN)/python -m benchmarks.serve_bench $(BENCH_ARGS)

# Load and faults (benchmarks/README.md): locust against the production server on
# PostgreSQL, Redis, OpenSearch and moto, with the engine killed and PostgreSQL
# restarted under load; about 10 minutes, never part of `make test`. LOAD_ARGS:
# e.g. --smoke (10 users, 60 s). PG_PORT, SEARCH_PORT, S3_PORT, LOAD_PORT: ports.
load: $(BIN)/.dev
	$(BIN)/python -m benchmarks.load_run $(LOAD_ARGS)

services:
	bash .ci/services.sh start

services-stop:
	bash .ci/services.sh stop

clean:
	rm -rf $(VENV) db.sqlite3 static_collected
