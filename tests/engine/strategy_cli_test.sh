#!/usr/bin/env bash
# Usage: strategy_cli_test.sh PATH/TO/kulanz [PATH/TO/data/collection/default.toml]
# The engine's commands end to end on a fresh SQLite database: strategy validate / show-default /
# load / versions, run (dry run writes nothing; a second run adds nothing), explain, hold, segment.
set -euo pipefail
kulanz="$1"
shipped="${2:-}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-engine-XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL
export KULANZ_DB="sqlite:$work/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

# --- files ------------------------------------------------------------------------------
"$kulanz" strategy validate --builtin >out.txt || fail "the built-in set does not validate"
grep -q "valid (7 segments, 7 strategies" out.txt || fail "validate summary: $(head -1 out.txt)"
grep -q "^  6. digital_consumers    type = consumer and age < 45 " out.txt || fail "segments with their conditions: $(cat out.txt)"
grep -q "^  day   -3  reminder            sms,email         pre_due_reminder/friendly  optional$" out.txt \
  || fail "steps with day, kind, channels, template/tone and flags: $(cat out.txt)"
"$kulanz" strategy show-default >default.toml
if [[ -n "$shipped" ]]; then cmp -s default.toml "$shipped" || fail "show-default differs from $shipped"; fi
"$kulanz" strategy validate default.toml >validated.txt || fail "show-default output does not validate"
tail -n +2 out.txt | cmp -s - <(tail -n +2 validated.txt) || fail "the file and --builtin summaries differ"
sed -e 's/when = \["key_account = true"\]/when = ["key_acount = true"]/' -e '0,/tone = "neutral"/s//tone = "grumpy"/' \
  default.toml >broken.toml
set +e
"$kulanz" strategy validate broken.toml >out.txt 2>err.txt
rc=$?
set -e
[[ $rc == 1 ]] || fail "a broken file: exit $rc, expected 1"
[[ ! -s out.txt ]] || fail "a broken file printed a summary: $(cat out.txt)"
[[ $(grep -c '^broken.toml:[0-9]*:[0-9]*: ' err.txt) == 2 ]] || fail "expected two FILE:LINE:COL diagnostics: $(cat err.txt)"
line=$(grep -n 'key_acount' broken.toml | cut -d: -f1)
grep -q "^broken.toml:$line:9: segment 'key_accounts': 'key_acount' is not an attribute" err.txt \
  || fail "unknown attribute not named at its place: $(cat err.txt)"
grep -q '^broken.toml:[0-9]*:8: .*"grumpy" is not allowed; use one of: friendly, neutral, firm' err.txt || fail "bad tone not named"
# §270a BGB: a surcharge on SEPA direct debits or on consumers' card payments is refused at
# its line; one on business card payments is shown.
{ cat default.toml; printf '\n[[surcharge]]\nmethod = "card"\ncustomer_type = "business"\npercent = "1.5"\n'; } >surcharge.toml
"$kulanz" strategy validate surcharge.toml >out.txt || fail "an allowed surcharge was refused"
grep -q "^surcharge for card (business customers): 1.50 %" out.txt || fail "surcharge not shown: $(grep -i surcharge out.txt)"
{ cat default.toml; printf '\n[[surcharge]]\nmethod = "sepa_direct_debit"\nfixed = "1.00"\n'; } >sepa.toml
line=$(( $(wc -l <default.toml) + 2 ))
if "$kulanz" strategy validate sepa.toml >/dev/null 2>err.txt; then fail "a SEPA surcharge validated"; fi
grep -q "^sepa.toml:$line:1: surcharge (line $line): .*§270a Satz 1 BGB" err.txt || fail "SEPA surcharge error: $(cat err.txt)"
printf 'currency = "EUR"\n[[segment]\n' >syntax.toml
if "$kulanz" strategy validate syntax.toml >/dev/null 2>err.txt; then fail "a TOML syntax error validated"; fi
grep -q '^syntax.toml:2:[0-9]*: .*fix the TOML syntax' err.txt || fail "syntax error position: $(cat err.txt)"
if "$kulanz" strategy validate missing.toml >/dev/null 2>err.txt; then fail "a missing file validated"; fi
grep -q '^missing.toml:0:0: cannot read the file' err.txt || fail "missing file: $(cat err.txt)"
set +e
"$kulanz" strategy validate >/dev/null 2>err.txt
rc=$?
set -e
[[ $rc == 2 ]] || fail "validate without FILE or --builtin: exit $rc, expected 2"

