# Sourced by test.sh: make sure Debian's PostgreSQL (initdb, pg_ctl) is there for the ledger's tests, which start a
# throwaway cluster (tests/pg_server.py). Installs it with apt-get when missing, as root or in CI; says what to do
# otherwise. Debian keeps the binaries off PATH (/usr/lib/postgresql/<major>/bin): that directory is added.

if ! command -v initdb >/dev/null 2>&1; then
  _pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$_pg_bin" ]; then
    if [ "${CI:-}" = true ] || [ "$(id -u)" = 0 ]; then
      echo "postgres: installing Debian's postgresql for the ledger tests (once)..." >&2
      _apt_log=$(mktemp)
      _apt_pg() { DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends postgresql; }
      if ! { _apt_pg || { timeout 300 apt-get update -q && _apt_pg; }; } >"$_apt_log" 2>&1; then
        tail -20 "$_apt_log" >&2
        echo "postgres: installing postgresql failed; the ledger's PostgreSQL tests will fail until it works" >&2
      fi
      rm -f "$_apt_log"
      _pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    else
      echo "postgres: the ledger tests need PostgreSQL: 'sudo apt-get install postgresql' (test.sh installs it itself as root or with CI=true)" >&2
    fi
  fi
  if [ -n "$_pg_bin" ]; then
    export PATH="$PATH:$_pg_bin"
  fi
fi
