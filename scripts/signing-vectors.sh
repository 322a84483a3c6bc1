#!/usr/bin/env bash
# Usage: scripts/signing-vectors.sh — regenerates the botocore signing vectors
# (Tests/AWSSigningTests/Fixtures/botocore-vectors.json) with botocore in a throwaway venv.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="$(mktemp -d /tmp/signing-vectors-venv.XXXXXX)"
trap 'rm -rf "$venv"' EXIT

python3 -m venv "$venv"
"$venv/bin/pip" install --quiet botocore
"$venv/bin/python" scripts/signing-vectors.py Tests/AWSSigningTests/Fixtures/botocore-vectors.json
