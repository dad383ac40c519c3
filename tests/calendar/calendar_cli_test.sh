#!/usr/bin/env bash
# Usage: calendar_cli_test.sh PATH/TO/kulanz PATH/TO/holidays_BY_2026.txt
# `kulanz calendar holidays` as a user runs it: exact output, --help, clear errors.
set -euo pipefail
kulanz="$1"
expected="$2"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-calendar-XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL
fail() { echo "FAIL: $*" >&2; exit 1; }

for cmd in "calendar" "calendar holidays"; do
  # shellcheck disable=SC2086
  out="$("$kulanz" $cmd --help)" || fail "kulanz $cmd --help exits non-zero"
  grep -q "Usage:" <<<"$out" || fail "kulanz $cmd --help prints no usage"
done
"$kulanz" calendar holidays --help | grep -q -- "--state" || fail "--help does not mention --state"
"$kulanz" calendar holidays --help | grep -q -- "--year" || fail "--help does not mention --year"

# The exact output for Bayern 2026, compared with the hand-written official list.
"$kulanz" calendar holidays --state BY --year 2026 >out.txt 2>err.txt || fail "exit code $?: $(cat err.txt)"
diff -u "$expected" out.txt || fail "output differs from $expected"
[[ ! -s err.txt ]] || fail "unexpected messages on stderr: $(cat err.txt)"
# No database is created or needed.
[[ ! -e kulanz.db ]] || fail "calendar holidays created a database"

# Lower-case codes are accepted; other states differ where the law differs.
"$kulanz" calendar holidays --state sn --year 2026 | grep -qx "2026-11-18 Buß- und Bettag" || fail "SN 2026 lacks Buß- und Bettag"
[[ "$("$kulanz" calendar holidays --state BE --year 2026 | wc -l)" -eq 10 ]] || fail "BE 2026 should list 10 holidays"

# Errors: exit code 2, a message naming the problem, nothing on stdout.
expect_error() {
  local pattern="$1"; shift
  local rc=0
  "$kulanz" "$@" >out.txt 2>err.txt || rc=$?
  [[ $rc -eq 2 ]] || fail "kulanz $* exited $rc, expected 2"
  [[ ! -s out.txt ]] || fail "kulanz $* printed to stdout: $(cat out.txt)"
  grep -q -- "$pattern" err.txt || fail "kulanz $*: message lacks '$pattern': $(cat err.txt)"
}
expect_error "--state: .*BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH" calendar holidays --state XX --year 2026
expect_error "'Bayern' is not a German state code" calendar holidays --state Bayern --year 2026
expect_error "--year: .*1995..2199" calendar holidays --state BY --year 1990
expect_error "1995..2199" calendar holidays --state BY --year 2200
expect_error "'20x6' is not a year" calendar holidays --state BY --year 20x6
expect_error "--state" calendar holidays --year 2026
expect_error "--year" calendar holidays --state BY
expect_error "subcommand is required" calendar

echo "calendar CLI: all checks passed"
