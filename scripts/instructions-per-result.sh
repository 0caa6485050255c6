#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Instructions per simulated result history: a measure of the engine's cost that, unlike wall time,
# does not drift with the machine's load. callgrind counts the instructions of a 20-trial and a
# 10-trial run of the default scenario on one thread; the difference, divided by the results the
# extra 10 trials disclosed, removes start-up and output costs.
#
#   scripts/instructions-per-result.sh [BINARY]     (default .build/release/transfersim)
#
# Needs valgrind (Debian package). The copy is stripped: valgrind cannot read Swift's debug info.
set -euo pipefail
binary=${1:-.build/release/transfersim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$binary" "$work/transfersim" && strip "$work/transfersim"
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1" "$work/transfersim" run --trials "$1" --threads 1 \
    --out "$work/out$1" 2>&1 >/dev/null | awk '/Collected/ {print $4}'
}
a=$(count 10)
b=$(count 20)
python3 - "$a" "$b" "$work" <<'PY'
import csv, sys
a, b, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def disclosed(n):
    return sum(float(r["disclosed"]) for r in csv.DictReader(open(f"{work}/out{n}/trials.csv")))
print("instructions per result history: %.0f" % ((b - a) / (disclosed(20) - disclosed(10))))
PY
