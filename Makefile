# TransferSim — build, run, test, benchmark and install.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   make run      set up (GSL), build, and run the bundled default scenario
#   make test     set up (GSL), build and run the test suite
#   make bench    performance figures for the default scenario at 10,000 trials
#   make docs     regenerate docs/parameters.md and Scenarios/scenario.schema.json from the code
#   make install  install the transfersim binary (PREFIX=/usr/local, DESTDIR= for staging)

SWIFT   ?= swift
PREFIX  ?= /usr/local
DESTDIR ?=
# `make run SCENARIO=Scenarios/other.yaml TRIALS=2000 ARGS="--policy land_release"`
SCENARIO ?=
TRIALS   ?= 1000
ARGS     ?=

RELEASE := .build/release
SUDO    := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: setup build run test bench install uninstall clean bundle docs

## setup: install GNU GSL (Debian's libgsl-dev) and pkg-config when they are missing.
setup:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl; then \
	  echo "Installing libgsl-dev and pkg-config (GNU GSL)…"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgsl-dev pkg-config >/dev/null; \
	fi
	@pkg-config --modversion gsl >/dev/null && echo "GSL $$(pkg-config --modversion gsl) found."

## build: the release binary at .build/release/transfersim.
build: setup
	$(SWIFT) build -c release --product transfersim

## run: the bundled default scenario (or SCENARIO=…), summary on stdout, tables in out/.
run: build
	$(RELEASE)/transfersim run $(SCENARIO) --trials $(TRIALS) $(ARGS)

## test: the whole suite (unit, statistical, end-to-end) in a debug build.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## bench: cost per result history, events per second, 1→2 thread speed-up, peak memory, then
##        the points per minute of a 256-point × 200-trial Latin hypercube sweep (several minutes),
##        then a Sobol analysis of 8 parameters at N = 1024 × 10 trials (7–15 minutes on 2 cores).
bench: setup
	$(SWIFT) build -c release --product transfersim-bench
	$(RELEASE)/transfersim-bench

## bundle: regenerate the Swift copies of Scenarios/*.yaml compiled into the binary (default + presets).
bundle:
	scripts/bundle-scenarios.sh

## docs: regenerate the files generated from the parameter catalogue (a test checks they are current).
docs: setup
	$(SWIFT) build --product transfersim
	$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim params --reference > docs/parameters.md
	$$($(SWIFT) build --product transfersim --show-bin-path)/transfersim schema > Scenarios/scenario.schema.json

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
