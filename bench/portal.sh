#!/usr/bin/env bash
# Customer portal benchmark: the overview page (GET /p/ with a portal session cookie) of
# random demo customers with open items, loaded with wrk on 127.0.0.1. Baseline, in the same
# run against the same server with the same wrk settings: GET /healthz (a plain-text answer
# after one small database read, no template, no session).
#
#   bench/portal.sh BUILD_DIR [DURATION]     (default 20s; any wrk duration: 30s, 1m, ...)
#
# Set-up: `kulanz demo` (CUSTOMERS customers, seed 42, dated today) and today's collection
# run, as `make demo` does; then SESSIONS random customers with open items get their personal
# link (`kulanz portal-link`), each link is opened once with curl, and the `kulanz_portal`
# cookie it sets is kept (sessions live two hours). bench/portal.lua picks one of them at
# random for every request and counts answers that are not 2xx; any makes the run fail.
#
# Reported for both: requests/s, p50 and p99 latency; then the ratio of the overview's
# requests/s to the health endpoint's.
#
# Environment: KULANZ_BENCH_DIR (work folder, default BUILD_DIR/bench-portal),
#              KULANZ_BENCH_CUSTOMERS (demo size, default 5000),
#              KULANZ_BENCH_SESSIONS (sessions to spread the load over, default 500),
#              KULANZ_BENCH_CONNECTIONS (default 64), KULANZ_BENCH_WRK_THREADS (default 2),
#              KULANZ_BENCH_SERVER_THREADS (kulanz serve --threads, default: the cores).
set -euo pipefail

