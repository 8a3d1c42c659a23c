# Sourced by codegen.sh and test.sh: make sure .venv/ exists with the pinned tools, then put it on PATH.
# Reuses the venv while requirements-dev.txt and pyproject.toml are unchanged; rebuilds it otherwise.

_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_venv="$_root/.venv"
_stamp="$_venv/.bootstrap-stamp"
_want=$(cat "$_root/requirements-dev.txt" "$_root/pyproject.toml" | sha256sum | cut -d' ' -f1)

if [ ! -x "$_venv/bin/python" ] || [ "$(cat "$_stamp" 2>/dev/null)" != "$_want" ]; then
  _python=$(command -v python3.11 || command -v python3 || true)
  if [ -z "$_python" ] || ! "$_python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "bootstrap: Python 3.11 or newer is needed (python3 on PATH); install it and run again." >&2
    exit 1
  fi
  echo "bootstrap: creating .venv/ with pinned tools (once)..." >&2
  rm -rf "$_venv"
  "$_python" -m venv "$_venv"
  # pip's output goes to a log, shown only when something fails.
  if ! { "$_venv/bin/python" -m pip install --disable-pip-version-check -r "$_root/requirements-dev.txt" \
         && "$_venv/bin/python" -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e "$_root"
       } >"$_venv/bootstrap.log" 2>&1; then
    grep -v '^WARNING: Location' "$_venv/bootstrap.log" | tail -30 >&2
    echo "bootstrap: installing the pinned tools failed (full log: .venv/bootstrap.log)" >&2
    exit 1
  fi
  echo "$_want" > "$_stamp"
fi
export PATH="$_venv/bin:$PATH"
export VIRTUAL_ENV="$_venv"