# --- a creditor with two customers ------------------------------------------------------
"$kulanz" creditor create --code swb --name "Stadtwerke Beispiel" >/dev/null
cat >customers.csv <<'CSV'
Kundennummer;Name;Typ;E-Mail;email_consent;Bundesland;PLZ;Ort;Straße;Geburtsdatum
K-1;Erika Müller;consumer;erika@example.org;ja;BY;80331;München;Marienplatz 1;12.04.1960
K-2;Bau GmbH;business;buchhaltung@bau.example;ja;NW;50667;Köln;Domkloster 4;
CSV
cat >invoices.csv <<'CSV'
Rechnungsnummer;Kundennummer;Rechnungsdatum;Fälligkeit;Betrag
R-1;K-1;02.02.2026;02.03.2026;119,00
R-2;K-2;02.02.2026;02.03.2026;1.190,00
CSV
"$kulanz" import customers customers.csv --creditor swb >/dev/null 2>&1 || fail "import customers"
"$kulanz" import invoices invoices.csv --creditor swb >/dev/null 2>&1 || fail "import invoices"

# --- versions -----------------------------------------------------------------------------
"$kulanz" strategy load default.toml --creditor swb >out.txt || fail "strategy load"
grep -q "collection file version 1" out.txt || fail "first load: $(cat out.txt)"
"$kulanz" strategy load default.toml --creditor swb >out.txt
grep -q "unchanged" out.txt || fail "an identical file must store nothing: $(cat out.txt)"
sed 's/day = 10\nkind = "reminder"/X/' default.toml | awk 'BEGIN{n=0} /^segment = "consumers"$/{c=1} c && /^day = 10$/ && !n {print "day = 12"; n=1; next} {print}' >changed.toml
"$kulanz" strategy load changed.toml --creditor swb --note "later first reminder" >out.txt || fail "second load"
grep -q "collection file version 2" out.txt || fail "second load: $(cat out.txt)"
grep -q "new strategy version: consumers v2" out.txt || fail "changed strategy gets a version: $(cat out.txt)"
"$kulanz" strategy versions --creditor swb >out.txt
grep -q "consumers v2" out.txt && grep -q "businesses v1" out.txt || fail "versions: $(cat out.txt)"
if "$kulanz" strategy load broken.toml --creditor swb >/dev/null 2>err.txt; then fail "a broken file was loaded"; fi
"$kulanz" strategy versions --creditor swb | grep -q "  v3" && fail "a broken file created a version"

# --- runs ---------------------------------------------------------------------------------
outbox() { sqlite3 "$work/k.db" "SELECT count(*) FROM outbox"; }
"$kulanz" run --as-of 2026-03-09 --creditor swb --dry-run >dry.txt || fail "dry run"
grep -q "Dry run as of 2026-03-09 (nothing written)" dry.txt || fail "dry run report: $(cat dry.txt)"
grep -q "^K-2	send_message	email" dry.txt || fail "dry run lists the decisions: $(cat dry.txt)"
[[ $(outbox) == 0 ]] || fail "the dry run wrote to the outbox"
[[ $(sqlite3 "$work/k.db" "SELECT count(*) FROM runs") == 0 ]] || fail "the dry run stored a run"
"$kulanz" run --as-of 2026-03-09 --creditor swb >run1.txt || fail "run"
first=$(outbox)
[[ $first -ge 1 ]] || fail "the run sent nothing: $(cat run1.txt)"
"$kulanz" run --as-of 2026-03-09 --json >run2.json || fail "second run"
[[ $(outbox) == "$first" ]] || fail "running the same day twice added outbox entries"
grep -q '"outbox_new":0' run2.json || fail "second run report: $(cat run2.json)"

