# nev-book: `make book` builds the HTML book, `make test` runs every test.
# Both create the virtual environment (.venv) on first use and need nothing else but Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Everything the HTML book is built from; `make book` does nothing when none of it changed.
BOOK_INPUTS := VERSION _config.yml _toc.yml intro.md audit.md data.md changes.md CHANGELOG.md \
	teachers.md run-yourself.md glossary.md references.md references.bib requirements.txt constraints.txt \
	$(wildcard .git/logs/HEAD) \
	$(shell find chapters data nevbook -type f -not -path '*/__pycache__/*' -not -path '*/.ipynb_checkpoints/*')
BOOK_STAMP := _build/html/.built

.PHONY: book test claims lineage pdf release outputs checksums iea-extracts bench clean

$(INSTALLED): requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "nev-book needs Python 3.11 (set PYTHON=python3.11)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## book: execute the notebooks (cached) and build the HTML book into _build/html
book: $(BOOK_STAMP)

$(BOOK_STAMP): $(INSTALLED) $(BOOK_INPUTS)
	$(BIN)/python scripts/cache_guard.py
	scripts/execute-parallel.sh
	$(BIN)/python -m nevbook.audit site
	touch audit.md data.md references.md  # their generated parts changed: make Sphinx read them again
	$(BIN)/jupyter-book build . -W -n --keep-going
	touch $@

## test: unit tests, data validation, nbval regression of the notebooks, figure determinism, strict book build
test: $(INSTALLED)
	$(BIN)/python -m pytest

## pdf: the whole book as a PDF (xelatex + xeCJK) in _build/latex/nev-book.pdf, then checked
pdf: $(INSTALLED)
	scripts/ensure-debian.sh pdf
	$(BIN)/python scripts/cache_guard.py
	scripts/execute-parallel.sh
	$(BIN)/python -m nevbook.audit site
	$(BIN)/jupyter-book build . --builder pdflatex
	$(BIN)/python scripts/check_pdf.py

## release: dist/nev-book-<version>/ with the site tarball, PDF, notebooks, claims export, data, SHA256SUMS
release: book pdf
	$(BIN)/python scripts/release.py

## claims: print the claims audit; fail if a claim is unchecked, checked twice, or its verdict moved
##         (after reviewing a moved verdict, record it with `.venv/bin/python -m nevbook.audit record`)
claims: $(INSTALLED)
	$(BIN)/python -m nevbook.audit

## lineage: prove the audit trail: each verdict's outputs move when any row it names changes (necessity)
##          and stay put when every other loaded row changes (sufficiency); prints one table
lineage: $(INSTALLED)
	$(BIN)/python -m nevbook.lineage_check

## outputs: re-execute the notebooks in place (only after understanding why their outputs change)
outputs: $(INSTALLED)
	$(BIN)/python scripts/refresh_outputs.py

## checksums: record the sha256 of every raw file in its metadata (after a deliberate data change)
checksums: $(INSTALLED)
	$(BIN)/python -m nevbook.data checksums

## iea-extracts: rebuild data/raw/iea/*.csv from the full IEA files in ../shared/data-snapshots/iea
iea-extracts: $(INSTALLED)
	$(BIN)/python -m nevbook.iea_extract

## bench: time a cold build, a no-change rebuild and the test suite
bench: $(INSTALLED)
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf _build _generated dist
