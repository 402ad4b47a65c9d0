# lvxie — two commands: `make demo` (run the seeded demo city) and `make test` (run the test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LVXIE := $(BIN)/lvxie
HOST ?= 127.0.0.1
PORT ?= 8000
TICK_SECONDS ?= 300
export DJANGO_SETTINGS_MODULE ?= lvxie.config.settings.demo

.PHONY: demo test lint assets messages bench clean

demo: $(VENV)/.installed assets messages
	$(LVXIE) migrate --noinput
	$(LVXIE) seed demo --if-empty
	$(LVXIE) demo_logins
	@# Imports run as background tasks: a worker beside the server, stopped when the server stops; the
	@# periodic jobs (reminders, clocks past their deadline) run from `lvxie tick` every TICK_SECONDS.
	$(LVXIE) db_worker & WORKER=$$!; \
	(while true; do $(LVXIE) tick >> var/tick.log 2>&1; sleep $(TICK_SECONDS); done) & TICK=$$!; \
	trap "kill $$WORKER $$TICK" EXIT INT TERM; $(LVXIE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed assets messages
	DJANGO_SETTINGS_MODULE=lvxie.config.settings.test $(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

# Front-end assets come from the npm registry (pinned in package-lock.json), never a CDN at run time.
assets: src/lvxie/static/vendor/.copied

src/lvxie/static/vendor/.copied: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p src/lvxie/static/vendor
	cp node_modules/echarts/dist/echarts.min.js node_modules/htmx.org/dist/htmx.min.js src/lvxie/static/vendor/
	# ECharts 5 ships no maps: the world GeoJSON comes from echarts 4.9.0 (npm alias "echarts4").
	cp node_modules/echarts4/map/json/world.json src/lvxie/static/vendor/
	touch $@

messages: $(VENV)/.installed
	$(BIN)/python -m lvxie.core.i18n_compile

bench: $(VENV)/.installed messages
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules src/lvxie/static/vendor var
