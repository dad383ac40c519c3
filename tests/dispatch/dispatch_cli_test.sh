#!/usr/bin/env bash
# `kulanz dispatch` and `kulanz history` end to end against a real SMTP server (aiosmtpd):
# an e-mail sent and recorded with its Message-ID; a hard bounce (550) fails the entry,
# marks the address invalid and puts the step's letter into the outbox; a temporary
# refusal (451) is retried later with the same Message-ID; an entry whose items were put
# on hold since the run is cancelled; an entry whose window passed is moved to the next
# allowed window and then sent; a second pass sends nothing again.
# Usage: dispatch_cli_test.sh KULANZ_BINARY
set -euo pipefail
kulanz="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-dispatch-XXXXXX")"
source "$here/sink.sh"
hooks_in=
trap 'stop_sink; if [[ -n "$hooks_in" ]]; then exec {hooks_in}>&-; fi; rm -rf "$work"' EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL KULANZ_PORTAL_SECRET KULANZ_BASE_RATES KULANZ_SMTP_URL
export KULANZ_DB="sqlite:$work/k.db" KULANZ_PUBLIC_URL=https://forderungen.example.de
fail() { echo "FAIL: $*" >&2; exit 1; }
sql() { sqlite3 k.db "$@"; }

today=$(TZ=Europe/Berlin date +%F)
due=$(date -d "$today -17 days" +%F)
issued=$(date -d "$today -45 days" +%F)
cat >c.csv <<'CSV'
Kundennummer;Name;Typ;E-Mail;email_consent;Bundesland;PLZ;Ort;Straße
K-2;Bau GmbH;business;buchhaltung@bau.example;ja;NW;50667;Köln;Domkloster 4
K-3;Hans Abprall;consumer;weg@example.org;ja;BY;80331;München;Weg 3
K-4;Greta Später;consumer;spaeter@example.org;ja;BY;80331;München;Weg 4
K-5;Paul Streit;consumer;paul@example.org;ja;BY;80331;München;Weg 5
K-6;Ida Gestern;consumer;ida@example.org;ja;BY;80331;München;Weg 6
CSV
cat >i.csv <<CSV
invoice_id;customer_id;issue_date;due_date;amount
R-2;K-2;$issued;$due;2.380,00
R-3;K-3;$issued;$due;50,00
R-4;K-4;$issued;$due;60,00
R-5;K-5;$issued;$due;70,00
R-6;K-6;$issued;$due;80,00
CSV
collection_day "$kulanz" c.csv i.csv "$today" || fail "the collection day"
[[ $(sql "SELECT count(*) FROM outbox WHERE channel = 'email'") == 5 ]] || fail "expected 5 e-mails: $(sql 'SELECT * FROM outbox')"

# Without [smtp] nothing is sent; the command says why.
"$kulanz" dispatch >out.txt 2>err.txt || fail "dispatch without smtp"
grep -q "e-mails wait: no \[smtp\] url is configured" err.txt || fail "no smtp note: $(cat err.txt)"
grep -q "^sent 0, " out.txt || fail "sent without smtp: $(cat out.txt)"

# K-5 disputes after the run: its reminder is no longer due.
"$kulanz" hold add --creditor swb --customer K-5 --kind dispute --reason "Zähler falsch abgelesen" >/dev/null || fail "hold"
# K-6's entry belongs to a day whose window has passed (two days ago).
sql "UPDATE outbox SET local_day = '$(date -d "$today -2 days" +%F)', send_from_unix = send_from_unix - 172800,
     send_until_unix = send_until_unix - 172800 WHERE customer_id = (SELECT id FROM customers WHERE external_id = 'K-6')"

# A webhook receiver that checks signatures as docs/WEBHOOKS.md tells receivers to.
mkfifo hooks.in
/usr/bin/python3 "$here/../channels/webhook_receiver.py" --log hooks.log --secret "whsec_dispatch_test_secret_0123456789" \
  <hooks.in >hooks.out 2>hooks.err &
