# Sourced by test.sh: make sure Debian's Chromium is there for the HTML reference's browser test
# (tests/test_docs_browser.py). Installs it with apt-get when missing, as root or in CI; says what to do otherwise.

if ! command -v chromium >/dev/null 2>&1; then
  if [ "${CI:-}" = true ] || [ "$(id -u)" = 0 ]; then
    echo "browser: installing Debian's chromium for the HTML reference test (once)..." >&2
    _apt_log=$(mktemp)
    _apt_install() { DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core; }
    if ! { _apt_install || { timeout 300 apt-get update -q && _apt_install; }; } >"$_apt_log" 2>&1; then
      tail -20 "$_apt_log" >&2
      echo "browser: installing chromium failed; the browser test will fail until 'apt-get install chromium' works" >&2
    fi
    rm -f "$_apt_log"
  else
    echo "browser: the HTML reference test needs Chromium: 'sudo apt-get install chromium' (test.sh installs it itself as root or with CI=true)" >&2
  fi
fi
