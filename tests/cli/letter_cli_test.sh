#!/usr/bin/env bash
# Usage: letter_cli_test.sh PATH/TO/kulanz
# `kulanz letter` end to end: the day's reminder as a DIN 5008 PDF read back with pdftotext,
# its GiroCode decoded with zbarimg (exact EPC payload with the RF reference of the letter),
# a statement when nothing is sent that day, and clear refusals. A reminder fits on one page
# with its payment box: pdfinfo counts the pages, zbarimg reads the code from page 1 alone.
set -euo pipefail
kulanz="$1"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-letter-XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL KULANZ_PORTAL_SECRET KULANZ_BASE_RATES
export KULANZ_DB="sqlite:$work/k.db" KULANZ_PUBLIC_URL=https://forderungen.example.de
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in pdfinfo pdftotext pdftoppm zbarimg; do command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh)"; done

"$kulanz" creditor create --code swb --name "Stadtwerke Beispiel" >/dev/null 2>&1
cat >c.csv <<'CSV'
Kundennummer;Name;Typ;E-Mail;email_consent;Mobil;sms_consent;Bundesland;PLZ;Ort;Straße
K-1;Erika Müller;consumer;erika@example.org;nein;+4915112345678;ja;BY;80331;München;Marienplatz 1
K-2;Bau GmbH;business;buchhaltung@bau.example;ja;;;NW;50667;Köln;Domkloster 4
K-3;Ohne Rechnung;consumer;k3@example.org;ja;;;BY;80331;München;Weg 3
CSV
cat >i.csv <<'CSV'
Rechnungsnummer;Kundennummer;Rechnungsdatum;Fälligkeit;Betrag
R-1;K-1;02.02.2026;02.03.2026;119,00
R-2;K-1;09.02.2026;09.03.2026;1.234,50
R-3;K-2;02.02.2026;02.03.2026;2.380,00
CSV
"$kulanz" import customers c.csv --creditor swb >/dev/null 2>&1 || fail "import customers"
"$kulanz" import invoices i.csv --creditor swb >/dev/null 2>&1 || fail "import invoices"
# An English-speaking business customer (reached by e-mail until the final notice).
cat >c4.csv <<'CSV'
Kundennummer;Name;Typ;E-Mail;email_consent;Bundesland;PLZ;Ort;Straße;Sprache
K-4;Harbour Trading Ltd;business;accounts@harbour.example;ja;HH;20457;Hamburg;Kehrwieder 2;en
CSV
printf 'Rechnungsnummer;Kundennummer;Rechnungsdatum;Fälligkeit;Betrag\nR-4;K-4;02.02.2026;02.03.2026;1.250,00\n' >i4.csv
"$kulanz" import customers c4.csv --creditor swb >/dev/null 2>&1 || fail "import customers (K-4)"
"$kulanz" import invoices i4.csv --creditor swb >/dev/null 2>&1 || fail "import invoices (K-4)"

if "$kulanz" letter --customer K-1 --as-of 2026-03-19 --out none.pdf 2>err.txt; then fail "a letter without the creditor's address and bank"; fi
grep -q "kulanz creditor profile --creditor swb" err.txt || fail "missing profile: $(cat err.txt)"
[[ ! -e none.pdf ]] || fail "a refused letter left a file"
"$kulanz" creditor profile --creditor swb --legal-name "Stadtwerke Beispiel GmbH" --street "Hauptstraße 1" --postal-code 80331 \
  --city München --iban DE89370400440532013000 --bic COBADEFFXXX --email forderungen@stadtwerke.example >/dev/null

# The creditor's own subject line for the friendly first reminder letter; a text with an
# unknown variable is refused with its line and saves nothing.
printf 'Kleine Erinnerung zu {{item_numbers}}\n' >subject.mustache
printf 'Hallo {{customer_nme}}\n' >broken.mustache
if "$kulanz" templates set --creditor swb de/friendly/first_reminder.letter.subject.mustache broken.mustache 2>err.txt; then
  fail "a text with an unknown variable was saved"
