# Two commands: `make run` serves the app, `make test` runs every test. Both set up what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint bench browser-deps print-deps

run: $(VENV)/.installed
	$(VENV)/bin/streamlit run server.py --server.port $(PORT)

test: $(VENV)/.dev-installed browser-deps print-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/mypy

bench: $(VENV)/.dev-installed
	for f in bench/*_bench.py; do echo "== $$f"; $(PY) $$f || exit 1; done

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.installed $@

# The browser tests drive Debian's Chromium, and go through Debian's nginx with deploy/nginx.conf;
# install them when we may (root), else say so.
BROWSER_PACKAGES := /usr/bin/chromium:chromium /usr/sbin/nginx:nginx
browser-deps:
	@missing=""; for p in $(BROWSER_PACKAGES); do [ -x "$${p%%:*}" ] || missing="$$missing $${p#*:}"; done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's$$missing for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 $$missing >/dev/null; \
	else echo "NOTE:$$missing missing and we are not root: the tests that need them will be skipped."; fi

# The printing tests convert workbooks with LibreOffice Calc (the headless build is enough); the
# PDF report draws names in DejaVu and emoji in Noto Color Emoji; Carlito prints like Excel's
# Calibri; poppler-utils turns PDFs into pictures to look at. Installed when we may (root).
PRINT_PACKAGES := libreoffice-calc-nogui fonts-crosextra-carlito fonts-dejavu-core fonts-noto-color-emoji poppler-utils
print-deps:
	@missing=$$(for p in $(PRINT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing for the printing tests and the PDF report:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
			--no-install-recommends $$missing >/dev/null; \
	else echo "NOTE: missing" $$missing "and we are not root: printing tests will be skipped."; fi