exec {hooks_in}>hooks.in
for _ in $(seq 1 50); do grep -q "^LISTENING" hooks.out && break; sleep 0.1; done
hook_port=$(sed -n 's/^LISTENING \([0-9]*\)$/\1/p' hooks.out)
[[ -n "$hook_port" ]] || fail "webhook receiver: $(cat hooks.err)"
if "$kulanz" webhooks add --creditor swb --url "http://example.org/hook" 2>err.txt; then fail "plain http to another host"; fi
grep -q "https" err.txt || fail "http refusal: $(cat err.txt)"
if "$kulanz" webhooks add --creditor swb --url "http://127.0.0.1:$hook_port/hook" --events message.snt 2>err.txt; then
  fail "an unknown event"
fi
grep -q "'message.snt' is not an event" err.txt || fail "event refusal: $(cat err.txt)"
"$kulanz" webhooks add --creditor swb --url "http://127.0.0.1:$hook_port/hook" --events message.sent,message.failed \
  --secret whsec_dispatch_test_secret_0123456789 >hook.txt || fail "webhooks add"
grep -q "^webhook 1: http://127.0.0.1:$hook_port/hook for message.sent,message.failed$" hook.txt || fail "add: $(cat hook.txt)"
"$kulanz" webhooks list --creditor swb | grep -q "message.sent,message.failed" || fail "webhooks list"

start_sink "$work/sink" --reject-550 weg@example.org --reject-451 spaeter@example.org
cat >k.toml <<EOF
[smtp]
url = "smtp://127.0.0.1:$SINK_PORT"
tls = "none"
timeout_seconds = 5
EOF
"$kulanz" --config k.toml dispatch -v >out.txt 2>err.txt || fail "dispatch: $(cat err.txt)"
grep -q "^sent 2 (email 2), retried 1, failed 1, fallbacks 1, cancelled 1, rescheduled 1, in doubt (resent with the same id) 0; webhooks delivered 3, retried 0, failed 0$" out.txt \
  || fail "summary: $(cat out.txt)"
# The events: two message.sent, one message.failed, each signed and verified by the receiver.
/usr/bin/python3 - hooks.log <<'PY' || fail "webhook deliveries: $(cat hooks.log)"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 3, rows
assert all(r["verified"] and r["status"] == 200 for r in rows), rows
events = [json.loads(r["body"]) for r in rows]
types = sorted(e["type"] for e in events)
assert types == ["message.failed", "message.sent", "message.sent"], types
failed = [e for e in events if e["type"] == "message.failed"][0]
assert failed["data"]["customer"] == "K-3" and failed["data"]["invoices"] == ["R-3"], failed
assert "550" in failed["data"]["detail"], failed
assert all(e["id"].startswith("evt_") for e in events), events
PY
"$kulanz" webhooks deliveries --creditor swb | grep -c "delivered" | grep -qx 3 || fail "webhooks deliveries"
status() { sql "SELECT o.status FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = '$1' AND o.channel = '${2:-email}'"; }
[[ $(status K-2) == sent ]] || fail "K-2: $(status K-2)"
[[ $(status K-3) == failed ]] || fail "K-3: $(status K-3)"
[[ $(status K-3 letter) == pending ]] || fail "K-3's letter fallback: $(status K-3 letter)"
[[ $(status K-4) == pending ]] || fail "K-4 (451) should wait for its next attempt: $(status K-4)"
[[ $(status K-5) == cancelled ]] || fail "K-5: $(status K-5)"
[[ $(status K-6) == sent ]] || fail "K-6: $(status K-6)"
[[ $(sql "SELECT local_day FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = 'K-6'") == "$today" ]] \
  || fail "K-6 was not moved to today's window"
sql "SELECT contacts FROM customers WHERE external_id = 'K-3'" | grep -q '"address":"weg@example.org","consent":true,"invalid":true' \
  || fail "the bounced address is not marked invalid: $(sql "SELECT contacts FROM customers WHERE external_id = 'K-3'")"
k4=$(sql "SELECT attempts || ' ' || (next_attempt_unix > strftime('%s','now')) || ' ' || last_error FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = 'K-4'")
[[ "$k4" == "1 1 "*451* ]] || fail "K-4 retry bookkeeping: $k4"

# What arrived: K-2's and K-6's messages, each with the Message-ID the outbox recorded.
received_ids "$work/sink" | sort >received.txt
[[ $(wc -l <received.txt) == 2 ]] || fail "arrived: $(cat received.txt)"
for k in K-2 K-6; do
  want=$(sql "SELECT o.message_id || ' ' || o.idempotency_key FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = '$k' AND o.channel = 'email'")
  grep -qxF "$want" received.txt || fail "$k: '$want' not among $(cat received.txt)"