fi
grep -q "de/friendly/first_reminder.letter.subject.mustache:1: unknown variable 'customer_nme'" err.txt || fail "template error: $(cat err.txt)"
"$kulanz" templates set --creditor swb de/friendly/first_reminder.letter.subject.mustache subject.mustache >/dev/null \
  || fail "templates set"
"$kulanz" templates list --creditor swb >list.txt
grep -q "^de/friendly/first_reminder.letter.subject.mustache	(own text)$" list.txt || fail "templates list does not mark the own text"
[[ $("$kulanz" templates show de/friendly/first_reminder.letter.subject.mustache --creditor swb) == "Kleine Erinnerung zu {{item_numbers}}" ]] \
  || fail "templates show"

# K-1 has no e-mail consent: the first reminder of the day goes by letter.
"$kulanz" run --as-of 2026-03-19 --creditor swb >/dev/null || fail "run"
"$kulanz" letter --customer K-1 --as-of 2026-03-19 --out k1.pdf >out.txt || fail "letter"
grep -q "^wrote k1.pdf: 1 page(s), first_reminder (friendly, de), the day's message; 2 item(s), total 1.353,50 €, reference RF" out.txt \
  || fail "summary: $(cat out.txt)"
rf=$(sed -n 's/.*reference \(RF.*\)$/\1/p' out.txt)
pdftotext -layout k1.pdf k1.txt
for want in "Erika Müller" "Marienplatz 1" "80331 München" "Stadtwerke Beispiel GmbH · Hauptstraße 1 · 80331 München" \
            "Kleine Erinnerung zu R-1, R-2" "R-1" "R-2" "1.234,50 €" "Gesamtbetrag" "1.353,50 €" "$rf" \
            "https://forderungen.example.de/p/" "§ 286 Abs. 1 BGB" "IBAN" "DE89 3704 0044 0532 0130 00" "Seite 1 von"; do
  grep -qF "$want" k1.txt || fail "the letter lacks '$want': $(cat k1.txt)"
done
link=$("$kulanz" portal-link --customer K-1)
grep -qF "$link" k1.txt || fail "the letter's portal link is not the customer's ($link)"
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# The GiroCode on page N of a PDF, exactly as encoded.
code_on_page() { pdftoppm -r 300 -png -singlefile -f "$2" -l "$2" "$1" "code-$2" && zbarimg -Sbinary --raw -q "code-$2.png" 2>/dev/null || true; }
[[ $(pages k1.pdf) == 1 ]] || fail "the reminder takes $(pages k1.pdf) pages, not one"
payload=$(code_on_page k1.pdf 1)
expected=$(printf 'BCD\n002\n1\nSCT\nCOBADEFFXXX\nStadtwerke Beispiel GmbH\nDE89370400440532013000\nEUR1353.50\n\n%s' "${rf// /}")
[[ "$payload" == "$expected" ]] || fail "GiroCode payload on page 1: $(printf '%q' "$payload"), expected $(printf '%q' "$expected")"
# The same letter again keeps its reference.
"$kulanz" letter --customer K-1 --as-of 2026-03-19 --out again.pdf >out2.txt
grep -qF "reference $rf" out2.txt || fail "the reference changed for the same items: $(cat out2.txt)"

# K-2 gets nothing on 2026-03-20 (its reminder went out the day before): a statement.
"$kulanz" letter --customer K-2 --as-of 2026-03-20 --out k2.pdf >out.txt || fail "statement"
grep -q "statement (neutral, de), nothing is sent that day" out.txt || fail "statement summary: $(cat out.txt)"
pdftotext -layout k2.pdf - | grep -q "Kontoauszug" || fail "the statement letter"
"$kulanz" templates reset --creditor swb de/friendly/first_reminder.letter.subject.mustache >/dev/null || fail "templates reset"
"$kulanz" letter --customer K-1 --as-of 2026-03-19 --out k1b.pdf >/dev/null
pdftotext -layout k1b.pdf - | grep -q "Freundliche Zahlungserinnerung" || fail "the shipped subject is not back after reset"

