#!/usr/bin/env bash
# Usage: law_cli_test.sh PATH/TO/kulanz
# `kulanz law interest`: the example of the documentation, computed by hand.
#
# 1,234.56 EUR from 2024-03-01 to 2025-02-15 (both days included), actual/365, each period
# rounded half up to the cent (cents * rate_bp * days / 3,650,000):
#   2024-03-01 .. 2024-06-30  122 days  base 3.62
#   2024-07-01 .. 2024-12-31  184 days  base 3.37
#   2025-01-01 .. 2025-02-15   46 days  base 2.27
# business (+9 points):
#   123456 * 1262 * 122 / 3650000 = 19007779584 / 3650000 = 5207.61 ->  52.08
#   123456 * 1237 * 184 / 3650000 = 28099573248 / 3650000 = 7698.51 ->  76.99
#   123456 * 1127 *  46 / 3650000 =  6400205952 / 3650000 = 1753.48 ->  17.53
#   total 146.60
# consumer (+5 points):
#   123456 *  862 * 122 / 3650000 = 12983126784 / 3650000 = 3557.02 ->  35.57
#   123456 *  837 * 184 / 3650000 = 19013211648 / 3650000 = 5209.10 ->  52.09
#   123456 *  727 *  46 / 3650000 =  4128615552 / 3650000 = 1131.13 ->  11.31
#   total 98.97
set -euo pipefail
kulanz="$1"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-law-XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL
fail() { echo "FAIL: $*" >&2; exit 1; }

"$kulanz" law --help | grep -q "Usage:" || fail "kulanz law --help"
"$kulanz" law interest --help | grep -q -- "--base-rates" || fail "kulanz law interest --help lacks --base-rates"

out="$("$kulanz" law interest --principal 1234.56 --from 2024-03-01 --to 2025-02-15 --debtor business)" \
  || fail "business example exits non-zero"
grep -qx "Total interest: EUR 146.60" <<<"$out" || fail "business total: $out"
grep -Eq "^2024-03-01  2024-06-30 +122 +3\.62 % +12\.62 % +52\.08$" <<<"$out" || fail "first period: $out"
grep -Eq "^2024-07-01  2024-12-31 +184 +3\.37 % +12\.37 % +76\.99$" <<<"$out" || fail "second period: $out"
grep -Eq "^2025-01-01  2025-02-15 +46 +2\.27 % +11\.27 % +17\.53$" <<<"$out" || fail "third period: $out"
grep -Eq "^total +352 +146\.60$" <<<"$out" || fail "total row: $out"
grep -q "Flat fee (§288 Abs. 5 BGB): applies, EUR 40.00" <<<"$out" || fail "flat fee for a business debtor: $out"

out="$("$kulanz" law interest --principal 1234.56 --from 2024-03-01 --to 2025-02-15 --debtor consumer)" \
  || fail "consumer example exits non-zero"
grep -qx "Total interest: EUR 98.97" <<<"$out" || fail "consumer total: $out"
grep -Eq "^2024-03-01  2024-06-30 +122 +3\.62 % +8\.62 % +35\.57$" <<<"$out" || fail "consumer first period: $out"
grep -q "Flat fee (§288 Abs. 5 BGB): does not apply" <<<"$out" || fail "no flat fee for a consumer: $out"

# German spellings of the amount and the dates give the same result.
out="$("$kulanz" law interest --principal 1234,56 --from 01.03.2024 --to 15.02.2025 --debtor business)"
grep -qx "Total interest: EUR 146.60" <<<"$out" || fail "German input: $out"

# A period without a confirmed base rate is refused, never guessed.
if "$kulanz" law interest --principal 100 --from 2026-06-01 --to 2026-07-15 --debtor business >out.txt 2>err.txt; then
  fail "a period past the known rates was accepted: $(cat out.txt)"
fi
grep -q "no confirmed base rate" err.txt || fail "unclear refusal: $(cat err.txt)"
grep -q -- "--base-rates FILE" err.txt || fail "refusal does not say how to add the rate: $(cat err.txt)"
[[ ! -s out.txt ]] || fail "a refused computation printed a result: $(cat out.txt)"

