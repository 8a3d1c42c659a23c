# Sourced by test.sh: Java (for openapi-generator, bundled by the pinned PyPI package openapi-generator-cli) and
# Go (to compile the Go client it generates). Go comes from Debian's golang-go, installed once, bounded in time.

if ! command -v java >/dev/null 2>&1; then
  echo "go-tools: Java 11+ is needed for openapi-generator: install it (for example 'apt-get install default-jre-headless') and run again." >&2
  exit 1
fi
if ! command -v go >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "go-tools: installing Debian's golang-go (once, at most 5 minutes)..." >&2
    _root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    if ! { timeout 300 apt-get update -qq && timeout 300 apt-get install -y -qq --no-install-recommends golang-go; } \
         >"$_root/.venv/go-install.log" 2>&1; then
      tail -20 "$_root/.venv/go-install.log" >&2
      echo "go-tools: installing golang-go failed (full log: .venv/go-install.log)" >&2
      exit 1
    fi
  else
    echo "go-tools: Go is needed to compile the generated Go client: install it (for example 'sudo apt-get install golang-go') and run again." >&2
    exit 1
  fi
fi
# The generated Go client needs nothing but the standard library: never reach for the module proxy.
export GOPROXY=off GOFLAGS=-mod=mod GOTOOLCHAIN=local
