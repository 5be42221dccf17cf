#!/usr/bin/env bash
# The sync API's bulk rate (issue 11 benchmark): ROWS contracts, each with
# its customer and one insured object (3 × ROWS NDJSON lines), sent in one
# POST /api/v1/bulk to a release server on a fresh SQLite database; in the
# same run the same rows as CSV through `sqlite3 .import` into tables with
# the portal's columns and indexes. Prints both rates (contracts with their
# customer and object per second), the ratio (goal ≥ 0.5) and the server's
# peak RSS (VmHWM). Results: docs/benchmarks.md.
#
# Usage: bench/bulk-api.sh [ROWS]        (default 200000)
#   KUNDENPORTAL_BIN=PATH   binary to run (else cargo build --release)
#   CARGO_TARGET_DIR        honoured for the build
#   BENCH_PORT=18180        port of the server
#   BENCH_THREAD_CPU=1      also print the CPU time of each server thread
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ROWS=${1:-200000}
PORT=${BENCH_PORT:-18180}
log() { printf '[bulk %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

command -v sqlite3 >/dev/null || { log "sqlite3 is required (apt-get install sqlite3)"; exit 1; }
command -v python3 >/dev/null || { log "python3 is required"; exit 1; }
if [[ -n ${KUNDENPORTAL_BIN:-} ]]; then
    BIN=$KUNDENPORTAL_BIN
else
    log "building release binary"
    cargo build --release --locked -p kundenportal
    BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/kundenportal
fi

WORK=$(mktemp -d /var/tmp/kp-bulk.XXXXXX)
SERVER_PID=
cleanup() { [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/in"

"$BIN" tenant create --data-dir "$DATA" --key bench --name "Bench" >/dev/null 2>"$WORK/cli.log"
TOKEN=$("$BIN" token create --data-dir "$DATA" --tenant bench --name bulk \
    --scopes write:customers write:contracts write:objects 2>>"$WORK/cli.log" |
    sed -n 's/^token (shown only once): //p')
[[ -n $TOKEN ]] || { log "no token printed"; exit 1; }

log "generating $ROWS rows (NDJSON and CSV)"
python3 bench/bulk-api.py "$ROWS" "$WORK/in" "$DATA/kundenportal.db"
NDJSON_MB=$(( $(stat -c %s "$WORK/in/bulk.ndjson") / 1048576 ))

"$BIN" serve --data-dir "$DATA" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.5
done
RSS_BEFORE=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")

log "POST /api/v1/bulk ($NDJSON_MB MiB)"
start=$(date +%s.%N)
curl -fsS -X POST "http://127.0.0.1:$PORT/api/v1/bulk" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$WORK/in/bulk.ndjson" -o "$WORK/result.ndjson"
end=$(date +%s.%N)
API_S=$(awk "BEGIN {print $end - $start}")
PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
if [[ -n ${BENCH_THREAD_CPU:-} ]]; then
    # CPU seconds per server thread (user + system), busiest first: shows
    # whether the runtime and SQLite's thread work side by side or in turns.
    TICKS=$(getconf CLK_TCK)
    for stat in /proc/"$SERVER_PID"/task/*/stat; do
        awk -v t="$TICKS" '{ sub(/^[^(]*\(/, ""); name = $0; sub(/\).*/, "", name);
            sub(/^[^)]*\) /, ""); printf "%8.2f s  %s\n", ($12 + $13) / t, name }' "$stat"
    done | sort -rn | head -n 8 >&2
fi
CREATED=$(grep -c '"result":"created"' "$WORK/result.ndjson" || true)
ERRORS=$(grep -c '"result":"error"\|"result":"aborted"' "$WORK/result.ndjson" || true)
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=

log "sqlite3 .import into the same tables"
REF=$WORK/reference.db
for t in customers contracts insured_objects; do
    sqlite3 "$DATA/kundenportal.db" ".schema $t"
done | sed 's/REFERENCES [a-z_]*([a-z_]*)\( ON DELETE [A-Z ]*\)\?//g' | sqlite3 "$REF"
start=$(date +%s.%N)
sqlite3 "$REF" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
.mode csv
.import $WORK/in/customers.csv customers
.import $WORK/in/contracts.csv contracts
.import $WORK/in/insured_objects.csv insured_objects
SQL
end=$(date +%s.%N)
SQLITE_S=$(awk "BEGIN {print $end - $start}")
IMPORTED=$(sqlite3 "$REF" 'SELECT count(*) FROM contracts')

API_RATE=$(awk "BEGIN {print $ROWS / $API_S}")
SQLITE_RATE=$(awk "BEGIN {print $ROWS / $SQLITE_S}")
printf '\nrows (contract + customer + object): %d, NDJSON %d MiB\n' "$ROWS" "$NDJSON_MB"
printf 'API bulk:       %8.1f s  %9.0f rows/s  (%d lines created, %d errors)\n' "$API_S" "$API_RATE" "$CREATED" "$ERRORS"
printf 'sqlite3 .import:%8.1f s  %9.0f rows/s  (%d contracts)\n' "$SQLITE_S" "$SQLITE_RATE" "$IMPORTED"
printf 'ratio API ÷ sqlite3: %.3f (goal ≥ 0.5)\n' "$(awk "BEGIN {print $API_RATE / $SQLITE_RATE}")"
printf 'server RSS: %d MiB before, %d MiB peak (VmHWM)\n' $((RSS_BEFORE / 1024)) $((PEAK_KB / 1024))
