#!/usr/bin/env bash
# Usage: scripts/fuzz.sh TARGET SECONDS      fuzz TARGET for SECONDS from its seed corpus
#        scripts/fuzz.sh TARGET FILE...      run TARGET once on each FILE (a reproducer)
#
# TARGET is one of: events, aws-errors, runtime-headers (the executables of Fuzz/).
# Builds the target with libFuzzer and AddressSanitizer, copies Fuzz/Corpus/TARGET into a
# scratch corpus (.build-fuzz/corpus/TARGET, kept between runs; the repository's corpus stays
# the small seed set) and fuzzes it. Exits 0 when nothing was found; on a crash, exits
# non-zero and prints the reproducer's path (under fuzz-artifacts/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    sed -n '2,10s/^# \{0,1\}//p' "$0" >&2
    exit 2
}
[[ $# -ge 2 ]] || usage
target=$1
shift

# Longest input per target: the largest seed with room to grow, small enough to stay fast.
case "$target" in
    events) max_len=16384 ;;
    aws-errors) max_len=4096 ;;
    runtime-headers) max_len=2048 ;;
    *) echo "fuzz: unknown target '$target'" >&2; usage ;;
esac

scratch=.build-fuzz
echo "== build $target (-sanitize=fuzzer,address)"
mkdir -p "$scratch/logs"
# SwiftPM keeps its build plan while the manifests stay the same, so a file added to a module
# of the root package would be left out; plan afresh (compiled objects are still reused).
rm -f "$scratch/pkg/debug.yaml" "$scratch"/pkg/*/debug/description.json
# lld, because gold fails on the entry point SwiftPM renames; see Fuzz/Package.swift.
if ! swift build -c debug --package-path Fuzz --scratch-path "$scratch/pkg" --product "$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >"$scratch/logs/build-$target.log" 2>&1
then
    grep -v -e "Cannot export local symbol" "$scratch/logs/build-$target.log" | tail -n 40 >&2
    echo "fuzz: the build of $target failed" >&2
    exit 1
fi
binary="$scratch/pkg/debug/$target"

# libFuzzer prints the crash's stack itself; Swift's backtracer, symbolicating the large ASan
# binary after it, can take minutes and holds the output pipe open.
export SWIFT_BACKTRACE=enable=no
artifacts="fuzz-artifacts/$target"
mkdir -p "$artifacts"
options=(-max_len="$max_len" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
    -artifact_prefix="$artifacts/")
# events and runtime-headers run async code on the global executor, which frees some of an
# input's memory after libFuzzer's per-input malloc/free count; with leak checks on, every such
# input costs a full LeakSanitizer scan (20 times slower). Swift's ARC leaks are retain
# cycles, which these parsers do not build.
if [[ "$target" != aws-errors ]]; then options+=(-detect_leaks=0); fi
if [[ -f "Fuzz/Dictionaries/$target.dict" ]]; then
    options+=(-dict="Fuzz/Dictionaries/$target.dict")
fi

if [[ ! "$1" =~ ^[0-9]+$ ]]; then
    echo "== reproduce $target on $*"
    exec "$binary" "${options[@]}" "$@"
fi

seconds=$1
corpus="$scratch/corpus/$target"
mkdir -p "$corpus"
cp -n Fuzz/Corpus/"$target"/* "$corpus"/
log="$scratch/logs/$target.log"
echo "== fuzz $target for ${seconds}s: corpus $corpus, log $log"
start=$(date +%s)
status=0
"$binary" "${options[@]}" -max_total_time="$seconds" "$corpus" >"$log" 2>&1 || status=$?
elapsed=$(($(date +%s) - start))

# libFuzzer's last progress line carries the executions (#N), coverage and corpus size.
grep -E '^#[0-9]+' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true
echo "elapsed: ${elapsed}s"
if [[ $status -ne 0 ]]; then
    if ! grep -E -A 30 '^==[0-9]+==ERROR|^Fatal error|deadly signal' "$log" | head -n 60 >&2
    then
        tail -n 20 "$log" >&2
    fi
    reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "fuzz: $target failed (exit $status); reproducer: ${reproducer:-none written}" >&2
    echo "fuzz: reproduce with scripts/fuzz.sh $target ${reproducer:-FILE}" >&2
    exit 1
fi
echo "fuzz: $target ran ${seconds}s without a finding"
