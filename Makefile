# make run  — set everything up and open EduPlan on the demo workspace
# make test — set everything up and run the whole test suite (Qt offscreen)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast sysdeps demo screenshots translations clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

sysdeps:
	@bash packaging/debian-deps.sh

run: $(STAMP) sysdeps
	$(VENV)/bin/eduplan-desktop --demo

test: $(STAMP)
	@bash packaging/debian-deps.sh --for-tests
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

test-fast: $(STAMP)
	@bash packaging/debian-deps.sh --for-tests
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" -q

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
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
