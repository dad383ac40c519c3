#!/usr/bin/env bash
# Crash test of the dispatcher (docs/DISPATCH.md, "The delivery guarantee"): a demo
# portfolio's collection day puts e-mails into the outbox; `kulanz dispatch` sends them to
# a real SMTP server (aiosmtpd) and is killed with SIGKILL at random moments, at least
# KILLS times, and started again each time. Then: every e-mail entry is sent and arrived;
# a message that arrived more than once belongs to an entry that was taken over in doubt,
# at most once more per time it was in doubt; every copy carries the same Message-ID as
# the first; each entry has exactly one contact history record. Prints the counts.
# Usage: dispatch_crash_test.sh KULANZ_BINARY [KILLS]
set -euo pipefail
bin="$1"
kills="${2:-20}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-dispatch-crash-XXXXXX")"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/sink.sh"
trap 'stop_sink; rm -rf "$dir"' EXIT
cd "$dir"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL KULANZ_PORTAL_SECRET KULANZ_BASE_RATES KULANZ_SMTP_URL
fail() { echo "dispatch_crash_test: $*" >&2; exit 1; }
export KULANZ_DB="sqlite:$dir/d.db"

# Today in the customers' time zone, and a policy that allows contacts all day every day,
# so that the day's e-mails are due whenever the test runs.
today=$(TZ=Europe/Berlin date +%F)
"$bin" demo --today "$today" --customers 1200 --seed 7 >/dev/null 2>&1 || fail "demo"
all_day_collection "$here/../../data/collection/default.toml" >all-day.toml
for c in stadtwerke grosshandel; do "$bin" strategy load all-day.toml --creditor "$c" >/dev/null || fail "strategy load $c"; done
"$bin" run --as-of "$today" >/dev/null || fail "run"
entries=$(sqlite3 d.db "SELECT count(*) FROM outbox WHERE channel = 'email'")
(( entries >= 50 )) || fail "the run put only $entries e-mails into the outbox; the test would prove little"

# Each message is stored a moment before the server says 250: kills land between the two.
start_sink "$dir/sink" --reply-delay 0.15
# A short SMTP timeout and lease: an interrupted transaction is taken over within seconds.
cat >k.toml <<EOF
[smtp]
url = "smtp://127.0.0.1:$SINK_PORT"
tls = "none"
timeout_seconds = 2
[dispatch]
lease_seconds = 3
[email]
attach_letter = "never"
EOF

unsent() { sqlite3 d.db "SELECT count(*) FROM outbox WHERE channel = 'email' AND status IN ('pending', 'sending')"; }
killed=0
attempts=0
RANDOM=20261123
while (( killed < kills )); do
  attempts=$((attempts + 1))
  (( attempts <= kills * 4 )) || fail "could not kill the dispatcher $kills times in $attempts attempts"
  if (( $(unsent) == 0 )); then
    # Everything went out before enough kills: send the day again from fresh entries.
    fail "all e-mails were sent after $killed kills; raise the number of customers"
  fi
  "$bin" --config k.toml dispatch >>dispatch.out 2>>dispatch.err &
  pid=$!
  delay_ms=$(( 300 + (RANDOM % 1700) ))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    killed=$((killed + 1))
  else
    wait "$pid" || fail "dispatch failed without a kill: $(tail -3 dispatch.err)"
    # It finished the due ones; the rest waits for leases: wait for them.
    sleep 3
  fi
done
# Let the last leases run out, then finish.
for _ in 1 2 3 4 5; do
  sleep 3.2
  "$bin" --config k.toml dispatch >>dispatch.out 2>>dispatch.err || fail "dispatch: $(tail -3 dispatch.err)"
  (( $(unsent) == 0 )) && break
done
(( $(unsent) == 0 )) || fail "$(unsent) e-mail entries are still unsent"

not_sent=$(sqlite3 d.db "SELECT count(*) FROM outbox WHERE channel = 'email' AND status <> 'sent'")
(( not_sent == 0 )) || fail "$not_sent e-mail entries ended other than sent: $(sqlite3 d.db "SELECT idempotency_key, status, last_error FROM outbox WHERE channel = 'email' AND status <> 'sent' LIMIT 5")"

# What arrived: Message-ID and outbox key of every message.
received_ids "$dir/sink" | sort >received.txt
sqlite3 -separator ' ' d.db "SELECT message_id, idempotency_key, in_doubt FROM outbox WHERE channel = 'email' ORDER BY idempotency_key" >entries.txt
in_doubt_total=$(awk '{ n += $3 } END { print n + 0 }' entries.txt)
duplicates=0
while read -r mid key doubt; do
  copies=$(awk -v k="$key" '$2 == k' received.txt | wc -l)
  (( copies >= 1 )) || fail "entry $key was marked sent but never arrived"
  other_ids=$(awk -v k="$key" -v m="$mid" '$2 == k && $1 != m' received.txt | wc -l)
  (( other_ids == 0 )) || fail "entry $key arrived with another Message-ID than $mid"
  if (( copies > 1 )); then
    (( copies - 1 <= doubt )) || fail "entry $key arrived $copies times but was in doubt only $doubt times"
    duplicates=$((duplicates + copies - 1))
  fi
done <entries.txt
strays=$(awk 'NR == FNR { k[$2] = 1; next } !($2 in k)' entries.txt received.txt | wc -l)
(( strays == 0 )) || fail "$strays messages arrived that belong to no e-mail entry"
history=$(sqlite3 d.db "SELECT count(*) FROM contact_history WHERE channel = 'email' AND delivery_state = 'sent'")
(( history == entries )) || fail "$history history records for $entries sent e-mails"
twice=$(sqlite3 d.db "SELECT count(*) FROM (SELECT outbox_id FROM contact_history WHERE channel = 'email' GROUP BY outbox_id HAVING count(*) > 1) t")
(( twice == 0 )) || fail "$twice entries have more than one history record"
echo "dispatch_crash_test: $killed kills in $attempts starts; $entries entries sent, $(wc -l <received.txt) messages arrived;" \
     "$in_doubt_total taken over in doubt, $duplicates arrived twice (each with its first copy's Message-ID)"
