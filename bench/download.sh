# Sourced by bench/run.sh (not run on its own): the download benchmark.
#
# The large set's 10 MiB document (the industrial group's complete policy
# wording) downloaded through /documents/{id}/file, against the same bytes
# served as a plain static file by nginx (sendfile) on the same machine.
# Goals: throughput ≥ 0.8 × nginx's, and the portal's resident memory grows
# by less than 16 MiB while the download runs (the file is streamed, never
# held whole). Writes its Markdown lines to $DOWNLOAD_SUMMARY and sets
# DOWNLOAD_STATUS (0 met, 2 missed).
#
# Settings (environment):
#   BENCH_DOWNLOAD_LOGIN=stefan.bauer@brenner-gruppe.example.de
#   BENCH_DOWNLOAD_TITLE=Versicherungsbedingungen   title search that finds the file
#   BENCH_DOWNLOAD_CONNECTIONS=8   wrk connections for both servers
#   BENCH_DOWNLOAD_GOAL=0.8        minimum throughput ratio portal ÷ static
#   BENCH_DOWNLOAD_RSS_MIB=16      largest RSS growth allowed

DL_LOGIN=${BENCH_DOWNLOAD_LOGIN:-stefan.bauer@brenner-gruppe.example.de}
DL_TITLE=${BENCH_DOWNLOAD_TITLE:-Versicherungsbedingungen}
DL_CONNECTIONS=${BENCH_DOWNLOAD_CONNECTIONS:-8}
DL_GOAL=${BENCH_DOWNLOAD_GOAL:-0.8}
DL_RSS_MIB=${BENCH_DOWNLOAD_RSS_MIB:-16}

[[ -n ${SESSION[$DL_LOGIN]:-} ]] || SESSION[$DL_LOGIN]=$(login "$DL_LOGIN")
DL_COOKIE="Cookie: kp_session=${SESSION[$DL_LOGIN]}"

# The document's id, from the inbox's search (works on both databases).
DL_ID=$(curl -s --max-time 60 -H "$DL_COOKIE" "$BASE/documents?q=$DL_TITLE" |
    grep -oE 'href="/documents/[0-9]+"' | head -n1 | grep -oE '[0-9]+' || true)
[[ -n $DL_ID ]] || die "download: no document titled '$DL_TITLE' for $DL_LOGIN (is this the large set?)"
DL_PATH=/documents/$DL_ID/file
curl -s --max-time 60 -H "$DL_COOKIE" -o "$TMP/download.bin" "$BASE$DL_PATH" ||
    die "download: GET $DL_PATH failed"
DL_BYTES=$(stat -c %s "$TMP/download.bin")
((DL_BYTES >= 10 * 1024 * 1024)) || log "download: WARNING: the file has only $DL_BYTES bytes"

# --- the static reference ---------------------------------------------------
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $NGINX ]] || die "download: nginx not found"
mkdir -p "$TMP/static" "$TMP/nginx"
cp "$TMP/download.bin" "$TMP/static/file.pdf"
STATIC_PORT=$((PORT + 1))
while port_in_use "$STATIC_PORT"; do STATIC_PORT=$((STATIC_PORT + 1)); done
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user root;"
cat >"$TMP/nginx/nginx.conf" <<CONF
$user_line
worker_processes $(nproc);
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 256; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    types { application/pdf pdf; }
    server {
        listen 127.0.0.1:$STATIC_PORT;
        root $TMP/static;
    }
}
CONF
"$NGINX" -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" 2>"$TMP/nginx/start.err" &
NGINX_PID=$!
STATIC_URL=http://127.0.0.1:$STATIC_PORT/file.pdf
for _ in $(seq 50); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$STATIC_URL" || true) = 200 ]] && break
    sleep 0.1
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "$STATIC_URL" || true) = 200 ]] ||
    die "download: nginx did not serve the file ($(cat "$TMP/nginx/start.err" "$TMP/nginx/error.log" 2>/dev/null | tail -n 3))"

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status"; }