# The operator's own table: with a (made-up) rate from 2026-07-01 the same period works.
#   2026-06-01 .. 2026-06-30: 30 days at 1.27 + 9 = 10.27 %: 10000 * 1027 * 30 / 3650000 = 84.41 -> 0.84
#   2026-07-01 .. 2026-07-15: 15 days at 2.00 + 9 = 11.00 %: 10000 * 1100 * 15 / 3650000 = 45.21 -> 0.45
cat >rates.csv <<'CSV'
# operator copy
valid_from;rate_percent
2026-01-01;1,27
2026-07-01;2,00
CSV
out="$("$kulanz" law interest --principal 100 --from 2026-06-01 --to 2026-07-15 --debtor business --base-rates rates.csv)" \
  || fail "operator table rejected"
grep -qx "Total interest: EUR 1.29" <<<"$out" || fail "operator table total: $out"

# The same table from the configuration: [law] base_rates (relative to the file's folder),
# KULANZ_BASE_RATES, and --base-rates beating both.
mkdir -p conf
cp rates.csv conf/rates.csv
printf '[law]\nbase_rates = "rates.csv"\n' >conf/kulanz.toml
out="$("$kulanz" --config conf/kulanz.toml law interest --principal 100 --from 2026-06-01 --to 2026-07-15 --debtor business)" \
  || fail "[law] base_rates was not used"
grep -qx "Total interest: EUR 1.29" <<<"$out" || fail "[law] base_rates total: $out"
out="$(KULANZ_BASE_RATES=rates.csv "$kulanz" law interest --principal 100 --from 2026-06-01 --to 2026-07-15 --debtor business)" \
  || fail "KULANZ_BASE_RATES was not used"
grep -qx "Total interest: EUR 1.29" <<<"$out" || fail "KULANZ_BASE_RATES total: $out"
printf 'valid_from,rate_percent\n2026-01-01,1.27\n2026-07-01,3.00\n' >other.csv
out="$("$kulanz" --config conf/kulanz.toml law interest --principal 100 --from 2026-06-01 --to 2026-07-15 --debtor business \
        --base-rates other.csv)" || fail "--base-rates with a configured table"
#   2026-07-01 .. 2026-07-15 at 3.00 + 9 = 12 %: 10000 * 1200 * 15 / 3650000 = 49.32 -> 0.49; 0.84 + 0.49
grep -qx "Total interest: EUR 1.33" <<<"$out" || fail "--base-rates does not beat [law] base_rates: $out"

# A broken table names the file and line.
printf 'valid_from,rate_percent\n2026-01-01,1.27\n2026-07-01,two\n' >bad.csv
if "$kulanz" law interest --principal 100 --from 2026-06-01 --to 2026-06-02 --debtor business --base-rates bad.csv 2>err.txt; then
  fail "a broken table was accepted"
fi
grep -q "bad.csv:3" err.txt || fail "broken table error without line: $(cat err.txt)"
if "$kulanz" law interest --principal 100 --from 2026-06-01 --to 2026-06-02 --debtor business --base-rates missing.csv 2>err.txt; then
  fail "a missing table was accepted"
fi
grep -q "missing.csv" err.txt || fail "missing table not named: $(cat err.txt)"
# A broken configured table stops the server before it listens.
printf '[law]\nbase_rates = "../bad.csv"\n' >conf/bad.toml
if timeout 20 "$kulanz" --config conf/bad.toml --db sqlite:serve.db serve --listen 127.0.0.1:0 >serve.out 2>err.txt; then
  fail "serve started with a broken base-rate table"
fi
grep -q "bad.csv:3" err.txt || fail "serve: broken table error without line: $(cat err.txt)"
grep -q "kulanz is serving" serve.out && fail "serve listened despite a broken base-rate table"

# Bad input is a usage error (exit 2).
set +e
"$kulanz" law interest --principal 12.345 --from 2024-03-01 --to 2024-03-02 --debtor business 2>/dev/null; rc_amount=$?
"$kulanz" law interest --principal 10 --from 2024-02-30 --to 2024-03-02 --debtor business 2>/dev/null; rc_date=$?
"$kulanz" law interest --principal 10 --from 2024-03-01 --to 2024-03-02 --debtor alien 2>/dev/null; rc_debtor=$?
"$kulanz" law interest --principal 10 --from 2024-03-01 --to 2024-03-02 2>/dev/null; rc_missing=$?
set -e
[[ $rc_amount -eq 2 ]] || fail "three decimals: exit $rc_amount"
[[ $rc_date -eq 2 ]] || fail "30 February: exit $rc_date"
[[ $rc_debtor -eq 2 ]] || fail "unknown debtor type: exit $rc_debtor"
[[ $rc_missing -eq 2 ]] || fail "missing --debtor: exit $rc_missing"
echo "law cli: ok"
