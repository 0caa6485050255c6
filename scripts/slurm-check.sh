#!/usr/bin/env bash
# make slurm-check: the shipped Slurm templates (deploy/slurm/) on a live single-node Slurm cluster.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   scripts/slurm-check.sh BINARY
#
# Starts munged, slurmctld and slurmd on this machine (scripts/slurm-cluster.sh: generated
# slurm.conf in a temporary folder, loopback, two CPUs), submits the default scenario's shipped sweep
# (Scenarios/sweeps/inventor-share-and-land.yaml) as SHARDS shards with deploy/slurm/submit.sh,
# cancels one shard's job midway (scancel), resubmits it with deploy/slurm/resubmit.sh (--resume),
# waits for the dependent merge job, and compares the merged tables byte for byte with an
# unsharded run of the same sweep. Every daemon it started is stopped on exit (trap).
set -euo pipefail
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
shards=${SHARDS:-4}
victim=${VICTIM:-2}
sweep=$repo/Scenarios/sweeps/inventor-share-and-land.yaml
started=$(date +%s)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/transfersim-slurm-check.XXXXXX")
cleanup() {
    status=$?
    echo "== stopping the cluster"
    "$repo/scripts/slurm-cluster.sh" stop "$tmp/cluster" || true
    if [ $status -eq 0 ]; then rm -rf "$tmp"; else echo "slurm-check: FAILED; logs and folders kept in $tmp"; fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
elapsed() { echo "$(( $(date +%s) - started )) s"; }
show_queue() { squeue -r -o '%.10i %.18j %.9T %.10M %R' | sed 's/^/   /'; }
state_of() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n1; }

echo "== starting a single-node Slurm cluster in $tmp/cluster"
mkdir -p "$tmp/cluster" "$tmp/work"
"$repo/scripts/slurm-cluster.sh" start "$tmp/cluster"
export SLURM_CONF=$tmp/cluster/slurm.conf
sinfo | sed 's/^/   /'

out=$tmp/work/sweep
echo "== submitting $shards shards of $(basename "$sweep") and the dependent merge (deploy/slurm/submit.sh)"
TRANSFERSIM=$binary TS_SBATCH="--cpus-per-task=1" "$repo/deploy/slurm/submit.sh" "$shards" "$out" sweep "$sweep"
# shellcheck disable=SC1091
. "$out.jobs"
show_queue

echo "== waiting for shard $victim (job ${SHARD_JOBS}_$victim) to journal its first point"
journal=$out.shards/$victim.in-progress/sweep.journal.csv
for _ in $(seq 600); do
    [ -f "$journal" ] && [ "$(wc -l < "$journal")" -ge 2 ] && break
    sleep 0.5
done
[ -f "$journal" ] && [ "$(wc -l < "$journal")" -ge 2 ] || { echo "shard $victim never journaled a point"; exit 1; }
echo "== cancelling shard $victim midway: scancel ${SHARD_JOBS}_$victim (journal: $(( $(wc -l < "$journal") - 1 )) point(s) done, $(elapsed))"
scancel "${SHARD_JOBS}_$victim"
for _ in $(seq 120); do
    case $(state_of "${SHARD_JOBS}_$victim") in RUNNING|COMPLETING|PENDING) sleep 0.5 ;; *) break ;; esac
done
echo "   shard $victim is $(state_of "${SHARD_JOBS}_$victim"); its journal keeps $(( $(wc -l < "$journal") - 1 )) point(s); its log says:"
tail -n 2 "$out.logs/shard-$victim.out" | sed 's/^/   | /'
show_queue

echo "== resubmitting shard $victim with --resume (deploy/slurm/resubmit.sh)"
"$repo/deploy/slurm/resubmit.sh" "$out" "$victim"
# shellcheck disable=SC1091
. "$out.jobs"
show_queue

echo "== waiting for the merge job $MERGE_JOB"
last=""
for _ in $(seq 1800); do
    state=$(state_of "$MERGE_JOB")
    case $state in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break ;; esac
    queue=$(squeue -h -r -o '%i %T' | tr '\n' ' ')
    [ "$queue" != "$last" ] && { echo "   $(elapsed): $queue"; last=$queue; }
    sleep 1
done
echo "   merge job $MERGE_JOB: $(state_of "$MERGE_JOB") after $(elapsed)"
sed 's/^/   | /' "$out.logs/merge.out"
[ "$(state_of "$MERGE_JOB")" = COMPLETED ] || { echo "the merge job did not complete"; exit 1; }
echo "   shard $victim's log (cancelled, then resumed):"
sed 's/^/   | /' "$out.logs/shard-$victim.out"

echo "== the same sweep unsharded, outside Slurm"
"$binary" sweep "$sweep" --out "$tmp/work/whole" --threads 2 | sed 's/^/   /'

echo "== byte-for-byte comparison: merged (Slurm) vs unsharded"
status=0
for table in sweep.csv sweep_long.csv; do
    merged=$(sha256sum < "$out/$table" | cut -d' ' -f1)
    whole=$(sha256sum < "$tmp/work/whole/$table" | cut -d' ' -f1)
    if cmp -s "$out/$table" "$tmp/work/whole/$table"; then
        echo "   identical  $table  $(wc -c < "$out/$table") bytes  sha256 $merged"
    else
        echo "   DIFFERENT  $table  merged $merged, unsharded $whole"
        status=1
    fi
done
[ $status -eq 0 ] || exit 1
echo "slurm-check: passed in $(elapsed) ($shards shards, shard $victim cancelled and resumed, merged bytes identical)"
