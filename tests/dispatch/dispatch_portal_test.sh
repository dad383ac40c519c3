#!/usr/bin/env bash
# Messages about what a customer arranged in the portal, end to end: the customer opens the
# personal link in `kulanz serve`, passes the check and promises to pay; another agrees a
# payment plan. `kulanz dispatch` then sends the promise's confirmation and the plan's
# confirmation with its schedule to a real SMTP server (aiosmtpd) although the items are
# on hold; the instalment reminders wait for their days; once the promise's items are paid,
# nothing more goes out about them.
# Usage: dispatch_portal_test.sh KULANZ_BINARY
set -euo pipefail
kulanz="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-portal-msg-XXXXXX")"
source "$here/sink.sh"
server_pid=
trap 'stop_sink; if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
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
K-7;Vera Zusage;consumer;vera@example.org;ja;BY;80331;München;Weg 7
K-8;Rudi Rate;consumer;rudi@example.org;ja;BY;80333;München;Weg 8
CSV
cat >i.csv <<CSV
invoice_id;customer_id;issue_date;due_date;amount
R-7;K-7;$issued;$due;250,00
R-8;K-8;$issued;$due;600,00
CSV
collection_day "$kulanz" c.csv i.csv "$today" || fail "the collection day"
# The run's own reminders are not this test's subject.
sql "UPDATE outbox SET status = 'cancelled'"

# The portal, on a free port.
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$kulanz" serve --listen "127.0.0.1:$port" --threads 2 >serve.out 2>serve.err &
server_pid=$!
for _ in $(seq 1 100); do grep -q "web pages:" serve.out 2>/dev/null && break; sleep 0.1; done
grep -q "web pages:" serve.out || fail "serve did not start: $(cat serve.err)"
base="http://127.0.0.1:$port"

# A customer's session: the link, then the check (the postal code) for forms that change data.
portal_session() {  # CUSTOMER POSTAL_CODE JAR
  local link path csrf
  link=$("$kulanz" portal-link --customer "$1" | grep -o '/p/[A-Za-z0-9_-]*$')
  curl -s -c "$3" -b "$3" -o /dev/null "$base$link"
  csrf=$(curl -s -c "$3" -b "$3" "$base/p/check?next=/p/" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
  [[ -n "$csrf" ]] || fail "no CSRF token for $1"
  curl -s -c "$3" -b "$3" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$csrf" \
    --data-urlencode "next=/p/" --data-urlencode "answer=$2" "$base/p/check" | grep -qx 303 || fail "check of $1"
  echo "$csrf"
}
until_day=$(date -d "$today +5 days" +%F)
csrf=$(portal_session K-7 80331 jar7)
curl -s -b jar7 -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$csrf" --data-urlencode "until=$until_day" \
  "$base/p/promise" | grep -qx 303 || fail "the promise"
csrf=$(portal_session K-8 80333 jar8)
curl -s -b jar8 -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$csrf" --data-urlencode "count=3" \
  "$base/p/plan" | grep -qx 303 || fail "the plan"

pending() { sql "SELECT template FROM outbox WHERE status = 'pending' AND idempotency_key LIKE 'portal:%' ORDER BY id" | tr '\n' ' '; }
[[ $(pending) == "promise_confirmation payment_plan_confirmation instalment_reminder instalment_reminder instalment_reminder " ]] \
  || fail "queued: $(pending)"

start_sink "$work/sink"
cat >k.toml <<EOF
[smtp]
url = "smtp://127.0.0.1:$SINK_PORT"
tls = "none"
timeout_seconds = 5
EOF
"$kulanz" --config k.toml dispatch >out.txt 2>err.txt || fail "dispatch: $(cat err.txt)"
grep -q "^sent 2 (email 2)" out.txt || fail "summary: $(cat out.txt)"

# What arrived, decoded as a mail program does.
/usr/bin/python3 - "$work/sink" "$(date -d "$until_day" +%d.%m.%Y)" <<'PY' || fail "the messages"
import email, email.policy, glob, sys
mails = {}
for f in glob.glob(sys.argv[1] + "/*.eml"):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    mails[m["To"].addresses[0].addr_spec] = m
assert sorted(mails) == ["rudi@example.org", "vera@example.org"], sorted(mails)
vera = mails["vera@example.org"].get_body(("plain",)).get_content()
assert f"bis zum {sys.argv[2]} zahlen" in vera, vera
assert "250,00 €" in vera, vera
rudi = mails["rudi@example.org"].get_body(("plain",)).get_content()
assert "Ihr Ratenplan steht: 3 Raten, zusammen 600,00 €" in rudi, rudi
assert rudi.count(". Rate: 200,00 €, fällig am") == 3, rudi
PY
# The reminders wait for their days; the history shows the confirmations.
[[ $(sql "SELECT count(*) FROM outbox WHERE template = 'instalment_reminder' AND status = 'pending'") == 3 ]] \
  || fail "the reminders: $(sql "SELECT status, local_day FROM outbox WHERE template = 'instalment_reminder'")"
"$kulanz" history --customer K-7 | grep -q "promise_confirmation (friendly, de)" || fail "history K-7: $("$kulanz" history --customer K-7)"

# A second confirmation is never sent; a reminder whose day has come is cancelled once its
# instalment is paid.
printf 'payment_id;customer_id;value_date;amount;reference\nZ-8;K-8;%s;600,00;R-8\n' "$today" >p.csv
"$kulanz" import payments p.csv --creditor swb >/dev/null || fail "the payment"
sql "UPDATE outbox SET local_day = '$today', send_from_unix = strftime('%s','now') - 60,
     send_until_unix = strftime('%s','now') + 3600 WHERE template = 'instalment_reminder'"
"$kulanz" --config k.toml dispatch >out2.txt 2>/dev/null || fail "second dispatch"
grep -q "^sent 0, " out2.txt || fail "second pass: $(cat out2.txt)"
[[ $(sql "SELECT count(*) FROM outbox WHERE template = 'instalment_reminder' AND status = 'cancelled'") == 3 ]] \
  || fail "paid instalments still reminded: $(sql "SELECT status, last_error FROM outbox WHERE template = 'instalment_reminder'")"
[[ $(ls "$work"/sink/*.eml | wc -l) == 2 ]] || fail "more mails arrived"
echo "portal messages: ok"