# The print batch of 2026-03-19: K-1's letter (K-2 was reached by e-mail), PDF and manifest.
"$kulanz" letters --creditor swb --as-of 2026-03-19 --out-dir . >out.txt || fail "print batch: $(cat out.txt)"
grep -q "^wrote ./letters-swb-2026-03-19.pdf (1 letters, 1 pages) and ./manifest-swb-2026-03-19.csv$" out.txt \
  || fail "batch summary: $(cat out.txt)"
grep -q "^handed over: 1 letters recorded in the contact history$" out.txt || fail "handover: $(cat out.txt)"
# Handed over: sent, in K-1's history as printed with the letter on its own.
"$kulanz" history --customer K-1 --json >h1.json || fail "history K-1"
/usr/bin/python3 - h1.json <<'PY' || fail "K-1's history: $(cat h1.json)"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 1, rows
r = rows[0]
assert r["channel"] == "letter" and r["delivery_state"] == "printed", r
assert r["address"] == "Erika Müller, Marienplatz 1, 80331 München", r
assert "letters-swb-2026-03-19.pdf, page 1 (1 page)" in r["state_detail"], r
assert r["subject"].startswith("Freundliche Zahlungserinnerung") and "Erika Müller" in r["text"], r
assert r["documents"] == ["Schreiben-2026-03-19.pdf"], r
PY
[[ $(sqlite3 k.db "SELECT status FROM outbox WHERE channel = 'letter' AND local_day = '2026-03-19'") == sent ]] \
  || fail "the letter's entry: $(sqlite3 k.db "SELECT status FROM outbox WHERE channel = 'letter'")"
# A second batch of the day has nothing new; --reprint prints it again without a second record.
mkdir again
"$kulanz" letters --creditor swb --as-of 2026-03-19 --out-dir again | grep -q "^no letters for swb on 2026-03-19 to hand over" \
  || fail "a second batch printed again"
"$kulanz" letters --creditor swb --as-of 2026-03-19 --out-dir again --reprint >out.txt || fail "reprint"
grep -q "^handed over: 0 letters recorded in the contact history, 1 printed again (handed over before)$" out.txt \
  || fail "reprint summary: $(cat out.txt)"
