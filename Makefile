# The README's commands. Each target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Zensical, Material's successor, in a virtualenv of its own (see "Moving to Zensical" in MAINTAINING.md).
ZENSICAL_VENV := .venv-zensical
# LinkChecker for `make linkcheck`, pinned, in a virtualenv of its own.
LINKCHECK_VENV := .venv-linkcheck
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench offline zensical browser nginx linkcheck clean ids-lock schemas data-files check-data

$(BIN)/mkdocs: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(ZENSICAL_VENV)/bin/zensical: requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

$(VENV)/.tests-installed: $(BIN)/mkdocs tests/requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
	touch $@

## serve: preview the site at http://127.0.0.1:8000, rebuilding on every save
serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve --strict --dirty --dev-addr 127.0.0.1:8000

## build: build the site into site/
build: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict

## zensical: the same guide built with Zensical into dist/zensical/ (MkDocs stays the default)
zensical: $(ZENSICAL_VENV)/bin/zensical
	$(ZENSICAL_VENV)/bin/python -m macros.zensical_build

## browser: Debian's Chromium, which the browser tests drive
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Chromium for the browser tests (apt-get install chromium)"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

## nginx: Debian's nginx, which serves the built site with its generated headers in the tests
nginx:
	@test -x $(NGINX) || { \
	  echo "Installing nginx for the server tests (apt-get install nginx-light)"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nginx-light; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq nginx-light; fi; }

## test: run the whole test suite (data, built HTML, and real-browser tests)
test: $(VENV)/.tests-installed $(ZENSICAL_VENV)/bin/zensical browser nginx node_modules/.installed
	HP_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

$(LINKCHECK_VENV)/bin/linkchecker: requirements-linkcheck.txt
	$(PYTHON) -m venv $(LINKCHECK_VENV)
	$(LINKCHECK_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-linkcheck.txt
	touch $@

## linkcheck: build, then open every external link of the site (LinkChecker); with no network it says so and fails
linkcheck: build $(LINKCHECK_VENV)/bin/linkchecker
	$(BIN)/python scripts/linkcheck.py site --linkchecker $(LINKCHECK_VENV)/bin/linkchecker \
	  --site-url "$$($(BIN)/python -c 'from mkdocs.utils.yaml import yaml_load; print(yaml_load(open("mkdocs.yml"))["site_url"])')"

## ids-lock: add the ids now in data/ to data/ids.lock (run after adding checklist items, questions or cards)
ids-lock: $(BIN)/mkdocs
	$(BIN)/python -m macros.ids_lock

## schemas: write data/schemas/*.schema.json from the build's own definitions (macros/content.py)
schemas: $(BIN)/mkdocs
	$(BIN)/python -m macros.schemas

## data-files: both of the above, after adding data or changing a definition
data-files: schemas ids-lock

## check-data: validate data/ and the chapters' front matter in about a second (pre-commit runs it)
check-data: $(BIN)/mkdocs
	$(BIN)/python -m macros.check

clean:
	rm -rf $(VENV) $(ZENSICAL_VENV) $(LINKCHECK_VENV) site dist

# Pinned Node tools (package-lock.json): the iframe-worker shim for the offline copy and the Nu Html
# Checker (vnu-jar) for the tests. Lighthouse, for the benchmark only, is pinned in bench/.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

bench/node_modules/.installed: bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@

## offline: a copy that works from disk with no network: dist/offline/ and dist/hall-pass-guide-offline.zip
offline: $(BIN)/mkdocs node_modules/.installed
	rm -rf dist/offline dist/hall-pass-guide-offline.zip
	OFFLINE=true $(BIN)/mkdocs build --strict -d dist/offline
	$(BIN)/python -c "import shutil; shutil.make_archive('dist/hall-pass-guide-offline', 'zip', 'dist', 'offline')"
	@echo "Offline copy: dist/offline/index.html (zipped: dist/hall-pass-guide-offline.zip)"

## bench: build time, page weight, own JS+CSS and Lighthouse scores, against the targets
bench: $(VENV)/.tests-installed $(ZENSICAL_VENV)/bin/zensical browser node_modules/.installed bench/node_modules/.installed
	CHROME_PATH=$(CHROMIUM) $(BIN)/python bench/bench.py

