# Two commands set everything up on a fresh machine: `make demo` and `make test`.
# Only Python 3.11+ and make are assumed; uv is bootstrapped into .tools/ when missing.

SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
LANDING ?=
DEV_PORT ?= 3000
FUZZ_INPUTS ?= 100000
FUZZ_SEED ?= 1
RUN := $(if $(LANDING),LANDING_DIR=$(abspath $(LANDING)) ,)

.PHONY: install demo test dev bench bench-concurrent train-ner train-ner-neural train-topics train-keyword-worthiness train-keyword-filter clean-warehouse eval-stories
.PHONY: seed-landing summary sql search report browser ingest

$(CURDIR)/.tools/bin/uv:
	python3 -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/pip install --quiet uv

# Bytecode is compiled once here, not on every start: with PYTHONDONTWRITEBYTECODE set (as on the CI machine) each
# process compiled ~3,800 modules again, 2 of the 4 s a Dagster run process takes to import the code location.
install: $(UV)
	$(UV) sync --frozen --quiet --compile-bytecode
	$(UV) run --frozen python -m compileall -q pipelines benchmarks

demo: install seed-landing  ## load the bundled sample (or LANDING=dir) into the lake warehouse/news.sqlite and show it
	$(RUN)$(UV) run --frozen newswh demo

ingest: install seed-landing  ## load only what is new in landing/ (or LANDING=dir) on the persistent DAGSTER_HOME, then exit
	$(RUN)$(UV) run --frozen newswh ingest

# One pytest worker per core (pytest-xdist); a test file stays on one worker, so its module fixtures are built once.
# Files go out in collection order, the slowest first (tests/conftest.py SLOWEST_FILES), not by test count.
# The 15 slowest tests are listed at the end, so a slow one is seen where it lands.
test: install browser postgres lint  ## the test suite (CI runs exactly this), after the linters; TEST_WORKERS=N (default: one per core)
	$(UV) run --frozen pytest --numprocesses $(or $(TEST_WORKERS),auto) --dist loadfile --no-loadscope-reorder --durations 15

.PHONY: lint
lint: install  ## ruff (lint and format check) and sqlfluff (DuckDB dialect), configured in pyproject.toml
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen sqlfluff lint sql

dev: install  ## Dagster UI on 127.0.0.1:3000 with a persistent DAGSTER_HOME under the project
	mkdir -p $(DAGSTER_HOME)
	$(UV) run --frozen python -m pipelines.orchestration.instance $(DAGSTER_HOME)
	$(RUN)exec $(UV) run --frozen python -m pipelines.tools.dev_server --host 127.0.0.1 --port $(DEV_PORT)

bench: install  ## ingest ../shared/bench/xwlb-2012-2016 (or LANDING=dir) through Dagster and time it
	$(UV) run --frozen newswh bench --landing $(or $(LANDING),../shared/bench/xwlb-2012-2016)

bench-concurrent: install  ## load the bench through Dagster while two analyst processes query the published warehouse
	$(UV) run --frozen newswh bench-concurrent --landing $(or $(LANDING),../shared/bench/xwlb-2012-2016)

.PHONY: cluster-demo
cluster-demo: install postgres  ## the bench (or LANDING=dir) on a local PostgreSQL + Dask scheduler + 2 workers (127.0.0.1), compared with an embedded run
	$(UV) run --frozen newswh cluster-demo --landing $(or $(LANDING),../shared/bench/xwlb-2012-2016)

.PHONY: bench-latency
bench-latency: install  ## seconds from a dump dropped into `make dev`'s landing folder to analysts seeing it, entities included (127.0.0.1, throwaway folders)
	$(UV) run --frozen python -m benchmarks.bench_latency $(if $(LANDING),--source $(LANDING))

.PHONY: bench-files
bench-files: install  ## the lake's file count and disk after the bench (or BASE=dir) and 100 small adds, before and after maintenance
	$(UV) run --frozen python -m benchmarks.bench_files $(if $(BASE),--base $(BASE))

