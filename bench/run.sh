#!/usr/bin/env bash
# Throughput and latency of Kundenportal pages under wrk.
#
# Builds the release binary, starts `kundenportal demo --size large` on a
# temporary data directory, logs in the demo users the pages need, measures
# every page of bench/pages.txt with wrk and writes
# bench/results-<UTC timestamp>.txt. See bench/README.md.
#
# Settings (environment):
#   BENCH_SIZE=large          demo data set: large | small
#   BENCH_DURATION=20s        measured wrk run per page
#   BENCH_WARMUP=5s           unmeasured wrk run per page before it (0 = none)
#   BENCH_THREADS=2           wrk threads
#   BENCH_CONNECTIONS=32      wrk connections
#   BENCH_PAGES=bench/pages.txt
#   BENCH_GOAL=0.5            minimum requests/s ratio page ÷ baseline
#   BENCH_PORT=18080          first port tried (the next free one is used)
#   BENCH_READY_TIMEOUT=900   seconds to wait for /readyz (data load included)
#   BENCH_SKIP_BUILD=1        do not run cargo; use the existing binary
#   BENCH_DOWNLOAD=1          also run the download benchmark (bench/download.sh);
#                             0 skips it (it needs the large set's 10 MiB document)
#   BENCH_PAGE_LIMIT_KB=150   largest HTML page (bytes per response) allowed
#   KUNDENPORTAL_BIN=PATH     binary to run (implies BENCH_SKIP_BUILD=1)
#   CARGO_TARGET_DIR          honoured for the build and the binary path
#   KUNDENPORTAL_DATABASE_URL postgres://… to benchmark on PostgreSQL; the
#                             database must be empty (the demo only loads
#                             into an empty database) and is NOT cleaned up.
# Exit status: 0 when every page answered and met the goal, 1 on failure,
# 2 when the run completed but a page missed the goal.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SIZE=${BENCH_SIZE:-large}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
PAGES=${BENCH_PAGES:-$ROOT/bench/pages.txt}
GOAL=${BENCH_GOAL:-0.5}
PORT=${BENCH_PORT:-18080}
DOWNLOAD=${BENCH_DOWNLOAD:-1}
PAGE_LIMIT_KB=${BENCH_PAGE_LIMIT_KB:-150}
READY_TIMEOUT=${BENCH_READY_TIMEOUT:-900}
LUA=$ROOT/bench/report.lua

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

case $SIZE in large | small) ;; *) die "BENCH_SIZE must be large or small, not '$SIZE'" ;; esac
[[ -f $PAGES ]] || die "pages file $PAGES not found"

# --- tools -----------------------------------------------------------------
if ! command -v wrk >/dev/null; then
    log "installing wrk (Debian package)"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || die "curl is required"
if [[ $DOWNLOAD = 1 ]] && ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
    log "installing nginx (Debian package; the static-file reference of the download benchmark)"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nginx-light >/dev/null ||
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nginx >/dev/null
fi

# --- build -----------------------------------------------------------------
if [[ -n ${KUNDENPORTAL_BIN:-} ]]; then
    BIN=$KUNDENPORTAL_BIN
