#!/usr/bin/env bash
# The upload benchmark (issue 10): one 100 MiB file sent through the
# portal's upload form (streamed, checked, SHA-256, sealed with AES-256-GCM,
# fsynced) against `dd … bs=1M conv=fsync` writing the same bytes to the
# same disk in the same run. Prints both throughputs, their ratio (goal ≥
# 0.8) and the server's memory growth while it received the file (goal <
# 16 MiB: the file is never held whole).
#
# Usage: bench/upload.sh                 (builds and runs the release binary)
#        KUNDENPORTAL_BIN=target/debug/kundenportal bench/upload.sh
#
# Settings (environment):
#   KUNDENPORTAL_BIN=PATH      binary to run (else target/release, built here)
#   BENCH_UPLOAD_MIB=100       size of the file
#   BENCH_UPLOAD_GOAL=0.8      minimum throughput ratio portal ÷ dd
#   BENCH_UPLOAD_RSS_MIB=16    largest memory growth allowed
#   BENCH_PORT=8095            first port tried
#   TMPDIR                     where the data directory, the file and dd's
#                              copy go (one disk for both)
#
# Memory: VmRSS just before the upload against VmHWM (peak) right after;
# the peak is reset first (/proc/PID/clear_refs, "5") so that loading the
# demo data does not hide the upload's peak. Exit status 0 when both goals
# are met, 2 when one is missed, 1 on errors.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MIB=${BENCH_UPLOAD_MIB:-100}
GOAL=${BENCH_UPLOAD_GOAL:-0.8}
RSS_GOAL=${BENCH_UPLOAD_RSS_MIB:-16}
PORT=${BENCH_PORT:-8095}
ADMIN=petra.schulz@hanse-assekuranz.example.de

log() { printf '[upload %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
command -v curl >/dev/null || die "curl is required"

if [[ -n ${KUNDENPORTAL_BIN:-} ]]; then
    BIN=$KUNDENPORTAL_BIN
else
    TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
    [[ $TARGET_DIR = /* ]] || TARGET_DIR=$ROOT/$TARGET_DIR
    BIN=$TARGET_DIR/release/kundenportal
    log "building release binary (cargo build --release -p kundenportal)"
    cargo build --release -p kundenportal
fi
[[ -x $BIN ]] || die "binary $BIN not found (build it or set KUNDENPORTAL_BIN)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/kundenportal-upload.XXXXXX")
SERVER_PID=
cleanup() {
    local status=$?
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ $status -ne 0 && $status -ne 2 && -f $TMP/server.err ]]; then
        log "last lines of the server log:"
        tail -n 20 "$TMP/server.err" >&2 || true
    fi
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 100); do port_in_use "$PORT" || break; PORT=$((PORT + 1)); done
BASE=http://127.0.0.1:$PORT

log "starting: $BIN demo --data-dir \$TMP/data --listen 127.0.0.1:$PORT"
"$BIN" demo --data-dir "$TMP/data" --listen "127.0.0.1:$PORT" >"$TMP/server.out" 2>"$TMP/server.err" &
SERVER_PID=$!
for _ in $(seq 600); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during startup"
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/readyz" || true) = 200 ]] && break
    sleep 0.5
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz" || true) = 200 ]] || die "server not ready"

PASSWORD=$(grep -F "$ADMIN" "$TMP/server.out" | head -n1 | awk '{ print $NF }')
[[ -n $PASSWORD ]] || die "no password for $ADMIN in the demo's login table"

# A signed-in session (cookie jar) and a page's form token.
JAR=$TMP/cookies
token_of() { grep -o 'name="_csrf" value="[^"]*"' "$1" | head -n1 | sed -E 's/.*value="([^"]*)"/\1/'; }
curl -s -c "$JAR" -b "$JAR" -o "$TMP/login.html" "$BASE/login"
code=$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
    --data-urlencode "email=$ADMIN" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "_csrf=$(token_of "$TMP/login.html")" "$BASE/login")
[[ $code = 303 ]] || die "login answered $code"

# The upload limit above the file's size (the administrator's setting).
curl -s -c "$JAR" -b "$JAR" -o "$TMP/settings.html" "$BASE/settings/uploads"
limit=$((MIB + 8))
code=$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
    --data-urlencode "_csrf=$(token_of "$TMP/settings.html")" --data-urlencode "type=other" \
    --data-urlencode "limit_mib=$limit" "$BASE/settings/uploads")
[[ $code = 303 ]] || die "setting the upload limit answered $code"

CONTRACT=$(curl -s -b "$JAR" "$BASE/contracts" | sed 's/&#x2f;/\//g' |
    grep -oE 'href="/contracts/[0-9]+"' | head -n1 | grep -oE '[0-9]+' || true)
[[ -n $CONTRACT ]] || die "no contract found for $ADMIN"
curl -s -c "$JAR" -b "$JAR" -o "$TMP/upload.html" "$BASE/contracts/$CONTRACT/upload"
FORM_TOKEN=$(token_of "$TMP/upload.html")
[[ -n $FORM_TOKEN ]] || die "the upload form has no token"

# The file: a PDF header and random bytes (incompressible, like a scan).
log "writing the $MIB MiB test file"
{ printf '%%PDF-1.7\n'; head -c $((MIB * 1024 * 1024 - 9)) /dev/urandom; } >"$TMP/payload.pdf"
cat "$TMP/payload.pdf" >/dev/null # in the page cache for both writers
BYTES=$(stat -c %s "$TMP/payload.pdf")

status_kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$SERVER_PID/status"; }
echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || log "WARNING: cannot reset the peak (VmHWM); it may include loading the demo"
RSS_BEFORE=$(status_kb VmRSS)

log "uploading through $BASE/contracts/$CONTRACT/documents"
read -r code seconds < <(curl -s -b "$JAR" -o "$TMP/upload.out" -w '%{http_code} %{time_total}\n' \
    -F "_csrf=$FORM_TOKEN" -F "document_type=other" \
    -F "files=@$TMP/payload.pdf;filename=bench.pdf;type=application/pdf" \
    "$BASE/contracts/$CONTRACT/documents")
[[ $code = 303 ]] || die "the upload answered $code: $(head -c 300 "$TMP/upload.out")"
HWM_AFTER=$(status_kb VmHWM)

log "dd of the same bytes to the same disk (conv=fsync)"
dd_start=$(date +%s.%N)
dd if="$TMP/payload.pdf" of="$TMP/dd.bin" bs=1M conv=fsync status=none
dd_end=$(date +%s.%N)

awk -v bytes="$BYTES" -v up="$seconds" -v d0="$dd_start" -v d1="$dd_end" \
    -v rss="$RSS_BEFORE" -v hwm="$HWM_AFTER" -v goal="$GOAL" -v rss_goal="$RSS_GOAL" '
BEGIN {
    mib = bytes / 1048576
    portal = mib / up
    dd = mib / (d1 - d0)
    ratio = portal / dd
    growth = (hwm - rss) / 1024
    printf "upload   %.1f MiB in %.2f s: %.1f MiB/s\n", mib, up, portal
    printf "dd       %.1f MiB in %.2f s: %.1f MiB/s\n", mib, d1 - d0, dd
    printf "ratio    %.2f (goal >= %s)\n", ratio, goal
    printf "memory   VmRSS before %.1f MiB, VmHWM after %.1f MiB: growth %.1f MiB (goal < %s)\n", rss / 1024, hwm / 1024, growth, rss_goal
    exit (ratio >= goal && growth < rss_goal) ? 0 : 2
}'
