#!/usr/bin/env bash
# The test command: bootstrap .venv/ and node_modules/ if needed, then prove generated/ is fresh, lint,
# type-check and test (the spec tests run Redocly, Spectral, openapi-typescript + tsc and Prism; openapi-generator,
# hey-api, tsc and go; schemathesis against the served fake).
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh
# shellcheck source=scripts/npm-tools.sh
source scripts/npm-tools.sh
# shellcheck source=scripts/browser.sh
source scripts/browser.sh
# shellcheck source=scripts/go-tools.sh
source scripts/go-tools.sh
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

echo "== codegen --check" >&2
./codegen.sh --check

echo "== ruff" >&2
ruff check --quiet overrides tests bench openapi/codegen scripts noxfile.py
ruff format --check --quiet overrides tests bench openapi/codegen scripts noxfile.py

echo "== mypy --strict" >&2
mypy --strict overrides/cryptocloud generated/cryptocloud_client tests bench openapi/codegen/postprocess.py \
  openapi/codegen/surface_diff.py openapi/codegen/public_surface.py openapi/codegen/changes.py \
  openapi/codegen/down_convert.py scripts/build_reference.py noxfile.py

# The transport tests on the oldest and the newest httpx allowed (noxfile.py), beside pytest: they install their
# own virtual environments from the package index once (.nox/, reused after).
echo "== httpx range (in the background: build/httpx-range.log)" >&2
mkdir -p build
nox -r -s httpx_range >build/httpx-range.log 2>&1 &
httpx_range=$!

echo "== pytest" >&2
status=0
pytest "$@" || status=$?
if ! wait "$httpx_range"; then
  tail -30 build/httpx-range.log >&2
  echo "== httpx range failed (build/httpx-range.log)" >&2
  status=1
fi
exit "$status"
