#!/usr/bin/env bash
# Usage: escalation_cli_test.sh PATH/TO/kulanz
# Handovers and court dunning preparations end to end: a run creates them, `kulanz
# escalations export` writes the agency file (CSV, German CSV) and the JSON data once,
# marks them exported, never overwrites a file, and a second export holds only new ones.
set -euo pipefail
kulanz="$1"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-escalation-XXXXXX")"
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL KULANZ_BASE_RATES
export KULANZ_DB="sqlite:$work/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

cat >collection.toml <<'TOML'
currency = "EUR"
[[segment]]
name = "all"
[[strategy]]
name = "handover"
segment = "all"
[[strategy.step]]
day = 30
kind = "handover"
[[strategy.step]]
day = 30
kind = "court_dunning_prep"
TOML
"$kulanz" creditor create --code swb --name "Stadtwerke Beispiel" >/dev/null
"$kulanz" strategy load collection.toml --creditor swb >/dev/null || fail "strategy load"
cat >customers.csv <<'CSV'
Kundennummer;Name;Typ;E-Mail;email_consent;Bundesland;PLZ;Ort;Straße;Geburtsdatum
K-1;Erika Müller;consumer;erika@example.org;ja;BY;80331;München;Marienplatz 1;12.04.1960
K-2;Bau GmbH;business;buchhaltung@bau.example;ja;NW;50667;Köln;Domkloster 4;
CSV
cat >invoices.csv <<'CSV'
Rechnungsnummer;Kundennummer;Rechnungsdatum;Fälligkeit;Betrag
R-1;K-1;02.01.2026;02.02.2026;119,00
R-2;K-1;09.01.2026;09.02.2026;1.234,50
R-3;K-2;02.01.2026;02.02.2026;2.380,00
CSV
"$kulanz" import customers customers.csv --creditor swb >/dev/null 2>&1 || fail "import customers"
"$kulanz" import invoices invoices.csv --creditor swb >/dev/null 2>&1 || fail "import invoices"

"$kulanz" escalations export --creditor swb --out none.csv >out.txt || fail "an export with nothing ready"
grep -q "nothing to export" out.txt || fail "empty export: $(cat out.txt)"
[[ ! -e none.csv ]] || fail "an empty export wrote a file"

# 2026-03-12: R-1 and R-3 are 38 days past due, R-2 31: all reach day 30.
"$kulanz" run --as-of 2026-03-12 --creditor swb >/dev/null || fail "run"
"$kulanz" escalations list --creditor swb >list.txt || fail "list"
[[ $(grep -c "	handover	ready	" list.txt) == 2 ]] || fail "two handovers ready expected: $(cat list.txt)"
[[ $(grep -c "	court_dunning_prep	ready	" list.txt) == 2 ]] || fail "two court dunning preparations expected: $(cat list.txt)"
grep -q "	handover	ready	K-1	2	1353.50	" list.txt || fail "K-1's handover: $(cat list.txt)"

"$kulanz" escalations export --creditor swb --kind handover --out abgabe.csv --format csv-de >out.txt || fail "export"
grep -q "exported 2 handover escalation(s) of swb (3 rows) to abgabe.csv; 2 newly marked exported" out.txt \
  || fail "export summary: $(cat out.txt)"
[[ ! -e abgabe.csv.part ]] || fail "the partial file was left behind"
head -1 abgabe.csv | grep -q "^handover_id;customer_external_id;name;customer_type;street;postal_code;city;country;birth_date;position;item_number;item_external_id;issue_date;due_date;amount;currency;as_of" \
  || fail "agency file header: $(head -1 abgabe.csv)"
grep -q ";K-1;Erika Müller;consumer;Marienplatz 1;80331;München;DE;12.04.1960;principal;R-2;R-2;09.01.2026;09.02.2026;1234,50;EUR;12.03.2026" abgabe.csv \
  || fail "agency file row of R-2: $(cat abgabe.csv)"
grep -q ";K-2;Bau GmbH;business;Domkloster 4;50667;Köln;DE;;principal;R-3;R-3;02.01.2026;02.02.2026;2380,00;EUR;12.03.2026" abgabe.csv \
  || fail "agency file row of R-3: $(cat abgabe.csv)"
[[ $(grep -c $'\r$' abgabe.csv) == 4 ]] || fail "CSV lines end with CRLF"
"$kulanz" escalations list --creditor swb --status exported | grep -c "	handover	exported	" | grep -qx 2 \
  || fail "handovers not marked exported"

# Nothing is exported twice, a file is never overwritten, --include-exported gives a copy.
"$kulanz" escalations export --creditor swb --kind handover --out again.csv >out.txt || fail "second export"
grep -q "nothing to export" out.txt && [[ ! -e again.csv ]] || fail "a second export repeated handovers: $(cat out.txt)"
if "$kulanz" escalations export --creditor swb --kind court_dunning_prep --out abgabe.csv --format json 2>err.txt; then
  fail "an existing file was overwritten"
fi
grep -q "'abgabe.csv' exists" err.txt || fail "overwrite refusal: $(cat err.txt)"
"$kulanz" escalations list --creditor swb --kind court_dunning_prep --status ready | grep -c "ready" | grep -qx 2 \
  || fail "a refused export marked something"
"$kulanz" escalations export --creditor swb --kind handover --out copy.csv --include-exported >out.txt || fail "copy"
grep -q "0 newly marked exported" out.txt || fail "copy summary: $(cat out.txt)"
grep -q ",principal,R-2,R-2,2026-01-09,2026-02-09,1234.50,EUR,2026-03-12" copy.csv || fail "plain CSV row: $(cat copy.csv)"

# The court dunning data as JSON: debtor, items and amounts of every preparation.
"$kulanz" escalations export --creditor swb --kind court_dunning_prep --out mahn.json --format json >/dev/null || fail "json export"
python3 - mahn.json <<'PY' || fail "court dunning JSON: $(cat mahn.json)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["creditor"] == {"code": "swb", "name": "Stadtwerke Beispiel"}, d["creditor"]
assert d["kind"] == "court_dunning_prep"
by = {e["data"]["customer"]["external_id"]: e for e in d["escalations"]}
assert set(by) == {"K-1", "K-2"}, by.keys()
k1 = by["K-1"]["data"]
assert k1["customer"]["name"] == "Erika Müller" and k1["customer"]["birth_date"] == "1960-04-12"
assert sorted(i["number"] for i in k1["items"]) == ["R-1", "R-2"]
assert k1["principal"] == "1353.50" and k1["currency"] == "EUR" and k1["as_of"] == "2026-03-12"
assert by["K-2"]["data"]["principal"] == "2380.00"
PY
"$kulanz" escalations list --creditor swb --status ready | grep -q "ready" && fail "escalations left ready after both exports"
echo "escalations CLI: ok"
