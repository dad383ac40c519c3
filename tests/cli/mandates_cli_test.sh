#!/usr/bin/env bash
# Usage: mandates_cli_test.sh PATH/TO/kulanz PATH/TO/pain.008.001.02.xsd
# `kulanz mandates list|export` end to end: a creditor with profile and creditor identifier,
# customers and invoices imported, a single and a recurring mandate; the dry run writes
# nothing; the export writes a pain.008 file that xmllint validates against the ISO 20022
# schema, with the amounts, ids and sequence types read back by XPath; a second export of
# the day collects nothing; a file is never overwritten; a bad day and a holder without a
# SEPA form are refused without writing or recording anything.
set -euo pipefail
kulanz="$1"
xsd="$2"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-mandates-XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL KULANZ_PORTAL_SECRET
export KULANZ_DB="sqlite:$work/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v xmllint >/dev/null || fail "xmllint is missing (scripts/install-deps.sh: libxml2-utils)"
command -v sqlite3 >/dev/null || fail "sqlite3 is missing (scripts/install-deps.sh)"
[[ -f "$xsd" ]] || fail "the schema $xsd is missing (the shared data folder beside the repository)"
# The text of an element of the pain.008 namespace, by a path of local names.
xp() { xmllint --xpath "string($1)" "$2"; }
el() { local p=""; for n in "$@"; do p+="/*[local-name()='$n']"; done; echo "$p"; }

"$kulanz" creditor create --code swb --name "Stadtwerke Beispiel" >/dev/null 2>&1
"$kulanz" creditor profile --creditor swb --legal-name "Stadtwerke Beispiel GmbH" --street "Hauptstraße 1" \
  --postal-code 80331 --city München --iban DE89370400440532013000 --bic COBADEFFXXX >/dev/null
"$kulanz" portal show --creditor swb | sed 's/^# creditor_identifier = /creditor_identifier = /' >portal.toml
grep -q '^creditor_identifier = "DE98ZZZ09999999999"' portal.toml || fail "the shipped portal file changed: $(grep -n creditor_identifier portal.toml)"
"$kulanz" portal load --creditor swb portal.toml >/dev/null 2>&1 || fail "portal load"

cat >c.csv <<'CSV'
Kundennummer;Name;Typ;E-Mail;email_consent;Bundesland;PLZ;Ort;Straße
K-1;Jürgen Müller;consumer;j@example.org;ja;BY;80331;München;Marienplatz 1
K-2;Søren Ærø;consumer;s@example.org;ja;BY;80331;München;Marienplatz 2
K-3;Иван Петров;consumer;i@example.org;ja;BY;80331;München;Marienplatz 3
CSV
cat >i.csv <<'CSV'
Rechnungsnummer;Kundennummer;Rechnungsdatum;Fälligkeit;Betrag
R-1;K-1;20.05.2030;10.06.2030;119,00
R-2;K-1;20.05.2030;10.06.2030;30,50
R-21;K-2;10.05.2030;01.06.2030;1.234,56
R-22;K-2;20.05.2030;30.06.2030;99,00
R-31;K-3;20.05.2030;10.06.2030;10,00
CSV
"$kulanz" import customers c.csv --creditor swb >/dev/null 2>&1 || fail "import customers"
"$kulanz" import invoices i.csv --creditor swb >/dev/null 2>&1 || fail "import invoices"

# Mandates as the portal stores them (services::grant_mandate): K-1 for this payment of
# R-1 and R-2 (149.50 open, 146.50 after Skonto) on Tuesday 4 June 2030, K-2 for future invoices.
signed=$(date -u -d 2030-05-28T10:00:00 +%s)
sqlite3 k.db <<SQL
INSERT INTO sepa_mandates (creditor_id, customer_id, reference, account_holder, iban, scope, amount_minor, currency,
                           invoice_ids, collection_on, hold_id, session_ref, signed_unix)
SELECT c.creditor_id, c.id, 'M-K-1-1', 'Jürgen Müller', 'DE02120300000000202051', 'single', 14650, 'EUR',
       (SELECT group_concat(id, ',') FROM (SELECT id FROM invoices WHERE customer_id = c.id ORDER BY id)),
       '2030-06-04', 0, 'portal:0123456789abcdef', $signed
FROM customers c WHERE c.external_id = 'K-1';
INSERT INTO sepa_mandates (creditor_id, customer_id, reference, account_holder, iban, scope, amount_minor, currency,
                           invoice_ids, collection_on, hold_id, session_ref, signed_unix)
SELECT c.creditor_id, c.id, 'M-K-2-1', 'Søren Ærø & Co.', 'DE02500105170137075030', 'recurring', 0, 'EUR', '', '', 0,
       'portal:0123456789abcdef', $(date -u -d 2030-05-01T10:00:00 +%s)
