# nev-book: `make book` builds the HTML book, `make test` runs every test.
# Both create the virtual environment (.venv) on first use and need nothing else but Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The editions to build: English (en, the site root) and Chinese (zh, under zh/). `make book EDITIONS=en`
# (or zh) builds one alone, for a quick loop; the tests and `make release` always take both.
EDITIONS ?= en zh
empty :=
EDITION_NOTEBOOKS := $(if $(filter en,$(EDITIONS)),chapters/*.ipynb) $(if $(filter zh,$(EDITIONS)),zh/chapters/*.ipynb)
# Everything the HTML book is built from; `make book` does nothing when none of it changed.
BOOK_INPUTS := VERSION _config.yml _toc.yml intro.md audit.md data.md changes.md CHANGELOG.md \
	teachers.md run-yourself.md glossary.md references.md build.md references.bib requirements.txt constraints.txt \
	$(wildcard .git/logs/HEAD) \
	$(shell find chapters data nevbook baselines zh -type f -not -path '*/__pycache__/*' -not -path '*/.ipynb_checkpoints/*')
BOOK_STAMP := _build/html/.built-$(subst $(empty) $(empty),-,$(strip $(EDITIONS)))

.PHONY: help book test unit claims changes lineage pdf pdf-reproducible release outputs checksums iea-extracts bench lab clean
.DEFAULT_GOAL := help

$(INSTALLED): requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "nev-book needs Python 3.11 (set PYTHON=python3.11)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# What the HTML and the PDF builds both do first: clear a stale cache, execute the notebooks into it,
# write the generated page parts, and make Sphinx read the pages that include them again.
define PREPARE
	$(BIN)/python -m nevbook.tools.cache_guard
	scripts/execute-parallel.sh $(EDITION_NOTEBOOKS)
	$(BIN)/python -m nevbook.site
	touch audit.md data.md references.md changes.md zh/audit.md zh/data.md zh/references.md zh/changes.md
endef

## help: list the targets
help:
	@sed -n 's/^## //p' Makefile

## book: execute the notebooks (cached) and build both editions of the HTML book into _build/html (English)
##       and _build/html/zh (Chinese), with each chapter's bundle (the chapter with its data, the nevbook
##       wheel and pinned requirements) in _build/html/bundles; EDITIONS=en or EDITIONS=zh builds one alone
book: $(BOOK_STAMP)

$(BOOK_STAMP): $(INSTALLED) $(BOOK_INPUTS)
	$(if $(filter zh,$(EDITIONS)),scripts/ensure-debian.sh fonts)
	$(PREPARE)
	$(BIN)/python -m nevbook.tools.bundles
	$(BIN)/python -m nevbook.tools.editions html $(EDITIONS)
	touch $@

## test: unit tests, data validation, nbval regression of the notebooks, figure determinism, strict book build
test: $(INSTALLED)
	$(BIN)/python -m pytest

## unit: the fast tier: tests that execute no notebook and build no book (under 30 s)
unit: $(INSTALLED)
	$(BIN)/python -m pytest tests -m "not slow" -p no:nbval -o addopts="-p no:cacheprovider -ra"

## pdf: the whole book as a PDF in each edition (xelatex + xeCJK): _build/latex/nev-book.pdf (English) and
##      _build/zh/_build/latex/nev-book-zh.pdf (Chinese), then each checked; EDITIONS=en or zh builds one
# The PDF is dated by the last commit (XeTeX reads SOURCE_DATE_EPOCH), so two builds of one commit are identical.
pdf: $(INSTALLED)
	scripts/ensure-debian.sh pdf
	$(PREPARE)
	epoch=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)}; \
	if [ -n "$$epoch" ]; then export SOURCE_DATE_EPOCH=$$epoch FORCE_SOURCE_DATE=1; fi; \
	$(BIN)/python -m nevbook.tools.editions pdf $(EDITIONS)
	$(BIN)/python -m nevbook.tools.check_pdf $(EDITIONS)

## pdf-reproducible: build the PDF twice from clean copies and compare them byte by byte
pdf-reproducible: $(INSTALLED)
	scripts/ensure-debian.sh pdf
	$(BIN)/python -m nevbook.tools.reproducible --pdf

## release: dist/nev-book-<version>/ with the site tarball (both editions), both PDFs, the notebooks of both
##          editions, chapter bundles, claims export, data, SHA256SUMS
release: EDITIONS = en zh
release: book pdf
	$(BIN)/python -m nevbook.tools.release

## claims: print the claims audit; fail if a claim is unchecked, checked twice, or its verdict moved
##         (after reviewing a moved verdict, record it with `.venv/bin/python -m nevbook.audit record`)
claims: $(INSTALLED)
	$(BIN)/python -m nevbook.audit

## changes: what moved since the last release (claims, outcomes, figures) as Markdown tables
changes: $(INSTALLED)
	$(BIN)/python -m nevbook.changes

## lineage: prove the audit trail: each verdict's outputs move when any row it names changes (necessity)
##          and stay put when every other loaded row changes (sufficiency); prints one table
lineage: $(INSTALLED)
	$(BIN)/python -m nevbook.lineage_check

## outputs: re-execute the notebooks of both editions in place (only after understanding why their outputs change)
outputs: $(INSTALLED)
	$(BIN)/python -m nevbook.tools.refresh_outputs

## checksums: record the sha256 of every raw file in its metadata (after a deliberate data change)
checksums: $(INSTALLED)
	$(BIN)/python -m nevbook.data checksums

## iea-extracts: rebuild data/raw/iea/*.csv from the full IEA files in ../shared/data-snapshots/iea
iea-extracts: $(INSTALLED)
	$(BIN)/python -m nevbook.tools.iea_extract

## bench: time the builds, the tests and the lineage check (see README, Performance)
bench: $(INSTALLED)
	$(BIN)/python -m nevbook.tools.benchmark

## lab: open the notebooks in JupyterLab, in the project's environment (installs the pinned JupyterLab once)
lab: $(INSTALLED)
	test -x $(BIN)/jupyter-lab || $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements-lab.txt
	$(BIN)/jupyter-lab chapters

## clean: remove _build/, _generated/ and dist/
clean:
	rm -rf _build _generated dist
