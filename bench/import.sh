#!/usr/bin/env bash
# Import benchmark: generates a seeded German-style portfolio, imports it with the
# release `kulanz` into a fresh SQLite database and, in the same run, times the sqlite3
# shell's raw `.import` of the same invoices file into a plain table as the baseline.
#
#   bench/import.sh BUILD_DIR [ROWS]     (ROWS invoices, default 1000000; customers = ROWS/10)
#
# Environment: KULANZ_BENCH_DIR (work folder, default BUILD_DIR/bench-import),
#              KULANZ_BENCH_SEED (default 42).
set -euo pipefail

build="${1:?usage: bench/import.sh BUILD_DIR [ROWS]}"
rows="${2:-1000000}"
[[ -n "$rows" ]] || rows=1000000
seed="${KULANZ_BENCH_SEED:-42}"
kulanz="$build/apps/kulanz"
gen="$build/bench/kulanz_bench_gen"
work="${KULANZ_BENCH_DIR:-$build/bench-import}"

for tool in "$kulanz" "$gen"; do
  [[ -x "$tool" ]] || { echo "bench/import.sh: $tool is missing (build with: cmake --preset bench && cmake --build --preset bench)" >&2; exit 2; }
done
command -v sqlite3 >/dev/null || { echo "bench/import.sh: sqlite3 is missing (apt-get install sqlite3)" >&2; exit 2; }

mkdir -p "$work"
rm -f "$work"/kulanz.db* "$work"/raw.db* "$work"/indexed.db*

now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

customers=$((rows / 10 > 0 ? rows / 10 : 1))
echo "generating $rows invoices for $customers customers (seed $seed) in $work"
"$gen" --out "$work" --invoices "$rows" --customers "$customers" --seed "$seed" >/dev/null
ls -l "$work/customers.csv" "$work/invoices.csv" | awk '{ printf "  %s: %.1f MB\n", $NF, $5 / 1048576 }'

db="sqlite:$work/kulanz.db"
"$kulanz" --db "$db" migrate >/dev/null
"$kulanz" --db "$db" creditor create --code bench --name "Benchmark GmbH" >/dev/null

t0=$(now)
"$kulanz" --db "$db" import customers "$work/customers.csv" --creditor bench
t1=$(now)
"$kulanz" --db "$db" import invoices "$work/invoices.csv" --creditor bench
t2=$(now)

# Baseline: the sqlite3 shell's CSV import into a plain table without constraints.
sqlite3 "$work/raw.db" "CREATE TABLE invoices(number TEXT, customer TEXT, issue_date TEXT, due_date TEXT,
                                              amount TEXT, currency TEXT, skonto_percent TEXT, skonto_days TEXT);"
t3=$(now)
sqlite3 "$work/raw.db" <<SQL
.mode csv
.separator ";"
.import --skip 1 $work/invoices.csv invoices
SQL
t4=$(now)
raw_rows=$(sqlite3 "$work/raw.db" "SELECT count(*) FROM invoices;")

# Context, not the goal: the same .import into a table indexed like kulanz's invoices
# table (unique external id, by customer, by due date) with the same WAL settings.
sqlite3 "$work/indexed.db" "PRAGMA journal_mode=WAL;
  CREATE TABLE invoices(number TEXT, customer TEXT, issue_date TEXT, due_date TEXT,
                        amount TEXT, currency TEXT, skonto_percent TEXT, skonto_days TEXT);
  CREATE UNIQUE INDEX invoices_by_number ON invoices(number);
  CREATE INDEX invoices_by_customer ON invoices(customer);
  CREATE INDEX invoices_by_due_date ON invoices(due_date, amount, currency);" >/dev/null
t5=$(now)
sqlite3 "$work/indexed.db" <<SQL
PRAGMA synchronous=NORMAL;
PRAGMA cache_size=-65536;
.mode csv
.separator ";"
.import --skip 1 $work/invoices.csv invoices
SQL
t6=$(now)

cust_s=$(secs "$t0" "$t1"); inv_s=$(secs "$t1" "$t2"); raw_s=$(secs "$t3" "$t4"); idx_s=$(secs "$t5" "$t6")
inv_rate=$(rate "$rows" "$inv_s"); raw_rate=$(rate "$raw_rows" "$raw_s"); idx_rate=$(rate "$raw_rows" "$idx_s")
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
printf "kulanz import customers : %9d rows in %7s s = %9s rows/s\n" "$customers" "$cust_s" "$(rate "$customers" "$cust_s")"
printf "kulanz import invoices  : %9d rows in %7s s = %9s rows/s\n" "$rows" "$inv_s" "$inv_rate"
printf "sqlite3 .import invoices: %9d rows in %7s s = %9s rows/s (baseline)\n" "$raw_rows" "$raw_s" "$raw_rate"
printf "sqlite3 .import, indexed: %9d rows in %7s s = %9s rows/s (context)\n" "$raw_rows" "$idx_s" "$idx_rate"
awk -v a="$inv_rate" -v b="$raw_rate" 'BEGIN { r = (b > 0 ? a / b : 0); printf "ratio kulanz / raw import: %.2f (goal >= 0.50)\n", r }'
awk -v a="$inv_rate" -v b="$idx_rate" 'BEGIN { r = (b > 0 ? a / b : 0); printf "ratio kulanz / indexed raw import: %.2f\n", r }'
