#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The worked example of docs/policy-search.md, end to end on the bundled default scenario:
#   1. the cheapest package of four levers meeting P(converted_local >= 250) >= 0.8 (Nelder–Mead);
#   2. the Pareto front of fiscal cost against local conversions over the same levers (NSGA-II);
#   3. goal seek: the least industrial land a year giving a mean of 250 local conversions;
#   4. the conditions under which the cheapest package misses 250 local conversions on average:
#      a Latin hypercube sweep of regional uncertainties with the package's levers fixed, then PRIM.
# Usage: scripts/policy-search-example.sh BINARY OUT   (make policy-search-example)
# Everything it prints is also written to OUT/example.txt, which docs/policy-search.md quotes.
set -euo pipefail
bin=${1:?usage: policy-search-example.sh BINARY OUT}
out=${2:?usage: policy-search-example.sh BINARY OUT}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
log="$out/example.txt"
: > "$log"
say() { echo "$@" | tee -a "$log"; }
step() { say; say "\$ $*"; "$@" | tee -a "$log"; }
start=$(date +%s)

step "$bin" optimise "$root/Scenarios/search/cheapest-robust.yaml" --out "$out/cheapest"
step "$bin" optimise "$root/Scenarios/search/cost-conversions-front.yaml" --out "$out/front"
step "$bin" optimise --seek policy.land.annual_quota_mu --target "converted_local.mean >= 250" --low 0 --high 1000 --resolution 5 --trials 200 --out "$out/seek"

# The cheapest package's lever values (front.csv's first row), fixed in the uncertainty sweep.
python3 - "$out/cheapest/front.csv" "$root/Scenarios/default.yaml" "$out/uncertainty.yaml" <<'PY'
import csv, sys
row = next(csv.DictReader(open(sys.argv[1])))
levers = [k for k in row if k.startswith("policy.")]
with open(sys.argv[3], "w") as f:
    f.write(f"scenario: {sys.argv[2]}\ndesign: latin_hypercube\npoints: 150\ntrials: 20\nseed: 11\nparameters:\n")
    for k in levers:
        f.write(f"  {k}: {{values: [{row[k]}]}}\n")
    f.write("  region.firms.absorptive_a: {range: {low: 1.5, high: 6}}\n")
    f.write("  region.firms.cash_median: {range: {low: 15, high: 80}}\n")
    f.write("  region.arrivals.annual_disclosures: {range: {low: 600, high: 1000}}\n")
    f.write("  region.achievements.value_median: {range: {low: 150, high: 450}}\n")
    f.write("  region.fields.new_materials.local_fit: {range: {low: 0.2, high: 0.8}}\n")
PY
step "$bin" sweep "$out/uncertainty.yaml" --out "$out/uncertainty"
step "$bin" discover "$out/uncertainty" --target "converted_local.mean >= 250" --out "$out/discover"
say
say "example finished in $(( $(date +%s) - start )) s on $(nproc) cores"
