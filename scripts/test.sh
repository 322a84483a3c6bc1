#!/usr/bin/env bash
# Usage: scripts/test.sh — installs what is missing, builds, and runs every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== format"
swift format lint --strict --configuration .swift-format --recursive \
    Package.swift Sources Tests

echo "== build"
swift build --build-tests

echo "== tests"
swift test --skip-build --parallel
