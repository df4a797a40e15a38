# Two entry points: `make run` (terminal chat, or the Telegram bot when TELEGRAM_BOT_TOKEN is set)
# and `make test` (everything the project checks). Both set up .venv first, idempotently.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint eval bench setup clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# CPU build of torch first: it lies on this machine's disk; a bare "torch" pulls CUDA.
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot

lint: $(STAMP)
	$(BIN)/ruff check bot index tests
	$(BIN)/ruff format --check bot index tests
	$(BIN)/mypy

test: lint
	$(BIN)/python -m index validate knowledge
	$(BIN)/python -m pytest -q -p no:cacheprovider tests

eval: $(STAMP)
	$(BIN)/python -m index eval --split test

bench: $(STAMP)
	$(BIN)/python -m index bench
	$(BIN)/python tests/bench_cards.py

clean:
	rm -rf .kyr-index .mypy_cache .ruff_cache .pytest_cache
