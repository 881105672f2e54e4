# One command surface for people and CI. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
STAMP := $(VENV)/.installed-build
# make build EDITION=editions/cz.yml: build one edition (editions/); none: the
# international site. The i18n hook reads it from NYF_EDITION.
EDITION ?=
ifneq ($(strip $(EDITION)),)
export NYF_EDITION := $(EDITION)
endif
DEV_STAMP := $(VENV)/.installed-dev
PRINT_STAMP := $(VENV)/.installed-print
# make print LANG=ar COUNTRY=cz KIND=poster: LANG only when given on the
# command line (the environment's LANG is the shell's locale, not a choice).
PRINT_LANG := $(if $(filter command line,$(origin LANG)),$(LANG))
PRINT_ARGS := $(if $(PRINT_LANG),--lang "$(PRINT_LANG)") $(if $(COUNTRY),--country "$(COUNTRY)") \
	$(if $(KIND),--kind "$(KIND)")

.PHONY: help setup build serve print test catalogs-extract catalogs-update catalogs-check \
	add-language translation-status translation-quality translations-update translations-tmx clean

help:
	@echo "make build   set up and build the site into site/ (strict)"
	@echo "make serve   set up and serve a live preview on http://127.0.0.1:8000"
	@echo "make build EDITION=editions/cz.yml   build one edition (serve takes EDITION= too)"
	@echo "make test    set up and run every test (browser tests included)"
	@echo "make print   the PDFs (leaflets, posters, lesson packs) into site/print/"
	@echo "             LANG=ar COUNTRY=cz KIND=poster for some of them"
	@echo "make catalogs-extract / catalogs-update / catalogs-check"
	@echo "make add-language CODE=ga   scaffold a new language"
	@echo "make translation-status     units translated, fuzzy, missing, reviewed"
	@echo "make translation-quality    every unit in its language, glossary terms used (and missed)"
	@echo "make translations-update    English changed: update the page templates and PO files"
	@echo "make translations-tmx       reviewed page translations as TMX (translation memory)"

# The build's packages for build and serve; the test tools on top for test.
$(STAMP): requirements/build.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/build.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(PRINT_STAMP): $(STAMP) requirements/print.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/print.txt
	touch $(PRINT_STAMP)

$(DEV_STAMP): $(STAMP) requirements/dev.txt requirements/print.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $(DEV_STAMP)

setup: $(DEV_STAMP)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# Builds the site first if site/ has not been built (make build print: both).
print: $(PRINT_STAMP)
	scripts/install_print_tools.sh
	test -f site/print/pdfs.json || $(BIN)/mkdocs build --strict
	$(BIN)/python scripts/print_pdfs.py site $(PRINT_ARGS)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

catalogs-extract: $(STAMP)
	$(BIN)/python scripts/catalogs.py extract

catalogs-update: $(STAMP)
	$(BIN)/python scripts/catalogs.py update

catalogs-check: $(STAMP)
	$(BIN)/python scripts/catalogs.py check

# make add-language CODE=ga
add-language: $(STAMP)
	$(BIN)/python scripts/add_language.py $(CODE)

translations-update: $(STAMP)
	$(BIN)/python scripts/page_po.py update

translations-tmx: $(STAMP)
	$(BIN)/python scripts/page_po.py tmx translations.tmx

translation-status: $(STAMP)
	$(BIN)/python scripts/page_po.py status

# Needs lingua (a test tool): the same check as in `make test`, listing glossary misses too.
translation-quality: $(DEV_STAMP)
	$(BIN)/python scripts/translation_quality.py --misses

test: $(DEV_STAMP)
	scripts/install_test_tools.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/catalogs.py check
	$(BIN)/python scripts/page_po.py check
	$(BIN)/python scripts/translation_quality.py
	$(BIN)/mkdocs build --strict --site-dir .cache/test-site
	# Two workers, a test file each at a time (module fixtures are built once):
	# the browser tests mostly wait, and CI has two cores and 30 minutes.
	NYF_BUILT_SITE=.cache/test-site $(BIN)/pytest -n 2 --dist loadfile --cov --cov-report=term

clean:
	rm -rf site .pytest_cache
