# The two commands of the README: `make demo` and `make test`.
# Each creates .venv on first use and installs the project with its test extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Command-line tools the tests read results with: poppler (PDFs as text and pictures),
# unzip (a sealed bundle's zip), openssl (a sealed bundle's CMS), chromium (the makalah replay
# page, played headless). Installed with apt-get
# when missing and we are root; otherwise `make test` says what to install.
TOOLS := pdftotext:poppler-utils pdftoppm:poppler-utils unzip:unzip openssl:openssl \
	chromium:chromium

.PHONY: demo test tools lint typecheck constraints clean

# constraints.txt: the versions CI passed with, so a fresh machine gets the same ones
# (`make constraints` writes it anew after a deliberate upgrade).
CONSTRAINTS := constraints.txt

$(STAMP): pyproject.toml Makefile $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# compat mode puts this folder on the path, so a new top-level package (kiosk/,
	# proctor/) is importable without reinstalling. `test` pulls every role's extra.
	$(BIN)/python -m pip install --quiet -e '.[test]' -c $(CONSTRAINTS) \
		--config-settings editable_mode=compat
	touch $(STAMP)

demo: $(STAMP)
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-$$( [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] && echo xcb || echo offscreen )} \
		$(BIN)/ujikom demo --out demo-out

tools:
	@missing=""; for pair in $(TOOLS); do command -v $${pair%%:*} >/dev/null 2>&1 || \
		missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing$$missing"; \
			apt-get install -y -q $$missing >/dev/null || \
				{ apt-get update -q >/dev/null && apt-get install -y -q $$missing >/dev/null; }; \
		else echo "the tests need:$$missing (Debian packages)"; exit 1; fi; fi

# Types and lint first: they take seconds and fail faster than the suite.
test: $(STAMP) tools typecheck lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q --durations=25

lint: $(STAMP)
	$(BIN)/ruff check .

# mypy --strict over exam_bank, kiosk and proctor (configured in pyproject.toml).
typecheck: $(STAMP)
	$(BIN)/mypy

constraints: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | LC_ALL=C sort -f > $(CONSTRAINTS)

clean:
	rm -rf $(VENV) demo-out .pytest_cache
