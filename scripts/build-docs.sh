#!/usr/bin/env bash
# Build the self-contained HTML API reference: Redoc is inlined (--inlineBundle), so the page works offline
# and opened from the file system. Used by codegen.sh and by the browser test. Usage: build-docs.sh [OUTPUT]
set -euo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
exec node_modules/.bin/redocly build-docs openapi/cryptocloud.yaml --inlineBundle --output "${1:-build/docs/index.html}"
