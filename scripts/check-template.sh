#!/usr/bin/env bash
# Usage: scripts/check-template.sh — lints template.yaml and tests its event patterns.
#
# 1. A project-local venv (.venv, git-ignored) with pinned cfn-lint, aws-sam-translator and
#    event-ruler (EventBridge's pattern matcher, a Go library with a Python binding).
# 2. cfn-lint on template.yaml, informational checks included: no finding of any level.
# 3. The SAM transform of template.yaml (what CloudFormation deploys), linted the same way.
# 4. Tests/Template/test_event_patterns.py: the template's rules against real events.
# Run scripts/setup.sh first on a fresh machine (it installs python3-venv).
set -euo pipefail
cd "$(dirname "$0")/.."

readonly requirements=(
    "cfn-lint==1.58.0"
    "aws-sam-translator==1.115.0"
    "event-ruler==0.3.0"
)

# event-ruler 0.3.0 is published only as a CPython 3.11 x86_64 wheel (Debian 12's python3).
python=""
for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        python="$candidate"
        break
    fi
done
if [[ -z "$python" || "$(uname -m)" != "x86_64" ]]; then
    echo "check-template: needs CPython 3.11 on x86_64 (event-ruler ships no other wheel)" >&2
    exit 1
fi

if [[ -x .venv/bin/python ]] &&
    ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "check-template: .venv is not Python 3.11; recreating it"
    rm -rf .venv
fi
if [[ ! -x .venv/bin/python ]]; then
    echo "== venv (.venv)"
    "$python" -m venv .venv
fi
installed="$(.venv/bin/python -m pip freeze --disable-pip-version-check 2>/dev/null || true)"
for requirement in "${requirements[@]}"; do
    if ! grep -qix "$requirement" <<<"$installed"; then
        echo "== install ${requirements[*]}"
        .venv/bin/python -m pip install --quiet --disable-pip-version-check "${requirements[@]}"
        break
    fi
done

echo "== cfn-lint template.yaml"
.venv/bin/cfn-lint --include-checks I -- template.yaml
echo "  no errors, warnings or informational findings"

echo "== cfn-lint on the SAM transform of template.yaml"
transformed="$(mktemp --suffix=.json)"
trap 'rm -f "$transformed"' EXIT
.venv/bin/python Tests/Template/transform_template.py template.yaml "$transformed"
.venv/bin/cfn-lint --include-checks I -- "$transformed"
echo "  no errors, warnings or informational findings"

echo "== event patterns against real Security Hub events"
.venv/bin/python Tests/Template/test_event_patterns.py
