# The two commands a new user needs: `make run` (install and open the app) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-server test-kit offline-kit lint bench screenshots syslibs testlibs clean

run: $(STAMP) syslibs
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then \
		echo "No display found: opening GenSec Quiz on a virtual screen (xvfb-run)."; \
		xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/gensec-quiz; \
	else \
		$(BIN)/gensec-quiz; \
	fi

test: $(STAMP) syslibs testlibs lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

# The store's tests on a real PostgreSQL (a school server): installs and starts one as root.
test-server: $(STAMP) syslibs
	scripts/test-server.sh

# The offline install kit (issue: installing with no network). `make offline-kit` builds
# dist/gensec-quiz-offline-VERSION/ for Linux x86_64 and Windows x64, Python 3.11-3.13 (needs
# the network, about 520 MB of wheels); `make test-kit` builds a Linux one and installs it offline.
offline-kit: $(STAMP)
	$(BIN)/python scripts/offline_kit.py --out dist

test-kit: $(STAMP) syslibs
	GENSEC_QUIZ_TEST_KIT=1 QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q tests/test_offline_kit.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

# `make bench` (about 5 minutes here; the first time, or after the storage code changed, 2 to 13
# more while it builds its million-answer store) or `make bench BENCH_ARGS=--quick`; writes only
# under benchmarks/results/ (git-ignored). BENCH_ARGS may also name benchmarks: `startup`.
bench: $(STAMP) syslibs
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py $(BENCH_ARGS)

screenshots: $(STAMP) syslibs
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/teacher_screenshots.py docs/screenshots

syslibs:
	@scripts/ensure-system-libs.sh

# php runs Moodle's own import code on our exports (tests/test_moodle_import_check.py, skipped
# without it); a missing php is named, never fatal.
testlibs:
	-@scripts/ensure-system-libs.sh php-cli php-xml php-mbstring

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "GenSec Quiz needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