# One wrk run; prints "req/s MiB/s p50_ms errors".
download_run() {
    local url=$1 out line requests duration bytes errors
    shift
    out=$(wrk -t"$THREADS" -c"$DL_CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "$@" "$url")
    printf '### download %s\n%s\n\n' "$url" "$out" >>"$RAW"
    line=$(grep '^BENCH ' <<<"$out") || die "download: no report line from wrk"
    requests=$(field requests "$line")
    duration=$(field duration_us "$line")
    bytes=$(field bytes "$line")
    errors=$(($(field status_errors "$line") + $(field connect_errors "$line") + $(field read_errors "$line") + $(field write_errors "$line") + $(field timeouts "$line")))
    awk -v r="$requests" -v d="$duration" -v b="$bytes" -v p="$(field p50_us "$line")" -v e="$errors" \
        'BEGIN { s = d / 1e6; printf "%.1f %.1f %.2f %d\n", r / s, b / s / 1048576, p / 1000, e }'
}

log "download: static file ($DL_BYTES bytes, nginx), $DL_CONNECTIONS connections"
[[ $WARMUP != 0 ]] && wrk -t"$THREADS" -c"$DL_CONNECTIONS" -d"$WARMUP" "$STATIC_URL" >/dev/null
read -r S_RPS S_MIBS S_P50 S_ERR < <(download_run "$STATIC_URL")

log "download: portal GET $DL_PATH, $DL_CONNECTIONS connections, sampling RSS"
RSS_BEFORE=$(rss_kb)
: >"$TMP/rss.txt"
( while kill -0 "$SERVER_PID" 2>/dev/null; do rss_kb >>"$TMP/rss.txt"; sleep 0.1; done ) &
SAMPLER=$!
[[ $WARMUP != 0 ]] && wrk -t"$THREADS" -c"$DL_CONNECTIONS" -d"$WARMUP" -H "$DL_COOKIE" "$BASE$DL_PATH" >/dev/null
read -r P_RPS P_MIBS P_P50 P_ERR < <(download_run "$BASE$DL_PATH" -H "$DL_COOKIE")
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
RSS_PEAK=$(sort -n "$TMP/rss.txt" | tail -n1)
RSS_GROWTH_MIB=$(awk -v a="$RSS_BEFORE" -v b="${RSS_PEAK:-$RSS_BEFORE}" 'BEGIN { d = (b - a) / 1024; printf "%.1f", (d > 0) ? d : 0 }')
DL_RATIO=$(awk -v a="$P_MIBS" -v b="$S_MIBS" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
log "download: portal $P_MIBS MiB/s, static $S_MIBS MiB/s (ratio $DL_RATIO), RSS +$RSS_GROWTH_MIB MiB"

# Sets V to the verdict of an awk condition; a miss sets DOWNLOAD_STATUS.
verdict() { if awk "BEGIN { exit !($1) }"; then V=met; else V="NOT met"; DOWNLOAD_STATUS=2; fi; }
verdict "$DL_RATIO >= $DL_GOAL"
RATIO_VERDICT=$V
verdict "$RSS_GROWTH_MIB < $DL_RSS_MIB"
RSS_VERDICT=$V
{
    echo "Download of a $((DL_BYTES / 1024)) KiB PDF, wrk -t$THREADS -c$DL_CONNECTIONS -d$DURATION:"
    echo
    echo "| served by | route | downloads/s | MiB/s | p50 ms | errors |"
    echo "|---|---|---:|---:|---:|---:|"
    echo "| nginx (static file, sendfile) | GET /file.pdf | $S_RPS | $S_MIBS | $S_P50 | $S_ERR |"
    echo "| portal (scoped, audited, streamed) | GET $DL_PATH | $P_RPS | $P_MIBS | $P_P50 | $P_ERR |"
    echo
    echo "- portal ÷ static throughput = $DL_RATIO (goal ≥ $DL_GOAL: $RATIO_VERDICT)"
    echo "- server RSS $((RSS_BEFORE / 1024)) MiB before, $((${RSS_PEAK:-$RSS_BEFORE} / 1024)) MiB at most during the download: +$RSS_GROWTH_MIB MiB (goal < $DL_RSS_MIB MiB: $RSS_VERDICT)"
    ((S_ERR + P_ERR == 0)) || { echo "- WARNING: errors during the download runs"; DOWNLOAD_STATUS=1; }
} >"$DOWNLOAD_SUMMARY"
kill "$NGINX_PID" 2>/dev/null || true
wait "$NGINX_PID" 2>/dev/null || true
NGINX_PID=
