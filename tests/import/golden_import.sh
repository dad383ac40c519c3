#!/usr/bin/env bash
# Golden end-to-end tests of `kulanz import` against a fresh SQLite database.
# Usage: golden_import.sh KULANZ GOLDEN_DIR CASE
# Each CASE has a folder GOLDEN_DIR/CASE with input files and expected outputs
# (expected_*.txt / expected_*.csv). KULANZ_GOLDEN_UPDATE=1 rewrites the expected files
# from the current output instead of comparing (review the diff before keeping it).
set -uo pipefail

kulanz="$1"
golden="$(cd "$2" && pwd)/$3"
case_name="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$golden"/* "$work"/
cd "$work" || exit 2
db="sqlite:$work/test.db"
failures=0

k() { "$kulanz" --db "$db" "$@"; }

fail() {
  echo "FAIL [$case_name]: $*" >&2
  failures=$((failures + 1))
}

# expect_rc WANT CMD...: runs CMD, keeps stdout/stderr in out.txt/err.txt
expect_rc() {
  local want="$1"
  shift
  "$@" >out.txt 2>err.txt
  local rc=$?
  if [[ "$rc" != "$want" ]]; then
    fail "exit status $rc (wanted $want) from: $*"
    sed 's/^/  stdout: /' out.txt >&2
    sed 's/^/  stderr: /' err.txt >&2
  fi
}

# same_as EXPECTED_FILE ACTUAL_FILE
same_as() {
  if [[ "${KULANZ_GOLDEN_UPDATE:-}" == 1 ]]; then
    cp "$2" "$golden/$1"
    return
  fi
  if ! diff -u "$golden/$1" "$2" >diff.txt; then
    fail "$2 differs from $1:"
    cat diff.txt >&2
  fi
}

# contains FILE TEXT
contains() {
  grep -qF -- "$2" "$1" || { fail "$1 does not contain: $2"; sed 's/^/  | /' "$1" >&2; }
}

setup_db() {
  expect_rc 0 k migrate
  expect_rc 0 k creditor create --code swb --name "Stadtwerke Beispielstadt"
}

case_german_cp1252() {
  setup_db
  expect_rc 0 k import customers kunden.csv --creditor swb
  contains out.txt "kunden.csv: 3 rows, 3 inserted, 0 updated, 0 unchanged, 0 rejected"
  k export customers --creditor swb >customers_before.csv
  k export invoices --creditor swb >invoices_before.csv

  # A file with bad rows: every problem reported, nothing written.
  expect_rc 1 k import invoices rechnungen_fehler.csv --creditor swb
  same_as expected_fehler_stderr.txt err.txt
  contains out.txt "rechnungen_fehler.csv: 8 rows, 0 inserted, 0 updated, 0 unchanged, 4 rejected"
  k export invoices --creditor swb >invoices_after_bad.csv
  k export customers --creditor swb >customers_after_bad.csv
  cmp -s invoices_before.csv invoices_after_bad.csv || fail "invoices changed by a rejected import"
  cmp -s customers_before.csv customers_after_bad.csv || fail "customers changed by a rejected import"

  # Without the bad rows it imports; umlauts arrive intact.
  expect_rc 0 k import invoices rechnungen.csv --creditor swb
  contains out.txt "rechnungen.csv: 4 rows, 4 inserted, 0 updated, 0 unchanged, 0 rejected"
  k export invoices --creditor swb --format csv-de >invoices_export.csv
  same_as expected_invoices_export.csv invoices_export.csv
  same_as expected_customers_export.csv customers_before.csv

  # Importing again changes nothing.
  expect_rc 0 k import invoices rechnungen.csv --creditor swb
  contains out.txt "rechnungen.csv: 4 rows, 0 inserted, 0 updated, 4 unchanged, 0 rejected"
  expect_rc 0 k import customers kunden.csv --creditor swb
  contains out.txt "kunden.csv: 3 rows, 0 inserted, 0 updated, 3 unchanged, 0 rejected"
  k export invoices --creditor swb --format csv-de >invoices_again.csv
  cmp -s invoices_export.csv invoices_again.csv || fail "re-import changed the invoices"

  # A changed amount is an update, not a duplicate.
  sed 's/0,99;;;/1,99;;;/' rechnungen.csv >rechnungen_neu.csv
  expect_rc 0 k import invoices rechnungen_neu.csv --creditor swb
  contains out.txt "rechnungen_neu.csv: 4 rows, 0 inserted, 1 updated, 3 unchanged, 0 rejected"

  # Credit notes must name an existing invoice; payments and credit notes are applied.
  expect_rc 1 k import credit-notes gutschriften.csv --creditor swb
  contains err.txt "gutschriften.csv:3: Rechnungsnummer: invoice 'R-2099-999' does not exist for this creditor (import the invoices first) [E3007]"
  head -n 2 gutschriften.csv >gutschriften_ok.csv
  expect_rc 0 k import credit-notes gutschriften_ok.csv --creditor swb
  contains out.txt "gutschriften_ok.csv: 1 rows, 1 inserted, 0 updated, 0 unchanged, 0 rejected"
  expect_rc 0 k import payments zahlungen.csv --creditor swb
  contains out.txt "zahlungen.csv: 2 rows, 2 inserted, 0 updated, 0 unchanged, 0 rejected"
  expect_rc 0 k import payments zahlungen.csv --creditor swb
  contains out.txt "zahlungen.csv: 2 rows, 0 inserted, 0 updated, 2 unchanged, 0 rejected"
  k export invoices --creditor swb --format csv-de >invoices_paid.csv
  same_as expected_invoices_paid.csv invoices_paid.csv

  # Header problems are reported on line 1 with the accepted names.
  printf 'Rechnungsnummer;Kundennummer;Rechnungsdatum;Faelligkeit;Rechnungsbetrg\r\n' >kopf.csv
  expect_rc 1 k import invoices kopf.csv --creditor swb
  contains err.txt "kopf.csv:1: Rechnungsbetrg: unknown column 'Rechnungsbetrg' (column 5); did you mean 'rechnungsbetrag' (amount)?"
  contains err.txt "kopf.csv:1: amount: the header has no column for amount"
}

case_skip_invalid() {
  setup_db
  expect_rc 0 k import customers kunden.csv --creditor swb
  expect_rc 0 k import invoices rechnungen_fehler.csv --creditor swb --skip-invalid
  contains out.txt "rechnungen_fehler.csv: 8 rows, 4 inserted, 0 updated, 0 unchanged, 4 rejected (rejected rows with reasons in rechnungen_fehler.csv.rejects.csv)"
  same_as expected_rejects.csv rechnungen_fehler.csv.rejects.csv
  k export invoices --creditor swb --format csv-de >invoices_export.csv
  same_as expected_invoices_export.csv invoices_export.csv
  expect_rc 0 k import invoices rechnungen_fehler.csv --creditor swb --skip-invalid --rejects again.csv
  contains out.txt "8 rows, 0 inserted, 0 updated, 4 unchanged, 4 rejected"
  cmp -s again.csv rechnungen_fehler.csv.rejects.csv || fail "rejects differ between runs"
  # A corrected rejects file (UTF-8 with BOM, extra reason column) imports as it is.
  sed -e 's/K-9999/K-1003/' -e 's/01.03.2026;12,345/30.04.2026;12,34/' -e 's/;32.03.2026;/;02.03.2026;/' \
      -e 's/^R-2026-001;K-1002/R-2026-007;K-1002/' -e 's/-5,00;EURO;3;/5,00;EUR;3;7/' \
      rechnungen_fehler.csv.rejects.csv >korrigiert.csv
  expect_rc 0 k import invoices korrigiert.csv --creditor swb
  contains out.txt "korrigiert.csv: 4 rows, 4 inserted, 0 updated, 0 unchanged, 0 rejected"
  expect_rc 2 k import invoices rechnungen.csv --creditor swb --rejects x.csv
}

case_jsonl_exact() {
  setup_db
  expect_rc 0 k import customers customers.jsonl --creditor swb
  contains out.txt "customers.jsonl: 2 rows, 2 inserted"
  expect_rc 0 k import invoices invoices.jsonl --creditor swb
  expect_rc 0 k import payments payments.jsonl --creditor swb
  contains out.txt "payments.jsonl: 1 rows, 1 inserted, 0 updated, 0 unchanged, 0 rejected"
  # The payment of 12.60 settles INV-2 (12.30) and INV-3 (0.30): open amounts drop to 0.
  k export invoices --creditor swb >invoices_export.csv
  same_as expected_invoices_export.csv invoices_export.csv
  k export customers --creditor swb --format jsonl >customers_export.jsonl
  same_as expected_customers_export.jsonl customers_export.jsonl
  expect_rc 1 k import payments payments_bad.jsonl --creditor swb
  same_as expected_payments_bad_stderr.txt err.txt
  expect_rc 0 k import payments payments.jsonl --creditor swb --dry-run
  contains out.txt "dry run, nothing was written"
}

"case_$case_name"
if ((failures)); then
  echo "$case_name: $failures check(s) failed" >&2
  exit 1
fi
echo "$case_name: ok"
