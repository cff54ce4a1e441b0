# Two commands set everything up on a fresh machine: `make demo` and `make test`.
# Only Python 3.11+ and make are assumed; uv is bootstrapped into .tools/ when missing.

SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export DAGSTER_EVENT_BATCH_SIZE ?= 10000
LANDING ?=
RUN := $(if $(LANDING),LANDING_DIR=$(abspath $(LANDING)) ,)

.PHONY: install demo test dev bench train-ner train-topics clean-warehouse eval-stories

$(CURDIR)/.tools/bin/uv:
	python3 -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/pip install --quiet uv

install: $(UV)
	$(UV) sync --frozen --quiet

demo: install  ## load the bundled sample (or LANDING=dir) into warehouse/news.duckdb and show it
	$(RUN)$(UV) run --frozen newswh demo

test: install  ## the test suite (CI runs exactly this)
	$(UV) run --frozen pytest

dev: install  ## Dagster UI on 127.0.0.1:3000 with a persistent DAGSTER_HOME under the project
	mkdir -p $(DAGSTER_HOME)
	$(UV) run --frozen python -m pipelines.defs.event_storage $(DAGSTER_HOME)
	$(RUN)$(UV) run --frozen dg dev --host 127.0.0.1 --port 3000

bench: install  ## ingest ../shared/bench/xwlb-2012-2016 (or LANDING=dir) through Dagster and time it
	$(UV) run --frozen newswh bench --landing $(or $(LANDING),../shared/bench/xwlb-2012-2016)

train-ner: install  ## retrain the committed NER model from ../shared/datasets/ner
	$(UV) run --frozen python -m pipelines.extract.ner.train

train-topics: install  ## retrain the committed topic model from ../shared/datasets/topics
	$(UV) run --frozen python -m pipelines.topics.train

clean-warehouse:
	rm -f warehouse/news.duckdb warehouse/news.duckdb.wal

eval-stories: install  ## story clustering on ../shared/bench: pair precision/recall, teaser links, speed
	$(UV) run --frozen python -m pipelines.stories.evaluate --bench $(or $(LANDING),../shared/bench/xwlb-2012-2016)
