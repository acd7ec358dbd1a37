# The two commands of the README: `make demo` and `make test`.
# Each creates .venv on first use and installs the project with its test extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Command-line tools the tests read results with: poppler (PDFs as text and pictures),
# unzip (a sealed bundle's zip), openssl (a sealed bundle's CMS), chromium (the makalah replay
# page, played headless), nft and systemd-analyze (the packaging's firewall and units,
# tests/packaging). Installed with apt-get
# when missing and we are root; otherwise `make test` says what to install.
TOOLS := pdftotext:poppler-utils pdftoppm:poppler-utils unzip:unzip openssl:openssl espeak-ng:espeak-ng \
	chromium:chromium nft:nftables systemd-analyze:systemd

.PHONY: demo test tools lint typecheck constraints floors clean package package-check

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

# mypy --strict over exam_bank, kiosk, proctor, ujikom and benchmarks (pyproject.toml).
typecheck: $(STAMP)
	$(BIN)/mypy

# Installable artefacts (packaging/): the frozen application folder (PyInstaller, in its
# own build venv) and the Debian packages, into dist/. 12.5 minutes measured on 2 cores
# shared with seven other builds (PyInstaller itself about 2 of them).
PKG_VENV := build/pkg-venv
package:
	test -x $(PKG_VENV)/bin/python || $(PYTHON) -m venv $(PKG_VENV)
	$(PKG_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PKG_VENV)/bin/python -m pip install --quiet -c $(CONSTRAINTS) '.[kiosk,proctor,office]' \
		'pyinstaller>=6.10,<7'
	$(PKG_VENV)/bin/pyinstaller --noconfirm --log-level ERROR --distpath dist/app \
		--workpath build/pyinstaller packaging/ujikom.spec
	$(PKG_VENV)/bin/python packaging/build_debs.py --app dist/app/ujikom --out dist

# The artefacts tried for real: the frozen app (--version, doctor, a lab of headless
# kiosks against its own proctor), the kiosk session in cage (headless wlroots, a grim
# screenshot in dist/check/), the .debs installed and purged in a throw-away Debian root
# (mmdebstrap), the Windows scripts parsed. About 2.5 minutes, plus 4 the first time (the
# Debian root); needs root and Debian's repository.
package-check: $(STAMP) tools
	$(BIN)/python packaging/check/frozen.py dist/app/ujikom/ujikom
	UJIKOM_APP=$(CURDIR)/dist/app/ujikom/ujikom QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e/test_lab.py \
		-k three_kiosks
	$(BIN)/python packaging/check/session.py dist/app/ujikom/ujikom dist/check
	sh packaging/check/debs.sh dist dist/check
	$(PKG_VENV)/bin/python -m pip install --quiet tree-sitter tree-sitter-powershell
	$(PKG_VENV)/bin/python packaging/check/windows.py

constraints: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | LC_ALL=C sort -f > $(CONSTRAINTS)

# The lowest versions pyproject.toml allows (each floor's series) in .venv-floors, then
# the suite there: a floor below what the code needs fails a real run (issue 12). Slow
# (a second environment); run it when a floor or a dependency's use changes.
FLOORS := .venv-floors
FLOOR_TESTS ?= tests/exam_bank tests/kiosk tests/proctor tests/test_dependency_floors.py
floors: tools
	test -x $(FLOORS)/bin/python || $(PYTHON) -m venv $(FLOORS)
	$(PYTHON) -m tests.dependency_floors > $(FLOORS)/floors.txt
	$(FLOORS)/bin/python -m pip install --quiet -e '.[test]' -c $(FLOORS)/floors.txt \
		--config-settings editable_mode=compat
	QT_QPA_PLATFORM=offscreen $(FLOORS)/bin/python -m pytest -q $(FLOOR_TESTS)

clean:
	rm -rf $(VENV) $(FLOORS) demo-out .pytest_cache build dist