.PHONY: bench-backfill
bench-backfill: install  ## a dump dropped into `make dev`'s landing folder while a ten-day backfill runs: when it is queryable, when the backfill ends
	$(UV) run --frozen python -m benchmarks.bench_backfill $(if $(LANDING),--source $(LANDING))

.PHONY: bench-scale
bench-scale: install  ## full load, adding 1 and 10 dumps, idle tick and example queries on Nx copies of the bench (SCALES=1,10,44 FILL=sql|ingest), niced
	nice -n 10 $(UV) run --frozen newswh bench-scale --source $(or $(LANDING),../shared/bench/xwlb-2012-2016) --scales $(or $(SCALES),1,10,44) --fill $(or $(FILL),sql)

train-ner: install  ## retrain the committed NER model from ../shared/datasets/ner
	$(UV) run --frozen python -m training.ner.train

train-ner-neural: install  ## train the (unshipped) char-CNN correction of the NER CRF and compare it with the CRF (issue 22)
	$(UV) run --frozen python -m training.ner.neural

train-topics: install  ## retrain the committed topic model from ../shared/datasets/topics
	$(UV) run --frozen python -m training.topics.train

train-keyword-worthiness: install  ## retrain the keyword worthiness model from the judged keywords (prints its grouped CV)
	$(UV) run --frozen python -m training.topics.train_worthiness

train-keyword-filter: install  ## retrain the keyword filter in context from the judged candidates (prints its grouped CV)
	$(UV) run --frozen python -m training.topics.train_keyword_filter

.PHONY: fuzz
fuzz: install  ## long fuzz of decode/split/parse: FUZZ_INPUTS random inputs from FUZZ_SEED; prints inputs and failures
	$(UV) run --frozen python -m tests.hostile.fuzz --inputs $(FUZZ_INPUTS) --seed $(FUZZ_SEED)

clean-warehouse: install  ## reset: delete every file of the warehouse (and the previous version's) and the Dagster state of its loads; says what it removed
	$(UV) run --frozen newswh clean-warehouse
	rm -f warehouse/news.duckdb warehouse/news.duckdb.wal warehouse/news.working.duckdb warehouse/news.working.duckdb.wal

# --- analysts -----------------------------------------------------------------------------------------------
NEWSWH := $(CURDIR)/.venv/bin/newswh

# landing/ (git-ignored) gets the bundled sample dumps when it is missing or empty; part of `make demo`.
seed-landing:
	@if [ -z "$$(ls -A landing 2>/dev/null)" ]; then \
		mkdir -p landing && cp -R sample/landing/. landing/ && echo "copied sample/landing into landing/"; fi

summary: install  ## what the warehouse holds: tables with exact row counts, dumps, top entities, topics
	$(NEWSWH) summary

sql: install  ## the warehouse read-only in Harlequin (a terminal SQL IDE); example queries in sql/examples/
	$(NEWSWH) sql

search: install  ## ranked full-text search, e.g. make search Q='台风 南海'
	$(NEWSWH) search "$(Q)"

report: install  ## write the offline HTML report (warehouse/report.html, or REPORT_PATH) and print its path
	$(NEWSWH) report

browser:  ## Chromium + a CJK font (report test) and tmux (SQL shell test) from the OS packages, when missing
	@missing=""; [ -x /usr/bin/chromium ] || missing="chromium"; \
	[ -n "$$(fc-list :lang=zh 2>/dev/null)" ] || missing="$$missing fonts-wqy-zenhei"; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null \
				|| echo "could not install:$$missing (the tests that need them will skip)"; \
		else echo "missing:$$missing and no root apt-get (the tests that need them will skip)"; fi; \
	fi

eval-stories: install  ## story clustering on ../shared/bench: pair precision/recall, teaser links, speed
	$(UV) run --frozen python -m training.stories.evaluate --bench $(or $(LANDING),../shared/bench/xwlb-2012-2016)

# PostgreSQL for the lake's server-catalog tests (tests/test_lake.py): Debian's package, installed when missing and
# the user is root; the tests start a private server on 127.0.0.1 and stop it.
.PHONY: postgres
postgres:
	@if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
		else echo "PostgreSQL is missing and this user is not root: the server-catalog test will skip"; fi; fi
