# Sourced by codegen.sh and test.sh: make sure the pinned npm tools (package-lock.json) are in node_modules/.
# Installs with `npm ci` when node_modules/ is missing or was installed from another lockfile.

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "npm-tools: Node.js 20+ with npm is needed for the spec checks (Redocly, Spectral, Prism, TypeScript): install it (for example 'apt-get install nodejs npm') and run again." >&2
  exit 1
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "npm-tools: Node.js 20 or newer is needed, found $(node --version): upgrade it and run again." >&2
  exit 1
fi
_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_lock_hash=$(sha256sum "$_root/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$_root/node_modules/.lock-stamp" 2>/dev/null)" != "$_lock_hash" ]; then
  echo "npm-tools: installing the pinned npm tools with npm ci (once)..." >&2
  if ! (cd "$_root" && npm ci --no-audit --no-fund --loglevel=error) >"$_root/.venv/npm-ci.log" 2>&1; then
    tail -20 "$_root/.venv/npm-ci.log" >&2
    echo "npm-tools: npm ci failed (full log: .venv/npm-ci.log)" >&2
    exit 1
  fi
  echo "$_lock_hash" > "$_root/node_modules/.lock-stamp"
fi
export PATH="$_root/node_modules/.bin:$PATH"
# Redocly asks for telemetry and prints upgrade notices otherwise.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
