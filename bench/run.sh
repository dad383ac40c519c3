#!/usr/bin/env bash
# Collection run benchmark: a seeded portfolio (CUSTOMERS customers, 3 invoices each) is
# imported into a fresh SQLite database, then one full `kulanz run` is timed. Baseline, in
# the same run on a copy of the same database: the sqlite3 shell scanning the same
# customers and items (customers joined with their invoices, payments and allocations, in
# customer order) and inserting as many outbox rows as the run wrote.
#
#   bench/run.sh BUILD_DIR [CUSTOMERS]     (default 1000000)
#
# The run's own figures come from its report (customers, outbox entries); decisions and the
# database growth are printed for context.
#
# Environment: KULANZ_BENCH_DIR (work folder, default BUILD_DIR/bench-run),
#              KULANZ_BENCH_SEED (default 42), KULANZ_BENCH_AS_OF (run day, default today).
set -euo pipefail

build="${1:?usage: bench/run.sh BUILD_DIR [CUSTOMERS]}"
customers="${2:-1000000}"
seed="${KULANZ_BENCH_SEED:-42}"
as_of="${KULANZ_BENCH_AS_OF:-$(date -u +%F)}"
kulanz="$build/apps/kulanz"
gen="$build/bench/kulanz_bench_gen"
work="${KULANZ_BENCH_DIR:-$build/bench-run}"
for tool in "$kulanz" "$gen"; do
  [[ -x "$tool" ]] || { echo "bench/run.sh: $tool is missing (cmake --preset bench && cmake --build --preset bench)" >&2; exit 2; }
done
command -v sqlite3 >/dev/null || { echo "bench/run.sh: sqlite3 is missing (apt-get install sqlite3)" >&2; exit 2; }

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

mkdir -p "$work"
rm -f "$work"/kulanz.db* "$work"/baseline.db*
invoices=$((customers * 3))
echo "generating $customers customers with $invoices invoices (seed $seed) in $work"
"$gen" --out "$work" --invoices "$invoices" --customers "$customers" --seed "$seed" >/dev/null
db="sqlite:$work/kulanz.db"
"$kulanz" --db "$db" migrate >/dev/null 2>&1
"$kulanz" --db "$db" creditor create --code bench --name "Benchmark GmbH" >/dev/null
"$kulanz" --db "$db" import customers "$work/customers.csv" --creditor bench >/dev/null 2>&1
"$kulanz" --db "$db" import invoices "$work/invoices.csv" --creditor bench >/dev/null 2>&1
# Store the default collection file before the copy so both sides start equal.
"$kulanz" --db "$db" strategy versions --creditor bench >/dev/null
"$kulanz" --db "$db" run --as-of "$as_of" --dry-run --creditor bench --batch-size 1000 >/dev/null 2>&1 || true
sqlite3 "$work/kulanz.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$work/kulanz.db" "$work/baseline.db"

t0=$(now)
"$kulanz" --db "$db" run --as-of "$as_of" --creditor bench --batch-size 2000 --json >"$work/report.json"
t1=$(now)
outbox=$(sqlite3 "$work/kulanz.db" "SELECT count(*) FROM outbox;")
decisions=$(sqlite3 "$work/kulanz.db" "SELECT count(*) FROM decisions;")
grown=$(( ($(stat -c %s "$work/kulanz.db") + $(stat -c %s "$work/kulanz.db-wal" 2>/dev/null || echo 0) - $(stat -c %s "$work/baseline.db")) / 1048576 ))

# Baseline: read the same rows in customer order and write the same number of outbox rows,
# with the settings kulanz's connections use (WAL, synchronous=NORMAL, 64 MiB page cache;
# the 16 KiB pages come with the file).
t2=$(now)
sqlite3 "$work/baseline.db" >/dev/null <<SQL
PRAGMA synchronous=NORMAL;
PRAGMA cache_size=-65536;
CREATE TEMP TABLE scan AS
  SELECT c.id, c.external_id, c.customer_type, c.birth_date, c.contacts,
         (SELECT count(*) || ':' || coalesce(sum(open_minor), 0) || ':' || coalesce(min(due_date), '') FROM invoices i
           WHERE i.creditor_id = c.creditor_id AND i.customer_id = c.id) AS items,
         (SELECT count(*) FROM payments p WHERE p.creditor_id = c.creditor_id AND p.customer_id = c.id) AS payments,
         (SELECT count(*) FROM allocations a WHERE a.creditor_id = c.creditor_id AND a.customer_id = c.id) AS allocations
  FROM customers c ORDER BY c.id;
BEGIN;
INSERT INTO outbox (creditor_id, customer_id, idempotency_key, decision_key, channel, fallbacks, template, tone, language,
                    invoice_ids, local_day, send_from_unix, send_until_unix, status)
  SELECT 1, id, 'baseline/' || id, 'baseline/' || id, 'email', '', 'first_reminder', 'friendly', 'de', '', '$as_of', 0, 0, 'pending'
  FROM scan LIMIT $outbox;
COMMIT;
SQL
t3=$(now)

run_s=$(secs "$t0" "$t1"); base_s=$(secs "$t2" "$t3")
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
printf "kulanz run        : %9d customers in %7s s = %9s customers/s (%d outbox entries)\n" "$customers" "$run_s" \
  "$(rate "$customers" "$run_s")" "$outbox"
printf "                    %d decisions, database grew by %d MiB\n" "$decisions" "$grown"
printf "sqlite3 baseline  : %9d customers in %7s s = %9s customers/s (scan + %d outbox rows)\n" "$customers" "$base_s" \
  "$(rate "$customers" "$base_s")" "$outbox"
awk -v a="$run_s" -v b="$base_s" 'BEGIN { printf "ratio run time / baseline time: %.2f (goal <= 3.00; goal for 1,000,000 customers: < 10 s)\n", (b > 0 ? a / b : 0) }'
