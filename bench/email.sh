#!/usr/bin/env bash
# E-mail benchmark: a demo portfolio's collection day (CUSTOMERS customers; about one in
# nineteen gets an e-mail that day) is rendered from the default templates and sent by
# `kulanz dispatch` to a local SMTP server (aiosmtpd, tests/channels/smtp_sink.py, storing
# every message as a file). Reported: messages per second and where the time went
# (rendering, sending, database). Baseline, in the same run and to the same server: the
# first rendered message sent as many times over one connection by Python's smtplib (what
# the server and the loopback take without any rendering or bookkeeping).
#
#   bench/email.sh BUILD_DIR [CUSTOMERS]     (default 1900000: about 100,000 e-mails)
#
# Environment: KULANZ_BENCH_DIR (work folder, default BUILD_DIR/bench-email),
#              KULANZ_BENCH_ATTACH (reminders|always|never; default reminders).
set -euo pipefail
build="$(cd "${1:?usage: bench/email.sh BUILD_DIR [CUSTOMERS]}" && pwd)"
customers="${2:-1900000}"
kulanz="$build/apps/kulanz"
here="$(cd "$(dirname "$0")" && pwd)"
work="${KULANZ_BENCH_DIR:-$build/bench-email}"
attach="${KULANZ_BENCH_ATTACH:-reminders}"
[[ -x "$kulanz" ]] || { echo "bench/email.sh: $kulanz is missing (cmake --preset bench && cmake --build --preset bench)" >&2; exit 2; }
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null ||
  { echo "bench/email.sh: python3-aiosmtpd is missing (apt-get install python3-aiosmtpd)" >&2; exit 2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

source "$here/../tests/dispatch/sink.sh"
rm -rf "$work"
mkdir -p "$work"
cd "$work"
today=$(TZ=Europe/Berlin date +%F)
export KULANZ_DB="sqlite:$work/bench.db"
echo "generating a demo portfolio of $customers customers as of $today"
"$kulanz" demo --today "$today" --customers "$customers" --seed 42 >/dev/null
"$kulanz" strategy show-default >default.toml
all_day_collection default.toml >all-day.toml
for c in stadtwerke grosshandel; do "$kulanz" strategy load all-day.toml --creditor "$c" >/dev/null; done
"$kulanz" run --as-of "$today" >/dev/null
emails=$(sqlite3 bench.db "SELECT count(*) FROM outbox WHERE channel = 'email'")
echo "the day's run put $emails e-mails into the outbox (attach_letter = $attach)"

trap stop_sink EXIT
start_sink "$work/sink"
cat >k.toml <<EOF
[smtp]
url = "smtp://127.0.0.1:$SINK_PORT"
tls = "none"
[email]
attach_letter = "$attach"
EOF
t0=$(now)
"$kulanz" --config k.toml dispatch --timing >dispatch.txt 2>/dev/null
t1=$(now)
d_secs=$(secs "$t0" "$t1")
sent=$(sed -n 's/^sent \([0-9]*\).*/\1/p' dispatch.txt)
stop_sink

# Baseline: the first rendered message, as many times, over one connection.
first=$(find sink -name "*.eml" -print -quit)
rm -rf sink2
start_sink "$work/sink2"
b_secs=$(/usr/bin/python3 - "$first" "$SINK_PORT" "$sent" <<'PY'
import smtplib, sys, time
raw = open(sys.argv[1], "rb").read()
port, n = int(sys.argv[2]), int(sys.argv[3])
start = time.monotonic()
with smtplib.SMTP("127.0.0.1", port) as s:
    for _ in range(n):
        s.sendmail("bench@kulanz.example", ["bench@example.org"], raw)
print(f"{time.monotonic() - start:.2f}")
PY
)
stop_sink
bytes=$(du -sb sink | cut -f1)
echo "dispatch: $sent e-mails in $d_secs s = $(rate "$sent" "$d_secs") e-mails/s ($(awk -v b="$bytes" -v n="$sent" 'BEGIN { printf "%.0f", (n > 0 ? b / n / 1024 : 0) }') KiB each on average)"
sed -n -e 's/^time: /  /p' -e 's/^rendering CPU time: /  rendering CPU time: /p' dispatch.txt
echo "baseline (one rendered message sent $sent times over one connection by smtplib): $b_secs s = $(rate "$sent" "$b_secs") e-mails/s"
echo "ratio dispatch/baseline throughput: $(awk -v a="$d_secs" -v b="$b_secs" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')"
