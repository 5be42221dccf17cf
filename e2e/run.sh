#!/usr/bin/env bash
# End-to-end browser tests of Kundenportal in headless Chromium.
#
#   e2e/run.sh                      # uses target/debug/kundenportal
#   KUNDENPORTAL_BIN=/path/to/kundenportal e2e/run.sh
#
# Environment:
#   KUNDENPORTAL_BIN   server binary (absolute, or relative to the repo root);
#                      default target/debug/kundenportal
#   CHROMIUM_PATH      browser, default /usr/bin/chromium (installed from
#                      Debian when missing and we are root)
#   E2E_TIMEOUT        global time limit in seconds, default 900
#   E2E_JOURNEYS       regex on journeys/ file names to run only some
#   E2E_KEEP_DATA=1    keep the server's temporary data directory
#   E2E_LANGUAGES      comma-separated languages of journey 11's axe sweep
#                      of every page, default de,en,fr,es
#   E2E_PREPARE_ONLY=1 install Chromium and the Node modules, then stop
#                      (before two suites start side by side)
#   E2E_SCREENSHOT_DIR where screenshots go, default e2e/screenshots (two
#                      suites running at once need one each)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
E2E_DIR=$PWD
REPO_ROOT=$(cd .. && pwd)

export KUNDENPORTAL_BIN=${KUNDENPORTAL_BIN:-target/debug/kundenportal}
case $KUNDENPORTAL_BIN in
  /*) ;;
  *) KUNDENPORTAL_BIN=$REPO_ROOT/$KUNDENPORTAL_BIN ;;
esac
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
timeout_s=${E2E_TIMEOUT:-900}

if [[ ! -x $KUNDENPORTAL_BIN ]]; then
  echo "e2e: no kundenportal binary at $KUNDENPORTAL_BIN (run 'cargo build -p kundenportal' or set KUNDENPORTAL_BIN)" >&2
  exit 1
fi

# The browser: Debian's Chromium (Playwright cannot download one here).
if [[ ! -x $CHROMIUM_PATH ]]; then
  if [[ $CHROMIUM_PATH == /usr/bin/chromium && $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "e2e: installing Debian's chromium" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  else
    echo "e2e: no Chromium at $CHROMIUM_PATH (apt-get install chromium fonts-liberation, or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi

# Node dependencies: npm ci when node_modules is missing or the lock changed.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -d node_modules || ! -f node_modules/.e2e-lock-sum || $(cat node_modules/.e2e-lock-sum) != "$lock_sum" ]]; then
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.e2e-lock-sum
fi

if [[ ${E2E_PREPARE_ONLY:-} == 1 ]]; then
  echo "e2e: Chromium and Node modules are ready"
  exit 0
fi

export E2E_SCREENSHOT_DIR=${E2E_SCREENSHOT_DIR:-$E2E_DIR/screenshots}
mkdir -p "$E2E_SCREENSHOT_DIR"
rm -f "$E2E_SCREENSHOT_DIR"/*.png

# The harness writes the server's pid here; whatever happens, it is stopped.
export E2E_SERVER_PIDFILE
E2E_SERVER_PIDFILE=$(mktemp "${TMPDIR:-/tmp}/kundenportal-e2e-pid.XXXXXX")
cleanup() {
  local pid
  pid=$(cat "$E2E_SERVER_PIDFILE" 2>/dev/null || true)
  if [[ -n $pid ]]; then
    # Give a server that is shutting down a moment, then make sure it is gone.
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "e2e: stopping leftover kundenportal (pid $pid)" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$E2E_SERVER_PIDFILE"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "e2e: $KUNDENPORTAL_BIN, $($CHROMIUM_PATH --version 2>/dev/null | head -1), node $(node --version), limit ${timeout_s}s"
start=$(date +%s)
status=0
timeout --kill-after=30 "$timeout_s" \
  node --test --test-reporter=spec --test-concurrency=1 e2e.test.mjs || status=$?
end=$(date +%s)

if [[ $status == 124 || $status == 137 ]]; then
  echo "e2e: FAILED: the suite did not finish within ${timeout_s}s" >&2
elif [[ $status != 0 ]]; then
  echo "e2e: FAILED (exit $status) after $((end - start))s; screenshots in $E2E_SCREENSHOT_DIR" >&2
else
  echo "e2e: passed in $((end - start))s; screenshots in $E2E_SCREENSHOT_DIR"
fi
exit "$status"
