# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve extract check bench screenshots chromium clean

site: $(STAMP)
	$(BIN)/summit-timeline extract --seeds seeds --data docs/data
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(STAMP)
	$(BIN)/mkdocs serve

extract: $(STAMP)
	$(BIN)/summit-timeline extract --seeds seeds --data docs/data

check: $(STAMP)
	$(BIN)/summit-timeline check --data docs/data

test: $(STAMP) chromium
	$(BIN)/ruff check generator tests bench
	$(BIN)/python -m pytest -q

# Refresh the README's screenshots (taken by the browser tests).
screenshots: $(STAMP) chromium
	UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/site/test_site.py -k screenshots

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The environment, with the test tools too; rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Browser tests drive Debian's chromium (never a downloaded browser build).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf site $(VENV) .pytest_cache