else
    TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
    [[ $TARGET_DIR = /* ]] || TARGET_DIR=$ROOT/$TARGET_DIR
    BIN=$TARGET_DIR/release/kundenportal
    if [[ -z ${BENCH_SKIP_BUILD:-} ]]; then
        log "building release binary (cargo build --release -p kundenportal)"
        cargo build --release -p kundenportal
    fi
fi
[[ -x $BIN ]] || die "binary $BIN not found (build it or set KUNDENPORTAL_BIN)"

# --- server ----------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kundenportal-bench.XXXXXX")
SERVER_PID=
cleanup() {
    local status=$?
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n ${NGINX_PID:-} ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
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
port_in_use "$PORT" && die "no free port found"
BASE=http://127.0.0.1:$PORT

if [[ -n ${KUNDENPORTAL_DATABASE_URL:-} ]]; then
    DATABASE="PostgreSQL (${KUNDENPORTAL_DATABASE_URL%%://*})"
    case $KUNDENPORTAL_DATABASE_URL in sqlite:*) DATABASE="SQLite (given URL)" ;; esac
else
    DATABASE="SQLite (file in the temporary data directory)"
fi

DEMO_ARGS=(demo --data-dir "$TMP/data" --listen "127.0.0.1:$PORT")
[[ $SIZE = large ]] && DEMO_ARGS+=(--size large)
COMMAND="kundenportal ${DEMO_ARGS[*]/#$TMP/\$TMP}"
log "starting: $BIN ${DEMO_ARGS[*]}"
LOAD_STARTED=$(date +%s)
"$BIN" "${DEMO_ARGS[@]}" >"$TMP/server.out" 2>"$TMP/server.err" &
SERVER_PID=$!

# The demo binds the port before loading the data and serves afterwards;
# /readyz answers 200 once the server runs and the database answers.
log "waiting for $BASE/readyz (loading the $SIZE data set; timeout ${READY_TIMEOUT}s)"
deadline=$(($(date +%s) + READY_TIMEOUT))
next_note=$(($(date +%s) + 30))
while :; do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during startup"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/readyz" || true)
    [[ $code = 200 ]] && break
    now=$(date +%s)
    ((now < deadline)) || die "server not ready after ${READY_TIMEOUT}s"
    if ((now >= next_note)); then
        log "still loading ($((now - LOAD_STARTED))s)"
        next_note=$((now + 30))
    fi
    sleep 0.5
done
READY_SECONDS=$(($(date +%s) - LOAD_STARTED))
log "ready after ${READY_SECONDS}s"

grep -q 'Kundenportal demo is running at' "$TMP/server.out" ||
    die "the demo did not print its banner"
if grep -q 'demo data not loaded again' "$TMP/server.err"; then
    log "WARNING: the database already held data; the $SIZE set was NOT loaded"
    DATABASE="$DATABASE, pre-existing data"
fi

# e-mail -> password from the demo's login table: the token with '@' is the
# e-mail, the last token the password.
declare -A PASSWORD=()
while read -r line; do
    email=$(tr -s ' ' '\n' <<<"$line" | grep -m1 '@' || true)
    [[ -n $email ]] || continue
    PASSWORD[$email]=${line##* }
done < <(sed -n '/^role  *e-mail  *password/,/^$/p' "$TMP/server.out")
((${#PASSWORD[@]} > 0)) || die "no demo logins found in the demo output"

# --- data set size (SQLite only) -------------------------------------------
DATASET="$SIZE demo data set"
DB_FILE=$TMP/data/kundenportal.db
if [[ -z ${KUNDENPORTAL_DATABASE_URL:-} && -f $DB_FILE ]] && command -v sqlite3 >/dev/null; then
    counts=$(sqlite3 -readonly "$DB_FILE" \
        "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM contracts),
                (SELECT COUNT(*) FROM insured_objects), (SELECT COUNT(*) FROM claims),
                (SELECT COUNT(*) FROM documents);" 2>/dev/null || true)
    if [[ -n $counts ]]; then
        IFS='|' read -r c_cu c_k c_o c_c c_d <<<"$counts"
        DATASET="$DATASET: $c_cu customers, $c_k contracts, $c_o insured objects, $c_c claims, $c_d documents"
    fi
fi

# --- logins ----------------------------------------------------------------
# Prints the kp_session cookie value for the e-mail.
login() {
    local email=$1 password=${PASSWORD[$1]:-} csrf_cookie csrf_form session code
    [[ -n $password ]] || die "login $email is not in the demo's login table"
    curl -s --max-time 30 -D "$TMP/login-get.h" -o "$TMP/login-get.html" "$BASE/login" ||
        die "GET /login failed"
    csrf_cookie=$(grep -i '^set-cookie: *kp_csrf=' "$TMP/login-get.h" | sed -E 's/^[^=]*=([^;]*).*/\1/' | tr -d '\r' | head -n1)
    csrf_form=$(grep -o 'name="_csrf" value="[^"]*"' "$TMP/login-get.html" | sed -E 's/.*value="([^"]*)"/\1/' | head -n1)
    [[ -n $csrf_cookie && -n $csrf_form ]] || die "GET /login gave no form token"
    code=$(curl -s --max-time 30 -o /dev/null -D "$TMP/login-post.h" -w '%{http_code}' \
        -H "Cookie: kp_csrf=$csrf_cookie" \
        --data-urlencode "email=$email" --data-urlencode "password=$password" \
        --data-urlencode "_csrf=$csrf_form" "$BASE/login") || die "POST /login failed"
    [[ $code = 303 ]] || die "POST /login for $email answered $code, not 303"
    session=$(grep -i '^set-cookie: *kp_session=' "$TMP/login-post.h" | sed -E 's/^[^=]*=([^;]*).*/\1/' | tr -d '\r' | head -n1)
    [[ -n $session ]] || die "POST /login for $email set no kp_session cookie"
    printf '%s' "$session"
}

NAMES=() PATHS=() LOGINS=()
while read -r name path login_email rest; do
    [[ -z $name || $name = \#* ]] && continue
    [[ -n $path && -n $login_email && -z $rest ]] ||
        die "bad line in $PAGES: '$name $path $login_email $rest' (want: name path login)"
    NAMES+=("$name") PATHS+=("$path") LOGINS+=("$login_email")
done <"$PAGES"
((${#NAMES[@]} > 0)) || die "no pages in $PAGES"

declare -A SESSION=()
for i in "${!NAMES[@]}"; do
    email=${LOGINS[$i]}
    [[ $email = - || -n ${SESSION[$email]:-} ]] && continue
    log "logging in $email"
    SESSION[$email]=$(login "$email")
done

# Header arguments (curl and wrk both take -H) for page i.
headers_for() {
    local email=${LOGINS[$1]}
    HDR=()
    [[ $email = - ]] || HDR=(-H "Cookie: kp_session=${SESSION[$email]}")
}

# The status, and whether the answer is an HTML page (the size goal is for
# pages, not for downloads).
HTML=()
for i in "${!NAMES[@]}"; do
    headers_for "$i"
    read -r code kind < <(curl -s --max-time 30 -o /dev/null -w '%{http_code} %{content_type}\n' "${HDR[@]}" "$BASE${PATHS[$i]}" || true)
    [[ $code = 200 ]] || die "${NAMES[$i]}: GET ${PATHS[$i]} answered '$code', not 200"
    case $kind in text/html*) HTML+=(1) ;; *) HTML+=(0) ;; esac
done
log "every page answers 200"

# --- measure ---------------------------------------------------------------
# Other processes compete with the server and wrk for the CPUs; record how
# busy the machine was when measuring started.
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
RPS=() P50=() P99=() ERRS=() KB=()
RAW=$TMP/wrk.txt
: >"$RAW"
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
field() { sed -nE "s/.* $1=([0-9]+).*/\1/p" <<<"$2"; }
for i in "${!NAMES[@]}"; do
    headers_for "$i"
    url=$BASE${PATHS[$i]}
    if [[ $WARMUP != 0 ]]; then
        log "${NAMES[$i]}: warm-up $WARMUP"
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${HDR[@]}" "$url" >/dev/null
    fi
    log "${NAMES[$i]}: measuring $DURATION, $THREADS threads, $CONNECTIONS connections"
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "${HDR[@]}" "$url")
    printf '### %s  GET %s\n%s\n\n' "${NAMES[$i]}" "${PATHS[$i]}" "$out" >>"$RAW"
    line=$(grep '^BENCH ' <<<"$out") || die "no report line from wrk for ${NAMES[$i]}"
    requests=$(field requests "$line")
    duration=$(field duration_us "$line")
    errors=$(($(field status_errors "$line") + $(field connect_errors "$line") + $(field read_errors "$line") + $(field write_errors "$line") + $(field timeouts "$line")))
    RPS+=("$(awk -v r="$requests" -v d="$duration" 'BEGIN { printf "%.0f", r / (d / 1e6) }')")
    KB+=("$(awk -v b="$(field bytes "$line")" -v r="$requests" 'BEGIN { printf "%.1f", (r > 0) ? b / r / 1024 : 0 }')")
    P50+=("$(ms "$(field p50_us "$line")")")
    P99+=("$(ms "$(field p99_us "$line")")")
    ERRS+=("$errors")
    log "${NAMES[$i]}: ${RPS[$i]} req/s, p50 ${P50[$i]} ms, p99 ${P99[$i]} ms, errors $errors"
done

DOWNLOAD_SUMMARY=$TMP/download.txt
: >"$DOWNLOAD_SUMMARY"
DOWNLOAD_STATUS=0
if [[ $DOWNLOAD = 1 ]]; then
    # shellcheck source=bench/download.sh
    source "$ROOT/bench/download.sh"
fi

RSS_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?")

# --- report ----------------------------------------------------------------
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$ROOT/bench/results-$STAMP.txt
MODEL=$(lscpu 2>/dev/null | sed -nE 's/^Model name: *//p' | head -n1)
MEM=$(free -h 2>/dev/null | awk '/^Mem:/ { print $2 }')
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"

# requests/s of page i ÷ requests/s of the baseline (the first page)
ratio() { awk -v a="${RPS[$1]}" -v b="${RPS[0]}" 'BEGIN { printf "%.3f", (b > 0) ? a / b : 0 }'; }

status=0
{
    echo "Kundenportal benchmark"
    echo
    echo "- Date: $(date -u)"
    echo "- Machine: $(nproc) CPUs, ${MODEL:-unknown CPU}, ${MEM:-?} memory; $(uname -sr)"
    echo "- Commit: $COMMIT"
    echo "- Database: $DATABASE"
    echo "- Data set: $DATASET (ready after ${READY_SECONDS}s)"
    echo "- Server: $COMMAND"
    echo "- Load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, after a $WARMUP warm-up, per page; wrk and the server share the machine"
    echo "- Load average before measuring (1/5/15 min): $LOADAVG"
    echo "- Server peak RSS: $((${RSS_KB:-0} / 1024)) MiB"
    echo
    echo "| page | route | login | req/s | p50 ms | p99 ms | KB | errors | ÷ ${NAMES[0]} |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
    for i in "${!NAMES[@]}"; do
        ratio=$(ratio "$i")
        echo "| ${NAMES[$i]} | GET ${PATHS[$i]} | ${LOGINS[$i]} | ${RPS[$i]} | ${P50[$i]} | ${P99[$i]} | ${KB[$i]} | ${ERRS[$i]} | $ratio |"
    done
    echo
    for i in "${!NAMES[@]}"; do
        ((i == 0)) && continue
        ratio=$(ratio "$i")
        if awk -v r="$ratio" -v g="$GOAL" 'BEGIN { exit !(r >= g) }'; then
            verdict="met"
        else
            verdict="NOT met"
            status=2
        fi
        echo "- ${NAMES[$i]} ÷ ${NAMES[0]} = $ratio (goal ≥ $GOAL: $verdict)"
    done
    for i in "${!NAMES[@]}"; do
        ((HTML[i] == 1)) || continue
        if ! awk -v kb="${KB[$i]}" -v max="$PAGE_LIMIT_KB" 'BEGIN { exit !(kb < max) }'; then
            echo "- ${NAMES[$i]}: ${KB[$i]} KB per answer (goal < $PAGE_LIMIT_KB KB: NOT met)"
            status=2
        fi
    done
    if [[ -s $DOWNLOAD_SUMMARY ]]; then
        echo
        cat "$DOWNLOAD_SUMMARY"
        ((DOWNLOAD_STATUS == 0)) || status=$DOWNLOAD_STATUS
    fi
    for i in "${!NAMES[@]}"; do
        ((ERRS[i] == 0)) || { echo "- WARNING: ${NAMES[$i]} had ${ERRS[$i]} errors (non-2xx/3xx, socket errors or timeouts)"; status=1; }
    done
} >"$TMP/summary.txt"
{
    cat "$TMP/summary.txt"
    echo
    echo "Raw wrk output"
    echo
    cat "$RAW"
} >"$RESULTS"

echo
cat "$TMP/summary.txt"
echo
log "results written to ${RESULTS#"$ROOT"/}"
exit "$status"
