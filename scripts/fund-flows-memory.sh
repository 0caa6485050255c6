#!/usr/bin/env bash
# Peak memory (maximum resident set size) of `run --fund-flows` against the same run without it, for
# make bench: --fund-flows streams its rows to disk block by block, so the two should be within a
# few MiB whatever the trial count (before streaming, every trial's flows and their CSV text were
# held until the end).
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   scripts/fund-flows-memory.sh BINARY [TRIALS]    (TRIALS defaults to 20000)
set -euo pipefail
binary=$1
trials=${2:-20000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/transfersim-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
peak() {  # peak RSS in KiB of the command, from GNU time's "Maximum resident set size"
    /usr/bin/time -v "$@" > /dev/null 2> "$tmp/time.txt" || { cat "$tmp/time.txt" >&2; return 1; }
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt"
}
plain=$(peak "$binary" run --trials "$trials" --threads 2 --out "$tmp/plain")
flows=$(peak "$binary" run --trials "$trials" --threads 2 --fund-flows --out "$tmp/flows")
size=$(wc -c < "$tmp/flows/fund_flows.csv")
cmp -s "$tmp/plain/summary.csv" "$tmp/flows/summary.csv" || { echo "the two runs' summaries differ" >&2; exit 1; }
awk -v t="$trials" -v a="$plain" -v b="$flows" -v s="$size" 'BEGIN {
    printf "Peak memory (max RSS), default scenario, %d trials, 2 threads:\n", t
    printf "  run                %8.1f MiB\n", a / 1024
    printf "  run --fund-flows   %8.1f MiB   (fund_flows.csv %.0f MiB written as the trials finish)\n", b / 1024, s / 1048576
    printf "  difference         %8.1f MiB   (target: within a few MiB)\n", (b - a) / 1024
}'
