#!/bin/bash
# Submits a sharded TransferSim job to Slurm: an array of N shard tasks (shard.sbatch) and a merge
# job (merge.sbatch) that runs once all of them have succeeded.
#
#   deploy/slurm/submit.sh N OUT TRANSFERSIM-ARGS...
#   deploy/slurm/submit.sh 16 results/sweep sweep Scenarios/sweeps/inventor-share-and-land.yaml
#   deploy/slurm/submit.sh 8 results/big run Scenarios/default.yaml --trials 200000 --fund-flows
#
# Shards go to OUT.shards/1 … OUT.shards/N, logs to OUT.logs/, the merged folder to OUT; the job ids
# are kept in OUT.jobs for resubmit.sh. TRANSFERSIM (default: transfersim on PATH) names the binary;
# SBATCH_* variables and extra options in TS_SBATCH (e.g. "--partition=long --cpus-per-task=8")
# adjust the submission. Arguments must not contain spaces.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,13p' "$0" >&2; exit 64; }
here=$(cd "$(dirname "$0")" && pwd)
export TS_SHARDS=$1 TS_OUT=$2
shift 2
export TS_ARGS="$*" TRANSFERSIM=${TRANSFERSIM:-transfersim}
read -r -a extra <<< "${TS_SBATCH:-}"
mkdir -p "$TS_OUT.logs" "$TS_OUT.shards"
shards=$(sbatch --parsable "${extra[@]}" --array="1-$TS_SHARDS" --output="$TS_OUT.logs/shard-%a.out" "$here/shard.sbatch")
merge=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$shards" --output="$TS_OUT.logs/merge.out" "$here/merge.sbatch")
cat > "$TS_OUT.jobs" <<JOBS
TS_SHARDS=$TS_SHARDS
TS_OUT='$TS_OUT'
TS_ARGS='$TS_ARGS'
TRANSFERSIM='$TRANSFERSIM'
TS_SBATCH='${TS_SBATCH:-}'
SHARD_JOBS='$shards'
MERGE_JOB=$merge
JOBS
echo "submitted shards: array job $shards (tasks 1-$TS_SHARDS); merge: job $merge, after all shards succeed"
