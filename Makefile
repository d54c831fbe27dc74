# tajikmap: `make run` starts the dashboard, `make test` runs the whole suite.
# Both create .venv on first use; nothing but python3 (with venv), pip and make is needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium

.PHONY: run serve serve-cluster test test-latest lint types unit browser-deps validate geodata screenshot bench constraints clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,dev,geodata]'
	$(BIN)/python -m tajikmap.assets static
	$(BIN)/python -m tajikmap.comparemap static
	touch $@

run: $(STAMP)
	$(BIN)/streamlit run dashboard.py

# Hosted mode: listen on all interfaces, hide error details, no file watching.
serve: $(STAMP)
	$(BIN)/streamlit run dashboard.py --server.address=0.0.0.0 --client.showErrorDetails=none \
	  --server.fileWatcherType=none --server.runOnSave=false

# REPLICAS dashboards behind Debian's nginx on 127.0.0.1:$(PORT); Ctrl-C stops them all.
REPLICAS ?= 2
PORT ?= 8080
serve-cluster: $(STAMP)
	$(BIN)/python -m tajikmap.cluster --replicas $(REPLICAS) --port $(PORT)

test: $(STAMP) browser-deps lint types validate unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

types: $(STAMP)
	$(BIN)/mypy

validate: $(STAMP)
	$(BIN)/tajikmap validate

unit: $(STAMP)
	$(BIN)/python -m pytest

# Browser tests drive Debian's Chromium (never a downloaded browser); cluster tests Debian's nginx.
browser-deps:
	@missing=""; [ -x $(CHROMIUM) ] || missing="chromium"; [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Not found:$$missing. Run 'sudo apt-get install$$missing' for the browser and cluster tests."; \
	  fi; \
	fi

# Upgrade canary: the suite against the newest stack, no constraints, in a venv of its own.
# CI keeps the pinned run (make test); README, "Where we depend on internals", has today's result.
LATEST_VENV ?= .venv-latest
test-latest: browser-deps
	$(PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST_VENV)/bin/python -m pip install --quiet -e '.[test,dev,geodata]'
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade streamlit streamlit-folium folium geopandas shapely
	$(LATEST_VENV)/bin/python -m pip list 2>/dev/null | grep -iE '^(streamlit|streamlit-folium|folium|geopandas|shapely) '
	$(LATEST_VENV)/bin/python -m tajikmap.assets static
	$(LATEST_VENV)/bin/python -m tajikmap.comparemap static
	$(LATEST_VENV)/bin/python -m pytest

geodata: $(STAMP)
	$(BIN)/python -m tajikmap.geobuild

# docs/screenshot.png, and every page at 1400x1000 and 390x844 in docs/screenshots/.
screenshot: $(STAMP)
	TAJIKMAP_UPDATE_SCREENSHOT=1 $(BIN)/python -m pytest tests/browser -k "link_reproduces or no_horizontal_overflow"

constraints: $(STAMP)
	{ echo "# Pinned versions the app and tests were verified with (pip install -c constraints.txt)."; \
	  echo "# Regenerate: make constraints"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^-e'; } > constraints.txt

clean:
	rm -rf $(VENV) $(LATEST_VENV) static test-artifacts .pytest_cache .mypy_cache .ruff_cache
