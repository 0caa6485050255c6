# TransferSim — build, run, test, benchmark and install.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   make run      set up (GSL), build, and run the bundled default scenario
#   make test     set up (GSL), build and run the test suite
#   make bench    performance figures for the default scenario at 10,000 trials
#   make docs     regenerate docs/parameters.md and the JSON Schemas (scenario, sweep, sensitivity) from the code
#   make install  install the transfersim binary (PREFIX=/usr/local, DESTDIR= for staging)
#   make notebooks      execute Notebooks/*.ipynb top to bottom (outputs go to a temp folder)
#   make report-check   render the default scenario's report in headless Chromium to a PNG
#   make readme-check   run the README's examples and check its quoted figures (release build)
#   make fuzz           mutation-fuzz the scenario, sweep and design readers for FUZZ_SECONDS
#   make lever-table    regenerate docs/validation.md's lever table (every lever of MODEL.md §4.1, paired)
#   make calibrate-presets  calibrate the presets to their observed files; ship Scenarios/calibrated/ (docs/calibration.md)
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

.PHONY: setup build run test bench install uninstall clean bundle docs notebooks report-check readme-check fuzz lever-table \
        calibrate-presets calibration-check

## setup: install GNU GSL (Debian's libgsl-dev) and pkg-config when they are missing.
setup:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl; then \
	  echo "Installing libgsl-dev and pkg-config (GNU GSL)…"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgsl-dev pkg-config >/dev/null; \
	fi
	@pkg-config --modversion gsl >/dev/null && echo "GSL $$(pkg-config --modversion gsl) found."

## build: the release binary at .build/release/transfersim, with this checkout's git revision
##        recorded in it for every manifest (scripts/with-revision.sh).
build: setup
	scripts/with-revision.sh $(SWIFT) build -c release --product transfersim

## run: the bundled default scenario (or SCENARIO=…), summary on stdout, tables in RUN_OUT (out/run,
##      replaced whole on the next make run).
run: build
	$(RELEASE)/transfersim run $(SCENARIO) --trials $(TRIALS) --out $(RUN_OUT) $(ARGS)

## test: the whole suite (unit, statistical, end-to-end) in a debug build.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## notebooks: build the CLI (debug), install the pinned Python packages of Notebooks/requirements.txt
##            in a virtual environment under .build/, and execute each notebook top to bottom with
##            nbconvert into a temporary folder (nothing is written back into Notebooks/).
NOTEBOOK_VENV ?= .build/notebooks-venv
notebooks: setup
	$(SWIFT) build --product transfersim
	@command -v python3 >/dev/null 2>&1 && python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || { \
	  echo "Installing python3-venv (Debian)…"; $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip >/dev/null; }
	@[ -x $(NOTEBOOK_VENV)/bin/python ] || python3 -m venv $(NOTEBOOK_VENV)
	$(NOTEBOOK_VENV)/bin/pip install -q -r Notebooks/requirements.txt
	@out=$$(mktemp -d) && bin=$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim && \
	for nb in Notebooks/*.ipynb; do \
	  echo "Executing $$nb"; \
	  TRANSFERSIM=$$bin MPLBACKEND=Agg $(NOTEBOOK_VENV)/bin/jupyter nbconvert --to notebook --execute \
	    --ExecutePreprocessor.timeout=300 --output-dir "$$out" "$$nb" || exit 1; \
	done && echo "Executed notebooks are in $$out"

## report-check: run the default scenario (REPORT_TRIALS=200), write its HTML report, render it in
##               headless Chromium (Debian's chromium, installed when missing) to REPORT_PNG, and fail
##               if the page logs console errors (a script, a blocked fetch) or the PNG is empty.
REPORT_TRIALS ?= 200
REPORT_PNG    ?= docs/images/report.png
report-check: setup
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
##        then a Sobol analysis of 8 parameters at N = 1024 × 10 trials (7–15 minutes on 2 cores), then
##        the calibration of the default scenario to its observed file (2,000 particles: simulations per
##        second, wall time, effective sample size; `transfersim-bench --calibration-only` alone); first
##        the instructions per result history from callgrind (scripts/instructions-per-result.sh, valgrind
##        installed when missing), which unlike wall time does not drift with the machine's load.
bench: build
	@command -v valgrind >/dev/null 2>&1 || { echo "Installing valgrind…"; $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
	scripts/instructions-per-result.sh $(RELEASE)/transfersim
	$(SWIFT) build -c release --product transfersim-bench
	$(RELEASE)/transfersim-bench

## calibrate-presets: for each preset in CALIBRATE_PRESETS, scripts/calibrate-preset.sh: calibrate it to
##                    Scenarios/calibration/PRESET.observed.yaml (CALIBRATE_PARTICLES particles), ship
##                    Scenarios/calibrated/PRESET.yaml + .posterior.csv, compare hand-set and calibrated
##                    policies, and write docs/calibration/PRESET.md. One preset: make calibrate-presets CALIBRATE_PRESETS=henan
CALIBRATE_PRESETS   ?= henan lanzhou
CALIBRATE_PARTICLES ?= 400
calibrate-presets: build
	@for p in $(CALIBRATE_PRESETS); do scripts/calibrate-preset.sh $(RELEASE)/transfersim $$p $(CALIBRATE_PARTICLES) || exit 1; done

## calibration-check: the opt-in calibration checks (minutes to an hour): the recovery test (90 % posterior
##                    intervals cover the true values of synthetic data at about their rate over repeated
##                    seeds) and the pyabc cross-check (scripts/calibration-crosscheck.py, pyabc from PyPI).
calibration-check: build
	$(SWIFT) build --build-tests
	TRANSFERSIM_HEAVY=1 $(SWIFT) test --skip-build --filter CalibrationRecoveryTests
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
	$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim schema --format observed > Scenarios/calibration/observed.schema.json

## install: the binary and shell completions under $(DESTDIR)$(PREFIX).
install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(RELEASE)/transfersim $(DESTDIR)$(PREFIX)/bin/transfersim
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(RELEASE)/transfersim --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/transfersim
	$(RELEASE)/transfersim --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_transfersim
	$(RELEASE)/transfersim --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/transfersim.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/transfersim $(DESTDIR)$(PREFIX)/share/bash-completion/completions/transfersim \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_transfersim $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/transfersim.fish

clean:
	rm -rf .build out
