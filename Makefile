# The README's commands. Only python3, pip and make are assumed.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SERVER_PORT ?= 4200

.PHONY: install run test lint eval eval-dev bench bench-extract bench-ingest bench-clusters lock clean server server-stop

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(VENV)/bin/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: install  ## backfill seeds/ into warehouse/wirehouse.duckdb and print a summary
	$(VENV)/bin/wirehouse backfill

test: install  ## the whole test suite, including the extraction quality gate
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

eval: install  ## precision / recall / exact match per field on the gold set
	$(VENV)/bin/wirehouse eval

DEVDATA ?= ../shared/devdata
eval-dev: install  ## real labelled news (DEVDATA, default ../shared/devdata) through the real backfill; fails below tests/gold/devdata_floors.json
	$(VENV)/bin/wirehouse eval --devdata $(DEVDATA)

bench: install  ## throughput figures (prints; never a timed test): (a)-(c) 4,800 pages, (d) 10k and 100k documents (~30 min)
	$(PY) bench/backfill_bench.py --copies 300
	$(PY) bench/scale_bench.py --sizes 10000,100000

bench-extract: install  ## extraction cost per document; docs/s with and without extraction
	$(PY) bench/extract_bench.py

bench-clusters: install  ## clustering ms/doc per 10k-document slice as the warehouse grows to 10k and to 100k; export and report times
	$(PY) bench/cluster_bench.py --sizes 10000,100000

bench-ingest: install  ## 50 feeds x 20 entries on loopback: first poll vs unchanged second poll
	$(PY) bench/ingest_bench.py

# No prerequisite on $(STAMP): an existing .venv is used as it is, never re-created because a file is newer
# than the stamp (an order-only prerequisite would still be remade); only a missing one is installed first.
server:  ## the project's Prefect server, kept running (UI http://127.0.0.1:$(SERVER_PORT), log .prefect-server/server.log)
	@test -x $(PY) || $(MAKE) install
	$(PY) -m flows.localserver start --port $(SERVER_PORT)

server-stop:  ## stop the server `make server` started
	$(PY) -m flows.localserver stop

lock:  ## re-pin every dependency (needs network to the registry)
	$(PY) -m pip install --quiet uv==0.13.9
	$(VENV)/bin/uv pip compile --python-version 3.11 --generate-hashes requirements.in -o requirements.lock

clean:
	rm -rf $(VENV) warehouse/wirehouse.duckdb warehouse/wirehouse.duckdb.wal