FROM customers c WHERE c.external_id = 'K-2';
SQL

"$kulanz" mandates list --creditor swb >list.txt || fail "mandates list"
grep -q "^M-K-1-1	K-1	Jürgen Müller	DE02 \*\*\*\* \*\*\*\* \*\*\*\* \*\*20 51	single	in_force	2030-05-28	146.50 EUR	2030-06-04	-$" list.txt \
  || fail "mandates list (single): $(cat list.txt)"
grep -q "^M-K-2-1	K-2	Søren Ærø & Co.	.*	recurring	in_force	2030-05-01	-	-	-$" list.txt || fail "mandates list (recurring): $(cat list.txt)"

# A dry run shows the debits and writes nothing.
"$kulanz" mandates export --creditor swb --collection-date 2030-06-04 --out debits.xml --dry-run >dry.txt 2>&1 \
  || fail "dry run: $(cat dry.txt)"
grep -q "^dry run: 2 debit(s), total 1381.06 EUR, collection day 2030-06-04; nothing written or recorded$" dry.txt \
  || fail "dry run summary: $(cat dry.txt)"
[[ ! -e debits.xml && ! -e debits.xml.part ]] || fail "the dry run wrote a file"
[[ $(sqlite3 k.db "SELECT count(*) FROM sepa_collections") == 0 ]] || fail "the dry run recorded debits"

# The export.
"$kulanz" mandates export --creditor swb --collection-date 2030-06-04 --out debits.xml >out.txt 2>&1 || fail "export: $(cat out.txt)"
grep -Eq "^wrote debits.xml: 2 debit\(s\), total 1381.06 EUR, collection day 2030-06-04, message KLZ[0-9]{14}-1, 2 payment block\(s\)$" out.txt \
  || fail "export summary: $(cat out.txt)"
grep -q "	M-K-1-1	K-1	OOFF	146.50 EUR	R-1, R-2$" out.txt || fail "the single debit's line: $(cat out.txt)"
grep -q "	M-K-2-1	K-2	FRST	1234.56 EUR	R-21$" out.txt || fail "the recurring debit's line: $(cat out.txt)"
[[ -f debits.xml && ! -e debits.xml.part ]] || fail "the file was not moved into place"
xmllint --noout --schema "$xsd" debits.xml 2>xmllint.txt || fail "the file does not validate: $(cat xmllint.txt)"
grep -q "debits.xml validates" xmllint.txt || fail "xmllint: $(cat xmllint.txt)"

