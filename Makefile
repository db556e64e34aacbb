# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV := DJANGO_DEBUG=1
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test check setup lint format messages clean

$(STAMP): pyproject.toml
	@if { [ -e $(BIN)/python ] || [ -L $(BIN)/python ]; } && ! $(BIN)/python -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 14))' 2>/dev/null; then \
	  echo "$(VENV) was made by another Python ($$($(BIN)/python --version 2>/dev/null || echo one that no longer runs))."; \
	  echo "This project needs Python 3.11 to 3.13: remove it (rm -rf $(VENV)) and run make again."; \
	  exit 1; \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo

# The web server and, beside it, one task worker (renditions, search indexing, view
# counts); the worker stops when the server does.
run: setup
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@$(DEV) $(BIN)/python manage.py db_worker --interval 1 --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Everything: the whole suite, browser tests included.
test: setup
	$(BIN)/python -m pytest

# The fast loop: lint, import rules and every test but the browser ones.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	$(DEV) $(BIN)/python manage.py makemessages -l ar --no-obsolete --ignore=.venv --ignore=var --ignore=node_modules
	$(DEV) $(BIN)/python manage.py makemessages -d djangojs -l ar --no-obsolete --ignore=.venv --ignore=var --ignore=static/vendor --ignore=node_modules
	$(DEV) $(BIN)/python manage.py compilemessages -l ar --ignore=.venv

# Deletes var/: the development database and every uploaded file. Asks first;
# `make clean FORCE=1` does not.
clean:
	@if [ "$(FORCE)" != 1 ]; then \
	  if [ -t 0 ]; then \
	    printf 'This deletes var/: the database and every uploaded photo. Type yes to go on: '; \
	    read answer; [ "$$answer" = yes ] || { echo "Nothing deleted."; exit 1; }; \
	  else \
	    echo "make clean deletes var/ (the database and every upload); run make clean FORCE=1."; exit 1; \
	  fi; \
	fi
	rm -rf var
	@echo "Deleted var/. make run starts a fresh demo newsroom."
