# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The browser tests' JavaScript (TimelineJS, axe-core), pinned in tests/site/js/package-lock.json.
JS := tests/site/js
JS_STAMP := $(JS)/node_modules/.installed

.PHONY: site site-zensical test serve extract check bench screenshots chromium npm clean

site: $(STAMP)
	$(BIN)/summit-timeline extract --seeds seeds --data docs/data
	$(BIN)/mkdocs build --strict --site-dir site

# The same pages built by Zensical (Material's successor; no MkDocs plugins) into build/zensical/site.
ZENSICAL_DIR := build/zensical
site-zensical: $(STAMP)
	$(BIN)/summit-timeline extract --seeds seeds --data docs/data
	$(BIN)/python -m generator.zensical --data docs/data --seeds seeds --config mkdocs.yml --out $(ZENSICAL_DIR)
	cd $(ZENSICAL_DIR) && $(abspath $(BIN))/zensical build --strict -f mkdocs.yml

serve: $(STAMP)
	$(BIN)/mkdocs serve

extract: $(STAMP)
	$(BIN)/summit-timeline extract --seeds seeds --data docs/data

check: $(STAMP)
	$(BIN)/summit-timeline check --data docs/data

test: $(STAMP) chromium $(JS_STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/python -m pytest -q

# Refresh the README's screenshots (taken by the browser tests).
screenshots: $(STAMP) chromium $(JS_STAMP)
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

# The browser tests' JavaScript from the npm registry, exactly as locked (`npm ci`), once;
# again when the lock file changes. Tests never fetch it. No install scripts run.
$(JS_STAMP): $(JS)/package.json $(JS)/package-lock.json | npm
	cd $(JS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(JS_STAMP)

npm:
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing Debian's npm for the browser tests' JavaScript"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }

clean:
	rm -rf site build $(VENV) .pytest_cache $(JS)/node_modules
