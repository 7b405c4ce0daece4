# One command sets up and answers; one sets up and tests. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
Q ?= who is Dmitry Usov?

.PHONY: install ask index test test-fast eval ui bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# torch first, pinned: 2.13.0 is the local CPU wheel; anything else pulls GBs of CUDA packages.
	$(BIN)/pip install --quiet torch==2.13.0
	@# llama-cpp-python compiles from source (3-9 min on 2 cores); GGML_NATIVE=OFF makes it portable.
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install --quiet -e '.[model,ui,server,dev]'
	touch $@

install: $(STAMP)

ask: $(STAMP)
	$(BIN)/rag ask "$(Q)"

index: $(STAMP)
	$(BIN)/rag index

# The web UI on http://127.0.0.1:7860 (HOST=0.0.0.0 or PORT=8000 to change).
HOST ?= 127.0.0.1
PORT ?= 7860
ui: $(STAMP)
	$(BIN)/rag ui --host $(HOST) --port $(PORT)

test: $(STAMP)
	@# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
	@[ -x /usr/bin/chromium ] || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not model"

# Speed and scale, side by side with the stock LlamaIndex pipeline: writes bench/RESULTS.md (about 25 minutes on
# 2 cores; waits for a quiet machine first). BENCH_ARGS=--quick for a smoke run of the scripts.
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) index/chroma.sqlite3 index/*/ .pytest_cache
