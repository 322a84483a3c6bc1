#!/usr/bin/env bash
# Usage: scripts/demo.sh [SCENARIO] — builds bootstrap and aws-sandbox, then runs the real
# bootstrap against the local sandbox (Runtime API, Detective, Security Hub on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

scenario="${1:-scenarios/demo.json}"

scripts/setup.sh

echo "== build"
swift build --product bootstrap
swift build --product aws-sandbox
bin="$(swift build --show-bin-path)"

echo "== demo: $scenario"
log="$(mktemp -t aws-sandbox-bootstrap.XXXXXX.log)"
"$bin/aws-sandbox" run --scenario "$scenario" --bootstrap "$bin/bootstrap" --log "$log"
