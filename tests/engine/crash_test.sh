#!/usr/bin/env bash
# Crash test of the daily run: kill `kulanz run` with SIGKILL at random points (at least
# 20 times), run it again until it finishes, and compare everything the run writes
# (outbox, tasks, escalations, steps taken, posted fees and interest, journeys) with an
# uninterrupted run on a copy of the same database: identical.
# Usage: crash_test.sh KULANZ_BINARY [KILLS]
set -euo pipefail
bin="$1"
kills="${2:-20}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
as_of=2026-05-04

"$bin" demo --db "sqlite:$dir/base.db" --today 2026-04-20 --customers 1500 --seed 11 >/dev/null 2>&1
cp "$dir/base.db" "$dir/reference.db"
cp "$dir/base.db" "$dir/crashed.db"

# The reference: one uninterrupted run; its duration bounds the random kill points.
start=$(date +%s%N)
"$bin" run --db "sqlite:$dir/reference.db" --as-of "$as_of" --batch-size 25 >/dev/null 2>"$dir/reference.err"
duration_ms=$(( ($(date +%s%N) - start) / 1000000 ))
(( duration_ms > 0 )) || duration_ms=1

killed=0
attempts=0
RANDOM=42
while (( killed < kills )); do
  attempts=$((attempts + 1))
  if (( attempts > kills * 5 )); then
    echo "crash_test: could not kill the run $kills times in $attempts attempts (duration ${duration_ms} ms)" >&2
    exit 1
  fi
  "$bin" run --db "sqlite:$dir/crashed.db" --as-of "$as_of" --batch-size 25 >/dev/null 2>>"$dir/crashed.err" &
  pid=$!
  # A random point within the first 90 % of a full run (the re-runs are shorter: they
  # find done batches and write nothing for them).
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (duration_ms * 9 / 10 + 1) ))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    killed=$((killed + 1))
  else
    wait "$pid" || { echo "crash_test: run failed without a kill" >&2; cat "$dir/crashed.err" >&2; exit 1; }
    # Finished before the kill: start again from a fresh copy so every kill lands mid-run.
    cp "$dir/base.db" "$dir/crashed.db"
    rm -f "$dir/crashed.db-wal" "$dir/crashed.db-shm"
  fi
done
# Finish the day.
"$bin" run --db "sqlite:$dir/crashed.db" --as-of "$as_of" --batch-size 25 >/dev/null 2>>"$dir/crashed.err"

dump() {
  sqlite3 "$1" <<'SQL'
.mode list
SELECT 'outbox', idempotency_key, channel, fallbacks, template, tone, language, invoice_ids, local_day, send_from_unix, send_until_unix, status FROM outbox ORDER BY idempotency_key;
SELECT 'task', idempotency_key, kind, due_on, invoice_ids, note, status FROM tasks ORDER BY idempotency_key;
SELECT 'escalation', idempotency_key, kind, invoice_ids, principal_minor, fees_minor, interest_minor, payload_json FROM escalations ORDER BY idempotency_key;
SELECT 'item', external_id, kind, amount_minor, open_minor FROM invoices WHERE kind <> 'invoice' ORDER BY external_id;
SELECT 'state', customer_id, segment, rule_index, assigned_on, journey_strategy, journey_version, journey_variant, journey_holdout, journey_started_on, steps FROM collection_state ORDER BY customer_id;
SQL
}
dump "$dir/reference.db" >"$dir/reference.txt"
dump "$dir/crashed.db" >"$dir/crashed.txt"
entries=$(grep -c '^outbox|' "$dir/reference.txt" || true)
if (( entries == 0 )); then
  echo "crash_test: the reference run wrote no outbox entries; the test would prove nothing" >&2
  exit 1
fi
if ! diff -u "$dir/reference.txt" "$dir/crashed.txt" >"$dir/diff.txt"; then
  echo "crash_test: the interrupted runs differ from the uninterrupted run:" >&2
  head -40 "$dir/diff.txt" >&2
  exit 1
fi
echo "crash_test: $killed kills in $attempts attempts; $entries outbox entries, $(wc -l <"$dir/reference.txt") rows identical"
