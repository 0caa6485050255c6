#!/bin/bash
# Resubmits shards of a job that submit.sh submitted — ones that failed, were cancelled, timed out or
# were pre-empted without being requeued — and moves the merge after them.
#
#   deploy/slurm/resubmit.sh OUT K [K...]
#
# Each shard K runs again with --resume (shard.sbatch always passes it), continuing from its journal
# in OUT.shards/K.in-progress. The pending merge job is replaced by one that waits for the
# resubmitted shards and for every shard task still queued or running.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,10p' "$0" >&2; exit 64; }
here=$(cd "$(dirname "$0")" && pwd)
out=$1
shift
# shellcheck disable=SC1090
. "$out.jobs"
export TS_SHARDS TS_OUT TS_ARGS TRANSFERSIM
read -r -a extra <<< "${TS_SBATCH:-}"
list=$(IFS=,; echo "$*")
job=$(sbatch --parsable "${extra[@]}" --array="$list" --output="$TS_OUT.logs/shard-%a.out" "$here/shard.sbatch")
echo "resubmitted shard(s) $list as array job $job (with --resume)"
dependency="afterok:$job"
for previous in $SHARD_JOBS; do
    for task in $(squeue -h -r -j "$previous" -o %i 2>/dev/null); do dependency+=":$task"; done
done
scancel "$MERGE_JOB" 2>/dev/null || true
merge=$(sbatch --parsable "${extra[@]}" --dependency="$dependency" --output="$TS_OUT.logs/merge.out" "$here/merge.sbatch")
echo "merge: job $merge (replacing $MERGE_JOB), after $dependency"
sed -i -e "s/^SHARD_JOBS='\(.*\)'/SHARD_JOBS='\1 $job'/" -e "s/^MERGE_JOB=.*/MERGE_JOB=$merge/" "$out.jobs"
