# The two commands of the README: `make demo` and `make test`.
# Each creates .venv on first use and installs the project with its test extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Command-line tools the tests read results with: poppler (PDFs as text and pictures),
# unzip (a sealed bundle's zip), openssl (a sealed bundle's CMS). Installed with apt-get
# when missing and we are root; otherwise `make test` says what to install.
TOOLS := pdftotext:poppler-utils pdftoppm:poppler-utils unzip:unzip openssl:openssl

.PHONY: demo test tools lint typecheck clean

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# compat mode puts this folder on the path, so a new top-level package (kiosk/,
	# proctor/) is importable without reinstalling.
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
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
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

# mypy --strict over exam_bank, kiosk and proctor (configured in pyproject.toml).
typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) demo-out .pytest_cache
