#!/usr/bin/env bash
# Usage: scripts/faults.sh [RUNS] [SEED] — runs the sandbox scenarios RUNS times in all (default
# 49) under random faults drawn from SEED (random when absent), through the real bootstrap, and
# prints how many findings ended in each outcome, were retried through the Runtime API error
# path, or were lost. Exits 1 when a finding was lost, printing the command to replay that run.
# Environment: FAULTS_JOBS (runs at once, default 3), FAULTS_INTENSITY (low, medium, high;
# default medium), SWIFT_SCRATCH_PATH (build folder, default .build).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-49}"
seed="${2:-}"
jobs="${FAULTS_JOBS:-3}"
intensity="${FAULTS_INTENSITY:-medium}"
scratch="${SWIFT_SCRATCH_PATH:-.build}"
scenarios=(demo faults cross-region shared-investigation failed-and-never-ending reuse aws-us-gov)

if ! [[ "$runs" =~ ^[0-9]+$ ]] || ((runs < 1)); then
    echo "faults.sh: RUNS must be a positive whole number" >&2
    exit 2
fi
if [[ -n "$seed" ]] && ! [[ "$seed" =~ ^[0-9]+$ ]]; then
    echo "faults.sh: SEED must be a whole number" >&2
    exit 2
fi

scripts/setup.sh

echo "== build"
swift build --scratch-path "$scratch" --product bootstrap
swift build --scratch-path "$scratch" --product aws-sandbox
bin="$(swift build --scratch-path "$scratch" --show-bin-path)"

per_scenario=$(((runs + ${#scenarios[@]} - 1) / ${#scenarios[@]}))
arguments=(chaos --bootstrap "$bin/bootstrap" --runs "$per_scenario" --jobs "$jobs"
    --intensity "$intensity")
for name in "${scenarios[@]}"; do arguments+=(--scenario "scenarios/$name.json"); done
if [[ -n "$seed" ]]; then arguments+=(--seed "$seed"); fi

echo "== chaos: $((per_scenario * ${#scenarios[@]})) runs, $per_scenario per scenario, $jobs at once"
started=$SECONDS
status=0
"$bin/aws-sandbox" "${arguments[@]}" || status=$?
echo "== $((SECONDS - started)) s, $(date -u +%Y-%m-%dT%H:%MZ)"
exit "$status"