msg=$(xp "$(el Document CstmrDrctDbtInitn GrpHdr MsgId)" debits.xml)
[[ "$msg" =~ ^KLZ[0-9]{14}-1$ ]] || fail "MsgId: $msg"
[[ $(xp "$(el Document CstmrDrctDbtInitn GrpHdr NbOfTxs)" debits.xml) == 2 ]] || fail "group NbOfTxs"
[[ $(xp "$(el Document CstmrDrctDbtInitn GrpHdr CtrlSum)" debits.xml) == 1381.06 ]] || fail "group CtrlSum"
[[ $(xp "$(el Document CstmrDrctDbtInitn GrpHdr InitgPty Nm)" debits.xml) == "Stadtwerke Beispiel GmbH" ]] || fail "InitgPty"
pmt="$(el Document CstmrDrctDbtInitn PmtInf)"
[[ $(xp "count($pmt)" debits.xml) == 2 ]] || fail "two payment blocks (OOFF, FRST)"
[[ $(xp "$pmt[1]/*[local-name()='PmtInfId']" debits.xml) == "$msg-P1" ]] || fail "PmtInfId"
[[ $(xp "$pmt[1]/*[local-name()='PmtTpInf']/*[local-name()='SeqTp']" debits.xml) == OOFF ]] || fail "first block OOFF"
[[ $(xp "$pmt[2]/*[local-name()='PmtTpInf']/*[local-name()='SeqTp']" debits.xml) == FRST ]] || fail "second block FRST"
[[ $(xp "$pmt[1]/*[local-name()='PmtTpInf']/*[local-name()='LclInstrm']/*[local-name()='Cd']" debits.xml) == CORE ]] || fail "CORE"
[[ $(xp "$pmt[1]/*[local-name()='NbOfTxs']" debits.xml) == 1 ]] || fail "block NbOfTxs"
[[ $(xp "$pmt[1]/*[local-name()='CtrlSum']" debits.xml) == 146.50 ]] || fail "block 1 CtrlSum"
[[ $(xp "$pmt[2]/*[local-name()='CtrlSum']" debits.xml) == 1234.56 ]] || fail "block 2 CtrlSum"
[[ $(xp "$pmt[1]/*[local-name()='ReqdColltnDt']" debits.xml) == 2030-06-04 ]] || fail "ReqdColltnDt"
[[ $(xp "$pmt[1]/*[local-name()='ChrgBr']" debits.xml) == SLEV ]] || fail "ChrgBr"
[[ $(xp "$pmt[1]/*[local-name()='CdtrAcct']/*[local-name()='Id']/*[local-name()='IBAN']" debits.xml) == DE89370400440532013000 ]] || fail "CdtrAcct"
[[ $(xp "$pmt[1]/*[local-name()='CdtrAgt']/*[local-name()='FinInstnId']/*[local-name()='BIC']" debits.xml) == COBADEFFXXX ]] || fail "CdtrAgt"
ci="$pmt[1]/*[local-name()='CdtrSchmeId']/*[local-name()='Id']/*[local-name()='PrvtId']/*[local-name()='Othr']"
[[ $(xp "$ci/*[local-name()='Id']" debits.xml) == DE98ZZZ09999999999 ]] || fail "creditor identifier"
[[ $(xp "$ci/*[local-name()='SchmeNm']/*[local-name()='Prtry']" debits.xml) == SEPA ]] || fail "SchmeNm/Prtry"
tx="$pmt[1]/*[local-name()='DrctDbtTxInf']"
[[ $(xp "$tx/*[local-name()='PmtId']/*[local-name()='EndToEndId']" debits.xml) == "$msg-1" ]] || fail "EndToEndId"
[[ $(xp "$tx/*[local-name()='InstdAmt']" debits.xml) == 146.50 ]] || fail "InstdAmt"
[[ $(xp "$tx/*[local-name()='InstdAmt']/@Ccy" debits.xml) == EUR ]] || fail "InstdAmt/@Ccy"
[[ $(xp "$tx/*[local-name()='DrctDbtTx']/*[local-name()='MndtRltdInf']/*[local-name()='MndtId']" debits.xml) == M-K-1-1 ]] || fail "MndtId"
[[ $(xp "$tx/*[local-name()='DrctDbtTx']/*[local-name()='MndtRltdInf']/*[local-name()='DtOfSgntr']" debits.xml) == 2030-05-28 ]] || fail "DtOfSgntr"
[[ $(xp "$tx/*[local-name()='Dbtr']/*[local-name()='Nm']" debits.xml) == "Juergen Mueller" ]] || fail "Dbtr transliterated"
[[ $(xp "$tx/*[local-name()='DbtrAcct']/*[local-name()='Id']/*[local-name()='IBAN']" debits.xml) == DE02120300000000202051 ]] || fail "DbtrAcct"
[[ $(xp "$tx/*[local-name()='RmtInf']/*[local-name()='Ustrd']" debits.xml) == "Rechnungen R-1, R-2" ]] || fail "Ustrd"
tx2="$pmt[2]/*[local-name()='DrctDbtTxInf']"
[[ $(xp "$tx2/*[local-name()='PmtId']/*[local-name()='EndToEndId']" debits.xml) == "$msg-2" ]] || fail "EndToEndId 2"
[[ $(xp "$tx2/*[local-name()='Dbtr']/*[local-name()='Nm']" debits.xml) == "Soren AEro + Co." ]] || fail "Dbtr 2 transliterated"
LC_ALL=C grep -q $'[\x80-\xff]' debits.xml && fail "the file holds non-ASCII bytes"

# What was recorded, and the list afterwards.
[[ $(sqlite3 k.db "SELECT group_concat(sequence_type || ' ' || amount_minor || ' ' || collection_on || ' ' || (message_id = '$msg'), '|') FROM (SELECT * FROM sepa_collections ORDER BY id)") \
   == "OOFF 14650 2030-06-04 1|FRST 123456 2030-06-04 1" ]] || fail "records: $(sqlite3 k.db 'SELECT * FROM sepa_collections')"
"$kulanz" mandates list --creditor swb >list.txt
grep -q "^M-K-1-1	.*	single	collected	.*	1x, 146.50 EUR, last 2030-06-04$" list.txt || fail "list after export: $(cat list.txt)"
grep -q "^M-K-2-1	.*	recurring	in_force	.*	1x, 1234.56 EUR, last 2030-06-04$" list.txt || fail "list after export: $(cat list.txt)"

