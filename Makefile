# make run  — set everything up and open EduPlan (first run: the wizard, Enter opens the demo;
#             later: the last workspace used)
# make test — set everything up and run the whole test suite (Qt offscreen)
# make lint — ruff check over eduplan_core/, desktop/, tests/ and bench/; mypy over eduplan_core/
#             and desktop/ (settings in pyproject.toml)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LINT_STAMP := $(VENV)/.installed-lint

.PHONY: run test test-fast lint sysdeps demo screenshots translations clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

$(LINT_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[test,lint]'
	@touch $(LINT_STAMP)

sysdeps:
	@bash packaging/debian-deps.sh

run: $(STAMP) sysdeps
	$(VENV)/bin/eduplan-desktop

test: $(STAMP)
	@bash packaging/debian-deps.sh --for-tests
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

test-fast: $(STAMP)
	@bash packaging/debian-deps.sh --for-tests
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" -q

lint: $(LINT_STAMP)
	$(VENV)/bin/ruff check eduplan_core desktop tests bench
	$(VENV)/bin/mypy eduplan_core desktop

screenshots: $(STAMP)
	@bash packaging/debian-deps.sh --with-xvfb
	rm -rf build/screenshots
	EDUPLAN_HOME=$(CURDIR)/build/screenshot-home xvfb-run -a -s "-screen 0 1600x1000x24" \
		$(PY) -m desktop.screenshots build/screenshots

translations: $(STAMP)
	$(PY) resources/translations/update.py

demo: $(STAMP)
	$(VENV)/bin/eduplan demo --force

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
