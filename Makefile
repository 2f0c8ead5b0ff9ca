# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench lint fixture clean screenshots

setup: $(STAMP)

$(STAMP): pyproject.toml
	sh scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/captionkit align fixtures/episode.wav fixtures/episode.txt -o out/

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/real_speech.py
	$(BIN)/python bench/batch_speed.py
	$(BIN)/python bench/segmentation.py
	$(BIN)/python bench/check_speed.py
	$(BIN)/python bench/sphinx_speed.py
	$(BIN)/python bench/hard_audio.py
	$(BIN)/python bench/fuzz.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/bad_input.py
	$(BIN)/python bench/sounds.py

lint: $(STAMP)
	$(BIN)/ruff check .

# README pictures of the example's HTML transcript, light and dark (needs chromium).
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots/make_screenshots.py

# Re-synthesizes the bundled example (deterministic: the same files every time).
fixture: $(STAMP)
	$(BIN)/python -m fixtures.make_fixture

clean:
	rm -rf out .pytest_cache