# The same day again collects nothing and writes no file.
"$kulanz" mandates export --creditor swb --collection-date 2030-06-04 --out again.xml >again.txt 2>&1 || fail "second export: $(cat again.txt)"
grep -q "^nothing to collect on 2030-06-04 for swb; no file written$" again.txt || fail "second export: $(cat again.txt)"
grep -q "^skipped M-K-1-1 (K-1): collected before (message $msg)$" again.txt || fail "second export's note: $(cat again.txt)"
[[ ! -e again.xml && ! -e again.xml.part ]] || fail "the second export wrote a file"
[[ $(sqlite3 k.db "SELECT count(*) FROM sepa_collections") == 2 ]] || fail "the second export recorded debits"

# A file handed to the bank is never overwritten; days are checked.
if "$kulanz" mandates export --creditor swb --collection-date 2030-06-11 --out debits.xml 2>err.txt; then fail "an existing file was overwritten"; fi
grep -q "'debits.xml' exists" err.txt || fail "existing file: $(cat err.txt)"
if "$kulanz" mandates export --creditor swb --collection-date 2030-06-08 --out sat.xml 2>err.txt; then fail "a Saturday was accepted"; fi
grep -q "2030-06-08 is not a TARGET2 business day.*the next one is 2030-06-10 \[E9105\]" err.txt || fail "Saturday: $(cat err.txt)"
if "$kulanz" mandates export --creditor swb --collection-date 2020-06-04 --out old.xml 2>err.txt; then fail "a past day was accepted"; fi
grep -q "is too early" err.txt || fail "past day: $(cat err.txt)"
if "$kulanz" mandates export --creditor swb --collection-date 04.06.2030x --out x.xml 2>err.txt; then fail "a bad date was accepted"; fi
grep -q "^kulanz mandates export: --collection-date: " err.txt || fail "bad date: $(cat err.txt)"
if "$kulanz" mandates export --creditor swb --collection-date 2030-06-11 2>err.txt; then fail "an export without --out"; fi
grep -q -- "--out" err.txt || fail "no --out: $(cat err.txt)"

# A holder the SEPA character set cannot carry: the whole export is refused, naming the
# mandate and the field; no file, no record.
sqlite3 k.db <<SQL
INSERT INTO sepa_mandates (creditor_id, customer_id, reference, account_holder, iban, scope, amount_minor, currency,
                           invoice_ids, collection_on, hold_id, session_ref, signed_unix)
SELECT c.creditor_id, c.id, 'M-K-3-1', 'Иван Петров', 'DE02120300000000202051', 'single', 1000, 'EUR',
       (SELECT group_concat(id, ',') FROM invoices WHERE customer_id = c.id), '2030-06-05', 0, 'portal:0123456789abcdef', $signed
FROM customers c WHERE c.external_id = 'K-3';
SQL
printf 'Rechnungsnummer;Kundennummer;Rechnungsdatum;Fälligkeit;Betrag\nR-23;K-2;20.05.2030;05.06.2030;50,00\n' >i2.csv
"$kulanz" import invoices i2.csv --creditor swb >/dev/null 2>&1 || fail "import invoices (R-23)"
if "$kulanz" mandates export --creditor swb --collection-date 2030-06-05 --out bad.xml >out.txt 2>err.txt; then
  fail "a holder in Cyrillic letters was exported"
fi
grep -q "^kulanz mandates export: mandate M-K-3-1: debtor_name: 'Иван Петров' has the character U+0418 .* \[E8011\]$" err.txt \
  || fail "holder error: $(cat err.txt)"
[[ ! -e bad.xml && ! -e bad.xml.part ]] || fail "a refused export left a file"
[[ $(sqlite3 k.db "SELECT count(*) FROM sepa_collections") == 2 ]] || fail "a refused export recorded debits"
# Once that mandate is revoked, the recurring debit of R-23 goes out as RCUR.
sqlite3 k.db "UPDATE sepa_mandates SET revoked_unix = 1, revoked_by = 'cli' WHERE reference = 'M-K-3-1'"
"$kulanz" mandates export --creditor swb --collection-date 2030-06-05 --out next.xml >out.txt 2>&1 || fail "next export: $(cat out.txt)"
xmllint --noout --schema "$xsd" next.xml 2>/dev/null || fail "next.xml does not validate"
[[ $(xp "$(el Document CstmrDrctDbtInitn PmtInf PmtTpInf SeqTp)" next.xml) == RCUR ]] || fail "the second debit under the recurring mandate is RCUR"
[[ $(xp "$(el Document CstmrDrctDbtInitn GrpHdr CtrlSum)" next.xml) == 50.00 ]] || fail "next CtrlSum"
[[ $(xp "$(el Document CstmrDrctDbtInitn GrpHdr MsgId)" next.xml) =~ -2$ ]] || fail "the next message number"
echo "mandates CLI: ok"
