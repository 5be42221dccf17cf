#!/usr/bin/env bash
# Schemathesis against the sync API: starts the built server on SQLite with
# the demo data on a free port, makes a token with every scope, and runs
# generated requests from /api/v1/openapi.json with two checks: no 5xx
# (not_a_server_error) and every answer matching its documented schema
# (response_schema_conformance). Bounded to a few examples per operation
# so that it takes well under three minutes.
#
#   .ci/schemathesis.sh                 # uses $CARGO_TARGET_DIR/debug/kundenportal
#   KUNDENPORTAL_BIN=/path/to/kundenportal .ci/schemathesis.sh
#
# Environment:
#   KUNDENPORTAL_BIN        server binary (default target/debug/kundenportal)
#   SCHEMATHESIS_VENV       where schemathesis is installed from PyPI and kept
#                           between runs (default /var/tmp/kundenportal-schemathesis)
#   SCHEMATHESIS_VERSION    pinned version (default 4.32.5)
#   SCHEMATHESIS_EXAMPLES   examples per operation and phase (default 15)
#   SCHEMATHESIS_SEED       the random seed (default: a new one each run,
#                           printed so a failure can be replayed)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

bin=${KUNDENPORTAL_BIN:-${CARGO_TARGET_DIR:-target}/debug/kundenportal}
case $bin in /*) ;; *) bin=$repo/$bin ;; esac
if [[ ! -x $bin ]]; then
  echo "schemathesis: no kundenportal binary at $bin (cargo build -p kundenportal, or set KUNDENPORTAL_BIN)" >&2
  exit 1
fi

venv=${SCHEMATHESIS_VENV:-/var/tmp/kundenportal-schemathesis}
version=${SCHEMATHESIS_VERSION:-4.32.5}
validator=${OPENAPI_SPEC_VALIDATOR_VERSION:-0.9.0}
if [[ ! -x $venv/bin/st ]] || [[ $("$venv/bin/st" --version 2>/dev/null) != *" $version" ]] \
  || [[ ! -x $venv/bin/openapi-spec-validator ]]; then
  echo "schemathesis: installing schemathesis $version and openapi-spec-validator $validator into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "schemathesis==$version" "openapi-spec-validator==$validator"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kundenportal-schemathesis.XXXXXX")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server=
cleanup() {
  if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The demo data on SQLite; the server's log goes to a file, shown on failure.
unset KUNDENPORTAL_DATABASE_URL KUNDENPORTAL_CONFIG
"$bin" demo --data-dir "$work/data" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$url/api/v1/openapi.json" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done

# The document against the OpenAPI 3.1 meta-schema first.
curl -fsS "$url/api/v1/openapi.json" -o "$work/openapi.json"
"$venv/bin/openapi-spec-validator" "$work/openapi.json"

# Every scope (kp_domain::api_scopes): an operation the token may not use
# only ever answers 403 and is not fuzzed at all.
scopes=(events imports)
for r in tenants staff customers organizations contracts objects claims finance rates documents; do
  scopes+=("read:$r" "write:$r")
done
token=$("$bin" token create --data-dir "$work/data" --tenant hamburg --name schemathesis \
  --scopes "${scopes[@]}" | sed -n 's/^token (shown only once): //p')
if [[ -z $token ]]; then
  echo "schemathesis: no token was printed" >&2
  exit 1
fi

seed=${SCHEMATHESIS_SEED:-$RANDOM$RANDOM}
echo "schemathesis: $("$venv/bin/st" --version), server $url, seed $seed"
status=0
# One worker: with two, CPython 3.11 now and then fails inside
# schemathesis's generator ("AST constructor recursion depth mismatch", a
# race in the interpreter), a runtime error that is no finding about the
# API. One takes under a minute here.
# Hooks: how to send and read NDJSON (the bulk route).
# Run from the work folder: schemathesis keeps a cache (.schemathesis/) in
# the current directory, which must not land in the clone.
cd "$work"
PYTHONPATH="$repo/.ci" SCHEMATHESIS_HOOKS=schemathesis_hooks \
  timeout --kill-after=10 170 "$venv/bin/st" run "$url/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,response_schema_conformance \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-15}" \
  --phases examples,coverage,fuzzing \
  --seed "$seed" \
  --workers 1 \
  --request-timeout 30 \
  --no-color \
  --report-dir "$work/report" || status=$?
if [[ $status != 0 ]]; then
  echo "schemathesis: FAILED (exit $status); the server's log:" >&2
  tail -n 200 "$work/server.log" >&2
fi
cd "$repo"
exit "$status"
