# The two commands a new user needs: `make run` (install and open the app) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The translation catalogues: the template extracted from the sources, one .po per language, each
# compiled into a .mo (git-ignored; the wheel's build hook compiles it too, see hatch_build.py).
LOCALE := src/gensec_quiz/locale
POT    := $(LOCALE)/gensec_quiz.pot
POS    := $(wildcard $(LOCALE)/*/LC_MESSAGES/gensec_quiz.po)
MOS    := $(POS:.po=.mo)
EXTRACT_KEYWORDS := --no-default-keywords -k tr -k ntr:1,2 -k N_ -k tr_in:2 -k ntr_in:2,3

.PHONY: run test catalogue test-server test-kit offline-kit lint bench screenshots syslibs testlibs clean

run: $(STAMP) $(MOS) syslibs
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then \
		echo "No display found: opening GenSec Quiz on a virtual screen (xvfb-run)."; \
		xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/gensec-quiz; \
	else \
		$(BIN)/gensec-quiz; \
	fi

test: $(STAMP) $(MOS) syslibs testlibs lint
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

screenshots: $(STAMP) $(MOS) syslibs
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/teacher_screenshots.py docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots_fr.py docs/screenshots/fr

# `make catalogue`: extract every marked string (tr, ntr, N_, tr_in, ntr_in) into the template,
# merge it into each language's .po (new strings arrive untranslated, changed ones fuzzy), compile.
catalogue: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(EXTRACT_KEYWORDS) --sort-by-file --no-wrap --add-location=file \
		--project=gensec-quiz --copyright-holder="GenSec Quiz developers" \
		--msgid-bugs-address="" -o $(POT) .
	$(BIN)/pybabel update -D gensec_quiz -d $(LOCALE) -i $(POT) --no-wrap --ignore-obsolete
	$(MAKE) $(MOS)

$(LOCALE)/%/LC_MESSAGES/gensec_quiz.mo: $(LOCALE)/%/LC_MESSAGES/gensec_quiz.po $(STAMP)
	$(BIN)/pybabel compile -D gensec_quiz -d $(LOCALE) -l $* --statistics

syslibs:
	@scripts/ensure-system-libs.sh

# php runs Moodle's own import code on our exports (tests/test_moodle_import_check.py, skipped
# without it); a missing php is named, never fatal.
testlibs:
	-@scripts/ensure-system-libs.sh php-cli php-xml php-mbstring

$(STAMP): pyproject.toml hatch_build.py
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "GenSec Quiz needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