cmp <(tail -n +2 manifest-swb-2026-03-19.csv) <(tail -n +2 again/manifest-swb-2026-03-19.csv) || fail "the reprint differs"
[[ $("$kulanz" history --customer K-1 --json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') == 1 ]] \
  || fail "the reprint was recorded again"
[[ $(sed -n 1p manifest-swb-2026-03-19.csv) == $'sequence,first_page,pages,customer_external_id,name,street,postal_code,city,country,template,tone,language,reference,total_due,currency,outbox_key\r' ]] \
  || fail "manifest header: $(head -1 manifest-swb-2026-03-19.csv)"
row=$(sed -n 2p manifest-swb-2026-03-19.csv | tr -d '\r')
[[ "$row" == 1,1,*,K-1,Erika\ Müller,Marienplatz\ 1,80331,München,DE,first_reminder,friendly,de,"$rf",1353.50,EUR,c* ]] \
  || fail "manifest row: $row"
pages=$(pdfinfo letters-swb-2026-03-19.pdf | sed -n 's/^Pages: *//p')
[[ "$row" == 1,1,"$pages",* ]] || fail "manifest pages ($row) differ from the PDF ($pages)"
if "$kulanz" letters --creditor swb --as-of 2026-03-19 --out-dir . >/dev/null 2>err.txt; then fail "a batch overwrote files"; fi
grep -q "exists" err.txt || fail "overwrite refusal: $(cat err.txt)"
"$kulanz" letters --creditor swb --as-of 2026-03-21 --out-dir . | grep -q "no letters for swb on 2026-03-21" || fail "empty batch"

# The creditor's copy of invoice R-3 (a PDF, checked by content): refused when it is no
# PDF, for an unknown invoice, and in a folder import with one bad file (nothing stored).
cp k2.pdf Rechnung-R-3.pdf
printf 'Rechnung R-3\n' >fake.pdf
if "$kulanz" invoice-copy add --creditor swb --invoice R-3 fake.pdf 2>err.txt; then fail "a text file stored as a copy"; fi
grep -q "fake.pdf: .*the file is not accepted: it is text; accepted are PDF files" err.txt || fail "fake copy: $(cat err.txt)"
if "$kulanz" invoice-copy add --creditor swb --invoice R-99 Rechnung-R-3.pdf 2>err.txt; then fail "a copy of no invoice"; fi
grep -q "there is no invoice 'R-99'" err.txt || fail "unknown invoice: $(cat err.txt)"
mkdir copies && cp Rechnung-R-3.pdf copies/R-1.pdf && cp fake.pdf copies/R-2.pdf
if "$kulanz" invoice-copy import --creditor swb copies 2>err.txt; then fail "a folder with a bad copy was imported"; fi
grep -q "copies/R-2.pdf: .*it is text" err.txt && grep -q "1 of 2 files refused (above); nothing was stored" err.txt \
  || fail "folder import: $(cat err.txt)"
"$kulanz" invoice-copy list --creditor swb | grep -q "^no invoice copies$" || fail "something was stored"
"$kulanz" invoice-copy add --creditor swb --invoice R-3 Rechnung-R-3.pdf | grep -q "^invoice R-3: copy Rechnung-R-3.pdf ([0-9]* bytes) stored$" \
  || fail "invoice-copy add"
"$kulanz" invoice-copy list --creditor swb | grep -q "^R-3	Rechnung-R-3.pdf	$(stat -c %s Rechnung-R-3.pdf) bytes	sha256 $(sha256sum Rechnung-R-3.pdf | cut -d' ' -f1)$" \
  || fail "invoice-copy list: $("$kulanz" invoice-copy list --creditor swb)"

# The e-mail K-2 got on 2026-03-19: multipart with the letter and the copy of R-3
# attached, decoded by Python's email package; the same Message-ID when written again; none
# for K-1 (no e-mail consent).
"$kulanz" email --customer K-2 --as-of 2026-03-19 --out k2.eml >out.txt || fail "email: $(cat out.txt)"
grep -q "letter attached (1 page(s)), Rechnung-R-3.pdf, reference" out.txt || fail "email attachments: $(cat out.txt)"
grep -q "^wrote k2.eml: e-mail to buchhaltung@bau.example, first_reminder (neutral, de), Message-ID <[0-9a-f]\{32\}@stadtwerke.example>" out.txt \
  || fail "email summary: $(cat out.txt)"
/usr/bin/python3 - k2.eml "$("$kulanz" portal-link --customer K-2)" <<'PY' || fail "the e-mail does not decode as expected"
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
assert m["From"].addresses[0].display_name == "Stadtwerke Beispiel GmbH", m["From"]
assert m["To"].addresses[0].addr_spec == "buchhaltung@bau.example", m["To"]
assert m["Subject"], "subject"
assert m["X-Kulanz-Outbox"].startswith("c"), m["X-Kulanz-Outbox"]
assert "mailto:forderungen@stadtwerke.example" in m["List-Unsubscribe"], m["List-Unsubscribe"]
text = m.get_body(preferencelist=("plain",)).get_content()
html = m.get_body(preferencelist=("html",)).get_content()
assert sys.argv[2] in text and sys.argv[2] in html, "portal link"
assert "2.380,00 €" in text and "DE89 3704 0044 0532 0130 00" in text, text
assert "<!DOCTYPE html>" in html and "#1f4e79" in html, html[:200]
pdfs = [p for p in m.iter_attachments() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 2 and pdfs[0].get_content().startswith(b"%PDF-"), "letter and invoice copy attached"
open("attached.pdf", "wb").write(pdfs[0].get_content())
assert pdfs[1].get_filename() == "Rechnung-R-3.pdf", pdfs[1].get_filename()
assert pdfs[1].get_content() == open("Rechnung-R-3.pdf", "rb").read(), "the copy's bytes"
assert not m.defects, m.defects
PY
pdftotext attached.pdf - | grep -q "Bau GmbH" || fail "the attached letter"
id1=$(sed -n 's/^Message-ID: //p' k2.eml)
"$kulanz" email --customer K-2 --as-of 2026-03-19 --out k2b.eml >/dev/null
[[ $(sed -n 's/^Message-ID: //p' k2b.eml) == "$id1" ]] || fail "the Message-ID changed for the same outbox entry"
if "$kulanz" email --customer K-1 --as-of 2026-03-19 --out k1.eml 2>err.txt; then fail "an e-mail without consent"; fi
grep -q "no consent for e-mail" err.txt || fail "consent refusal: $(cat err.txt)"

# The SMS K-1 would get (K-1 has SMS consent): text, length and segments, and the gateway's
# request body; none for K-2 (no mobile number); too many segments are refused.
"$kulanz" sms --customer K-1 --as-of 2026-03-19 >sms.txt || fail "sms: $(cat sms.txt)"
grep -q "^SMS to +4915112345678, first_reminder (friendly, de): [0-9]* characters, GSM-7, [1-3] segment(s)$" sms.txt \
  || fail "sms summary: $(head -1 sms.txt)"
grep -qF "$link" sms.txt || fail "the SMS lacks the portal link: $(cat sms.txt)"
"$kulanz" sms --customer K-1 --as-of 2026-03-19 --json >sms.json
/usr/bin/python3 -c 'import json,sys; d=json.load(open("sms.json")); assert d["channel"]=="sms" and d["message_type"]=="text" and d["to"]=="4915112345678" and d["from"]=="swb" and d["client_ref"].startswith("c"), d' \
  || fail "sms request body: $(cat sms.json)"
if "$kulanz" sms --customer K-2 --as-of 2026-03-19 2>err.txt; then fail "an SMS without a mobile number"; fi
grep -q "has no mobile number" err.txt || fail "no mobile: $(cat err.txt)"
printf '[sms]\nmax_segments = 1\nsender_id = "Stadtwerke"\n' >sms.toml
printf '{{creditor_name}}: %0300d {{portal_url}}\n' 0 >long.mustache
"$kulanz" templates set --creditor swb de/friendly/first_reminder.sms.text.mustache long.mustache >/dev/null || fail "long sms text"
if "$kulanz" --config sms.toml sms --customer K-1 --as-of 2026-03-19 2>err.txt; then fail "a 3-segment SMS passed max_segments = 1"; fi
grep -q "^kulanz sms: .*segments, at most 1 are allowed" err.txt || fail "segment limit: $(cat err.txt)"
"$kulanz" templates reset --creditor swb de/friendly/first_reminder.sms.text.mustache >/dev/null
printf '[sms]\nsender_id = "Stadtwerke"\n' >sender.toml
"$kulanz" --config sender.toml sms --customer K-1 --as-of 2026-03-19 --json >sms2.json || fail "sms with [sms] sender_id"
grep -q '"from":"Stadtwerke"' sms2.json || fail "[sms] sender_id: $(cat sms2.json)"

if "$kulanz" letter --customer K-3 --as-of 2026-03-19 --out k3.pdf 2>err.txt; then fail "a letter about nothing"; fi
grep -q "there is no letter to write" err.txt || fail "nothing open: $(cat err.txt)"
if "$kulanz" letter --customer K-9 --as-of 2026-03-19 --out k9.pdf 2>err.txt; then fail "a letter for an unknown customer"; fi
grep -q "no customer 'K-9'" err.txt || fail "unknown customer: $(cat err.txt)"
# The final notices of the business customers (firm; German and English) carry the €40 flat
# fee and the default interest the runs post: one page each with the code on page 1, and
# one page in the day's print batch. The runs go on day by day until both are due.
check_final_notice() {  # customer, language, day, words the letter must show
  local customer=$1 lang=$2 day=$3 ref total cents expected payload
  shift 3
  grep -q "^wrote $customer.pdf: 1 page(s), final_notice (firm, $lang), the day's message; [0-9] item(s)" out.txt \
    || fail "final notice summary: $(cat out.txt)"
  [[ $(pages "$customer.pdf") == 1 ]] || fail "the final notice of $customer takes $(pages "$customer.pdf") pages"
  ref=$(sed -n 's/.*reference \(RF.*\)$/\1/p' out.txt)
  total=$(sed -n 's/.*, total \(.*\), reference .*/\1/p' out.txt)
  cents=$(printf '%s' "$total" | tr -cd '0-9')
  expected=$(printf 'BCD\n002\n1\nSCT\nCOBADEFFXXX\nStadtwerke Beispiel GmbH\nDE89370400440532013000\nEUR%s.%s\n\n%s' \
    "${cents:0:${#cents}-2}" "${cents: -2}" "${ref// /}")
  payload=$(code_on_page "$customer.pdf" 1)
  [[ "$payload" == "$expected" ]] \
    || fail "GiroCode of $customer on page 1: $(printf '%q' "$payload"), expected $(printf '%q' "$expected")"
  pdftotext -layout "$customer.pdf" "$customer.txt"
  for want in "$@" "$total" "$ref"; do
    grep -qF "$want" "$customer.txt" || fail "$customer's final notice lacks '$want': $(cat "$customer.txt")"
  done
  mkdir -p "batch-$customer"
  "$kulanz" letters --creditor swb --as-of "$day" --out-dir "batch-$customer" --reprint >/dev/null || fail "print batch of $day"
  awk -F, -v c="$customer" '$4 == c { seen = 1; if ($3 != 1 || $10 != "final_notice") bad = 1 } END { exit bad || !seen }' \
    "batch-$customer/manifest-swb-$day.csv" || fail "$customer in the batch of $day: $(cat "batch-$customer/manifest-swb-$day.csv")"
}
day=2026-03-20 k2="" k4=""
while [[ (-z "$k2" || -z "$k4") && "$day" < 2026-05-01 ]]; do
  "$kulanz" run --as-of "$day" --creditor swb >/dev/null || fail "run $day"
  if [[ -z "$k2" ]] && "$kulanz" letter --customer K-2 --as-of "$day" --out K-2.pdf >out.txt \
     && grep -q "final_notice (firm, de), the day's message" out.txt; then
    k2=$day
    check_final_notice K-2 de "$day" "Letzte Mahnung" "R-3" "Mahnkosten" "Verzugszinsen" "Gesamtbetrag" "Seite 1 von 1"
  fi
  if [[ -z "$k4" ]] && "$kulanz" letter --customer K-4 --as-of "$day" --out K-4.pdf >out.txt \
     && grep -q "final_notice (firm, en), the day's message" out.txt; then
    k4=$day
    check_final_notice K-4 en "$day" "Final notice" "R-4" "Dunning fees" "Default interest" "Total due" "Page 1 of 1"
  fi
  day=$(date -d "$day + 1 day" +%F)
done
[[ -n "$k2" && -n "$k4" ]] || fail "no final notice for K-2 (${k2:-none}) or K-4 (${k4:-none}) by $day"
echo "letter CLI: ok"