[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: bench/portal.sh BUILD_DIR [DURATION]" >&2; exit 2; }
[[ -d "$1" ]] || { echo "bench/portal.sh: BUILD_DIR '$1' is not a folder" >&2; exit 2; }
build="$(cd "$1" && pwd)"
duration="${2:-20s}"
[[ "$duration" =~ ^[0-9]+[smh]?$ ]] || { echo "bench/portal.sh: DURATION '$duration' is not a wrk duration (20s, 1m)" >&2; exit 2; }
customers="${KULANZ_BENCH_CUSTOMERS:-5000}"
sessions="${KULANZ_BENCH_SESSIONS:-500}"
connections="${KULANZ_BENCH_CONNECTIONS:-64}"
wrk_threads="${KULANZ_BENCH_WRK_THREADS:-2}"
server_threads="${KULANZ_BENCH_SERVER_THREADS:-$(nproc)}"
kulanz="$build/apps/kulanz"
here="$(cd "$(dirname "$0")" && pwd)"
work="${KULANZ_BENCH_DIR:-$build/bench-portal}"

[[ -x "$kulanz" ]] || { echo "bench/portal.sh: $kulanz is missing (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
for tool in wrk curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench/portal.sh: $tool is missing (apt-get install $tool)" >&2; exit 2; }
done

rm -rf "$work"
mkdir -p "$work"
db="sqlite:$work/portal.db"
today=$(date -u +%F)  # the server's day (UTC)
echo "generating a demo portfolio of $customers customers as of $today in $work"
"$kulanz" --db "$db" demo --today "$today" --customers "$customers" --seed 42 >/dev/null
"$kulanz" --db "$db" run --as-of "$today" >/dev/null

server_pid=
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT
"$kulanz" --db "$db" serve --listen 127.0.0.1:0 --threads "$server_threads" >"$work/serve.log" 2>&1 &
server_pid=$!
base=
for _ in $(seq 1 300); do
  base=$(sed -n 's|^ *web pages: *\(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$work/serve.log" | head -1)
  [[ -n "$base" ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
[[ -n "$base" ]] || { echo "bench/portal.sh: kulanz serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
# A build without the portal answers /p/ with the API's JSON 404.
probe=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$base/p/")
[[ "$probe" == "401 text/html"* ]] || {
  echo "bench/portal.sh: $kulanz serves no customer portal (GET /p/ without a session: $probe, expected 401 text/html); build the current sources" >&2
  exit 1
}

# Random customers with open items (the ones whose messages carry the link), seeded.
sqlite3 "$work/portal.db" "SELECT cr.code || ' ' || c.external_id FROM customers c JOIN creditors cr ON cr.id = c.creditor_id
  WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.creditor_id = c.creditor_id AND i.customer_id = c.id AND i.open_minor > 0)
  ORDER BY c.id" >"$work/customers.txt"
shuf -n "$sessions" --random-source=<(yes 42) "$work/customers.txt" >"$work/chosen.txt"
echo "opening $(wc -l <"$work/chosen.txt") portal sessions (of $(wc -l <"$work/customers.txt") customers with open items)"
# The first link stores the instance secret; the others can then run side by side.
link() { "$kulanz" --db "$db" portal-link --creditor "$1" --customer "$2"; }
export -f link
export kulanz db
head -1 "$work/chosen.txt" | while read -r c k; do link "$c" "$k"; done >"$work/links.txt"
tail -n +2 "$work/chosen.txt" | xargs -P "$(nproc)" -L 1 bash -c 'link "$0" "$1"' >>"$work/links.txt"
: >"$work/cookies.txt"
while read -r path; do
  curl -s -o /dev/null -D - "$base$path" | tr -d '\r' |
    sed -n 's/^[Ss]et-[Cc]ookie: kulanz_portal=\([^;]*\);.*/\1/p' >>"$work/cookies.txt"
done <"$work/links.txt"
opened=$(grep -c . "$work/cookies.txt" || true)
[[ "$opened" -eq "$(wc -l <"$work/links.txt")" && "$opened" -gt 0 ]] ||
  { echo "bench/portal.sh: only $opened of $(wc -l <"$work/links.txt") links opened a session" >&2; exit 1; }
# One request to check the page before loading it.
check=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: kulanz_portal=$(head -1 "$work/cookies.txt")" "$base/p/")
[[ "$check" == 200 ]] || { echo "bench/portal.sh: GET /p/ with a session answered $check" >&2; exit 1; }

load() {  # PATH [COOKIE_FILE]: one wrk run, its result line
  wrk -t "$wrk_threads" -c "$connections" -d "$duration" --timeout 10s -s "$here/portal.lua" "$base" -- "$@" |
    tee -a "$work/wrk.txt" | grep '^result '
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
echo "wrk: $wrk_threads threads, $connections connections, $duration per endpoint; kulanz serve --threads $server_threads"
: >"$work/wrk.txt"
overview=$(load /p/ "$work/cookies.txt")
health=$(load /healthz)
stop_server

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(date -u '+%F %H:%M UTC')"
if grep -q -a -m1 __asan_init "$kulanz"; then
  echo "note: $kulanz is built with AddressSanitizer; its figures are far below a release build's"
fi
for r in "$overview" "$health"; do
  printf "%-9s: %9s requests/s, p50 %8s ms, p99 %8s ms (%s requests, %s not 2xx, %s socket errors)\n" \
    "$(field "$r" path)" "$(field "$r" rps)" "$(field "$r" p50_ms)" "$(field "$r" p99_ms)" "$(field "$r" requests)" \
    "$(field "$r" non2xx)" "$(field "$r" socket_errors)"
done
awk -v a="$(field "$overview" rps)" -v b="$(field "$health" rps)" \
  'BEGIN { printf "ratio overview / healthz requests/s: %.2f\n", (b > 0 ? a / b : 0) }'
for r in "$overview" "$health"; do
  if [[ "$(field "$r" non2xx)" != 0 || "$(field "$r" requests)" == 0 ]]; then
    echo "bench/portal.sh: $(field "$r" path) answered $(field "$r" non2xx) requests with a status other than 2xx" >&2
    exit 1
  fi
done
