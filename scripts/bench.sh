#!/usr/bin/env bash
# Usage: scripts/bench.sh [RUNS] [TIMED_RUNS] — the function's performance table (10 and 3).
#
# Packages the function with scripts/package.sh (release, static Swift standard library, the
# bundled libraries) when dist/bootstrap.zip is missing or older than the sources, unpacks the
# zip and measures the `bootstrap` in it, so the figures are those of what ships. Builds the
# Benchmarks package and prints a Markdown table: each figure the median of its runs with min
# and max, and whether it meets its target.
#   start-up       launch of bootstrap to the Runtime API seeing `GET next` (RUNS runs)
#   idle memory    VmHWM of bootstrap 200 ms after its first poll (same runs)
#   event          VmHWM and CPU per finding (wait4 rusage, less an idle run's) for one event
#                  of 20 findings whose investigations succeed at once
#                  (scenarios/bench-instant.json)
#   concurrency    wall time for 20 findings whose investigations run 1 s, at
#                  INVESTIGATION_CONCURRENCY 1 and 5, TIMED_RUNS each
#                  (scenarios/bench-one-second.json)
#   signing        SigV4 signatures per second of a StartInvestigation request
#   zip            size of dist/bootstrap.zip
# Everything runs on 127.0.0.1. Progress goes to stderr, the table to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
timed_runs="${2:-3}"
scratch="${BENCH_SCRATCH_PATH:-.build-bench}"

zip_file=dist/bootstrap.zip
inputs=(Sources Package.swift scripts/package.sh)
[[ -d scripts/package-stubs ]] && inputs+=(scripts/package-stubs)
if [[ ! -f "$zip_file" ]] || [[ -n "$(find "${inputs[@]}" -newer "$zip_file" -print -quit)" ]]
then
    echo "== package ($zip_file is missing or older than the sources)" >&2
    SCRATCH_PATH="$scratch" scripts/package.sh >&2
fi
unpacked="$(mktemp -d /tmp/bench-package.XXXXXX)"
log="$unpacked.log"
trap 'rm -rf "$unpacked"' EXIT
unzip -q "$zip_file" -d "$unpacked"
binary="$unpacked/bootstrap"

echo "== build the benchmarks (release)" >&2
# When a file of the root package is removed, SwiftPM can plan the first build of the path
# dependency with the old file list ("missing inputs"); the second build plans afresh.
swift build -c release --package-path Benchmarks >&2 ||
    swift build -c release --package-path Benchmarks >&2
bench_bin="$(swift build -c release --package-path Benchmarks --show-bin-path)"

echo "== measure (bootstrap output in $log)" >&2
cores="$(nproc)"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m), $cores cores," \
    "$(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo)," \
    "load average $(cut -d ' ' -f 1 /proc/loadavg) before the runs;" \
    "$runs runs, $timed_runs timed runs"
# Timings compete with whatever else runs; say so when the machine was not quiet.
if awk -v load="$(cut -d ' ' -f 1 /proc/loadavg)" -v cores="$cores" \
    'BEGIN { exit !(load > cores / 2) }'; then
    echo "WARNING: the load average exceeds half the cores; timings are inflated and noisy."
fi
echo
echo "| measure | median | min | max | target | result |"
echo "|---|---:|---:|---:|---|---|"
"$bench_bin/bench-function" --bootstrap "$binary" --instant scenarios/bench-instant.json \
    --timed scenarios/bench-one-second.json --runs "$runs" --timed-runs "$timed_runs" --log "$log"
"$bench_bin/bench-signing" 5

# One file, so one figure: min and max are the same.
zip_mb="$(awk -v bytes="$(stat -c %s "$zip_file")" 'BEGIN { printf "%.1f", bytes / 1e6 }')"
verdict="$(awk -v size="$zip_mb" 'BEGIN {
    if (size < 10) print "met"; else printf "**NOT MET** (%.1fx)", size / 10 }')"
echo "| packaged $zip_file (MB) | $zip_mb | $zip_mb | $zip_mb | < 10 MB | $verdict |"