done
grep -q "buchhaltung@bau.example" "$work"/sink/*.envelope || fail "envelope recipient"

# The contact history.
"$kulanz" history --customer K-2 >h.txt || fail "history"
grep -q "email   sent     buchhaltung@bau.example  first_reminder (neutral, de)" h.txt || fail "history K-2: $(cat h.txt)"
grep -q "why: step .* by email" h.txt || fail "history reason: $(cat h.txt)"
"$kulanz" history --customer K-3 --json >h3.json || fail "history --json"
/usr/bin/python3 - h3.json <<'PY' || fail "history K-3 json: $(cat h3.json)"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 1, rows
r = rows[0]
assert r["channel"] == "email" and r["delivery_state"] == "failed" and r["address"] == "weg@example.org", r
assert "550" in r["state_detail"], r
PY
"$kulanz" history --customer K-5 | grep -q "no messages to K-5 yet" || fail "history of a cancelled message"

# A second pass sends nothing again (K-4 waits for its next attempt).
"$kulanz" --config k.toml dispatch >out2.txt 2>/dev/null || fail "second dispatch"
grep -q "^sent 0, retried 0, failed 0" out2.txt || fail "second pass: $(cat out2.txt)"
[[ $(ls "$work"/sink/*.eml | wc -l) == 2 ]] || fail "the second pass sent again"

# K-4's next attempt, once the server takes it, carries the same Message-ID as the first.
first_id=$(sql "SELECT message_id FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = 'K-4'")
stop_sink
start_sink "$work/sink2"
sed -i "s/^url = .*/url = \"smtp:\/\/127.0.0.1:$SINK_PORT\"/" k.toml
# This pass renders each e-mail right before it is sent, on the dispatcher's thread.
printf '[dispatch]\nrender_ahead = 0\n' >>k.toml
sql "UPDATE outbox SET next_attempt_unix = 0 WHERE customer_id = (SELECT id FROM customers WHERE external_id = 'K-4')"
"$kulanz" --config k.toml dispatch >out3.txt 2>/dev/null || fail "third dispatch"
grep -q "^sent 1 (email 1)" out3.txt || fail "third pass: $(cat out3.txt)"
received_ids "$work/sink2" | grep -qF "$first_id" || fail "K-4's retry has another Message-ID than $first_id"
# K-3's letter (the fallback of the bounced e-mail) goes to print; once K-3 disputes, a
# letter not printed yet is left out of the batch and cancelled.
mkdir print
"$kulanz" letters --creditor swb --as-of "$(sql "SELECT local_day FROM outbox WHERE idempotency_key LIKE '%~letter'")" \
  --out-dir print --reprint >print.txt || fail "print batch"
grep -q "(1 letters, 1 pages)" print.txt || fail "K-3's letter: $(cat print.txt)"
grep -q "^handed over: 1 letters" print.txt || fail "handover: $(cat print.txt)"
[[ $(status K-3 letter) == sent ]] || fail "K-3's letter after the batch: $(status K-3 letter)"
"$kulanz" history --customer K-3 | grep -q "letter  printed" || fail "K-3's history: $("$kulanz" history --customer K-3)"
sql "UPDATE outbox SET status = 'pending' WHERE idempotency_key LIKE '%~letter'"
sql "DELETE FROM contact_history WHERE channel = 'letter'"
"$kulanz" hold add --creditor swb --customer K-3 --kind dispute --reason "Nie bestellt" >/dev/null || fail "hold K-3"
rm -rf print && mkdir print
"$kulanz" letters --creditor swb --as-of "$(sql "SELECT local_day FROM outbox WHERE idempotency_key LIKE '%~letter'")" \
  --out-dir print >print.txt || fail "print batch after the dispute"
grep -q "^no letters for swb" print.txt || fail "K-3's letter was printed despite the dispute: $(cat print.txt)"
grep -q "^left out: 1 letters whose items were paid, credited or put on hold since the run (cancelled)$" print.txt \
  || fail "left out: $(cat print.txt)"
[[ $(status K-3 letter) == cancelled ]] || fail "K-3's letter after the dispute: $(status K-3 letter)"
[[ -z "$(ls print)" ]] || fail "files written for an empty batch: $(ls print)"
echo "dispatch_cli_test: ok"
