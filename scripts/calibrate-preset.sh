#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Calibrates one shipped preset to its observed file and regenerates everything docs/calibration.md
# shows for it — one command per preset (`make calibrate-presets` runs it for each):
#
#   scripts/calibrate-preset.sh BINARY PRESET [PARTICLES] [COMPARE_TRIALS]
#
# 1. transfersim calibrate Scenarios/PRESET.yaml --observed Scenarios/calibration/PRESET.observed.yaml
#    into out/calibration/PRESET (posterior.csv, calibration.csv, predictive.csv, generations.csv, …);
# 2. ships the calibrated scenario beside the hand-set one: Scenarios/calibrated/PRESET.yaml and its
#    joint sample Scenarios/calibrated/PRESET.posterior.csv;
# 3. transfersim compare on the hand-set and the calibrated scenario (every variant, same trials and seed);
# 4. writes docs/calibration/PRESET.md from those files (scripts/calibration-tables.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?usage: calibrate-preset.sh BINARY PRESET [PARTICLES] [COMPARE_TRIALS]}
preset=${2:?usage: calibrate-preset.sh BINARY PRESET [PARTICLES] [COMPARE_TRIALS]}
particles=${3:-400}
trials=${4:-300}
out=out/calibration/$preset
scenario=Scenarios/$preset.yaml
observed=Scenarios/calibration/$preset.observed.yaml
[ -f "$scenario" ] || { echo "error: $scenario not found" >&2; exit 66; }
[ -f "$observed" ] || { echo "error: $observed not found" >&2; exit 66; }

mkdir -p out/calibration Scenarios/calibrated docs/calibration
start=$(date +%s)
"$bin" calibrate "$scenario" --observed "$observed" --particles "$particles" --out "$out" --resume ${CALIBRATE_ARGS:-} \
  | tee out/calibration/$preset.stdout.txt
end=$(date +%s)
echo "$((end - start))" > out/calibration/$preset.seconds

# Ship the calibrated scenario: its schema line and sample file name adjusted to Scenarios/calibrated/.
sed -e 's|\$schema=scenario.schema.json|$schema=../scenario.schema.json|' \
    -e "s|  - file: posterior.csv|  - file: $preset.posterior.csv|" -e "s|row of posterior.csv|row of $preset.posterior.csv|" \
    "$out/calibrated.yaml" > Scenarios/calibrated/$preset.yaml
cp "$out/posterior.csv" Scenarios/calibrated/$preset.posterior.csv

"$bin" compare "$scenario" --trials "$trials" --out "$out/compare-hand-set" > /dev/null
"$bin" compare Scenarios/calibrated/$preset.yaml --trials "$trials" --out "$out/compare-calibrated" > /dev/null

python3 scripts/calibration-tables.py --preset "$preset" --folder "$out" --trials "$trials" \
  --seconds "$(cat out/calibration/$preset.seconds)" > docs/calibration/$preset.md
echo "wrote Scenarios/calibrated/$preset.yaml, Scenarios/calibrated/$preset.posterior.csv, docs/calibration/$preset.md"