# --- explain ------------------------------------------------------------------------------
"$kulanz" explain --customer K-2 --as-of 2026-03-16 >explain.txt || fail "explain"
grep -q "Segment: businesses" explain.txt || fail "explain segment: $(cat explain.txt)"
grep -q "rule 5 of 7" explain.txt || fail "explain names the rule"
grep -q "taken on 2026-03-09" explain.txt || fail "explain shows the step taken"
grep -q "flat fee 40.00 EUR posted" explain.txt || fail "explain shows the fee: $(cat explain.txt)"
"$kulanz" explain --customer K-2 --as-of 2026-03-16 --json >explain.json
python3 -c 'import json,sys; d=json.load(open("explain.json")); assert d["segment"]["name"]=="businesses"; assert d["journey"]["strategy"]=="businesses"; assert any(x["kind"]=="post_fee" for x in d["decisions"])' \
  || fail "explain --json"
if "$kulanz" explain --customer NOPE >/dev/null 2>err.txt; then fail "explain of an unknown customer"; fi
grep -q "E6004" err.txt || fail "unknown customer error: $(cat err.txt)"

# --- holds and overrides ---------------------------------------------------------------------
"$kulanz" hold add --creditor swb --customer K-1 --kind dispute --items R-1 --from 2026-03-10 --reason "Zählerstand falsch" >out.txt \
  || fail "hold add"
id=$(sed -n 's/^hold \([0-9]*\):.*/\1/p' out.txt)
"$kulanz" hold list --creditor swb | grep -q "dispute	R-1\|dispute	[0-9]" || fail "hold list"
if "$kulanz" hold add --creditor swb --customer K-1 --kind promise_to_pay --reason x >/dev/null 2>err.txt; then
  fail "a promise without a date was accepted"
fi
"$kulanz" explain --customer K-1 --as-of 2026-03-23 | grep -q "on hold: dispute since 2026-03-10" || fail "explain shows the hold"
"$kulanz" hold end --creditor swb "$id" --on 2026-03-20 >/dev/null || fail "hold end"
if "$kulanz" hold end --creditor swb "$id" >/dev/null 2>err.txt; then fail "a hold ended twice"; fi
grep -q "E7003" err.txt || fail "ended twice error: $(cat err.txt)"
"$kulanz" segment override --creditor swb --customer K-1 --segment key_accounts --until 2026-12-31 --reason "Großkunde" >/dev/null \
  || fail "segment override"
"$kulanz" explain --customer K-1 --as-of 2026-03-23 | grep -q "set by hand until 2026-12-31" || fail "explain shows the override"
# --- Skonto: the discounted amount paid in time settles the invoice; explain says so -------
cat >skonto_invoices.csv <<'CSV'
external_id;customer_external_id;issue_date;due_date;amount;skonto_percent;skonto_days
R-3;K-2;2026-03-02;2026-03-31;1000.00;2;10
CSV
cat >skonto_payments.csv <<'CSV'
external_id;customer_external_id;value_date;amount;reference
P-3;K-2;2026-03-05;980.00;R-3
CSV
"$kulanz" import invoices skonto_invoices.csv --creditor swb >/dev/null 2>&1 || fail "import skonto invoice"
"$kulanz" import payments skonto_payments.csv --creditor swb >/dev/null 2>&1 || fail "import skonto payment"
"$kulanz" explain --customer K-2 --as-of 2026-04-10 >skonto.txt || fail "explain after Skonto"
grep -q "Note: R-3 is settled with Skonto" skonto.txt || fail "explain shows the Skonto settlement: $(cat skonto.txt)"
"$kulanz" explain --customer K-2 --as-of 2026-04-10 --json | grep -q '"notes":\["R-3 is settled with Skonto' \
  || fail "explain --json carries the notes"
echo "strategy/run/explain/hold CLI: ok"
