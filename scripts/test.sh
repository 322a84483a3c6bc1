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

# Serial: several suites start real processes and loopback servers, and on a two-core
# machine parallel runs starve the cooperative thread pool that timing checks rely on.
echo "== tests"
swift test --skip-build --no-parallel

echo "== template"
scripts/check-template.sh

echo "== package"
scripts/package.sh
