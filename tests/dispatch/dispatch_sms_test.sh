#!/usr/bin/env bash
# SMS end to end: `kulanz dispatch` sends the day's SMS through the gateway stand-in
# (tests/channels/vonage_stand_in.py, the Vonage Messages API's request checks and
# answers), `kulanz serve` takes the gateway's signed delivery reports
# (POST /api/v1/sms/status, HS256 JWT with the body's hash): `delivered` sets the
# history's state; `undeliverable` fails the entry, marks the number invalid, queues
# message.failed and puts the step's next channel (e-mail) into the outbox, once, however
# often the report comes; `rejected` does the same without marking the number; an
# unsigned or wrongly signed report changes nothing.
# Usage: dispatch_sms_test.sh KULANZ_BINARY
set -euo pipefail
kulanz="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-dispatch-sms-XXXXXX")"
source "$here/sink.sh"
gw_in=
serve_pid=
cleanup() {
  if [[ -n "$serve_pid" ]]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  if [[ -n "$gw_in" ]]; then exec {gw_in}>&-; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL KULANZ_PORTAL_SECRET KULANZ_BASE_RATES KULANZ_SMTP_URL \
  KULANZ_SMS_API_KEY KULANZ_SMS_API_SECRET KULANZ_SMS_SIGNATURE_SECRET
export KULANZ_DB="sqlite:$work/k.db" KULANZ_PUBLIC_URL=https://forderungen.example.de
fail() { echo "FAIL: $*" >&2; exit 1; }
sql() { sqlite3 k.db "$@"; }
secret="sms-status-signing-secret-0123456789"

today=$(TZ=Europe/Berlin date +%F)
issued=$(date -d "$today -30 days" +%F)
# High-risk customers get the due-day note by SMS first, by e-mail second.
cat >c.csv <<'CSV'
Kundennummer;Name;Typ;Risiko;Mobil;sms_consent;E-Mail;email_consent;Bundesland;PLZ;Ort;Straße
K-1;Anna Zugestellt;consumer;80;0151 11111111;ja;anna@example.org;ja;BY;80331;München;Weg 1
K-2;Bert Unerreichbar;consumer;80;0151 22222222;ja;bert@example.org;ja;BY;80331;München;Weg 2
K-3;Cora Abgelehnt;consumer;80;0151 33333333;ja;cora@example.org;ja;BY;80331;München;Weg 3
CSV
cat >i.csv <<CSV
invoice_id;customer_id;issue_date;due_date;amount
R-1;K-1;$issued;$today;50,00
R-2;K-2;$issued;$today;60,00
R-3;K-3;$issued;$today;70,00
CSV
collection_day "$kulanz" c.csv i.csv "$today" || fail "the collection day"
[[ $(sql "SELECT count(*) FROM outbox WHERE channel = 'sms'") == 3 ]] || fail "expected 3 SMS: $(sql 'SELECT * FROM outbox')"

mkfifo gw.in
/usr/bin/python3 "$here/../channels/vonage_stand_in.py" --log gw.log --api-key key1 --api-secret secret1 \
  <gw.in >gw.out 2>gw.err &
exec {gw_in}>gw.in
for _ in $(seq 1 50); do grep -q "^LISTENING" gw.out && break; sleep 0.1; done
gw_port=$(sed -n 's/^LISTENING \([0-9]*\)$/\1/p' gw.out)
[[ -n "$gw_port" ]] || fail "gateway stand-in: $(cat gw.err)"
config() {
  cat <<EOF
[sms]
gateway_url = "http://127.0.0.1:$gw_port"
api_key = "key1"
api_secret = "$1"
sender_id = "Stadtwerke"
signature_secret = "$secret"
EOF
}
# A wrong API secret is the account's problem: every SMS waits for its next attempt, no
# number is marked, nothing falls back.
config wrong-secret >k.toml
"$kulanz" --config k.toml dispatch >out.txt 2>err.txt || fail "dispatch with a wrong secret: $(cat err.txt)"
grep -q "^sent 0, retried 3, failed 0, fallbacks 0" out.txt || fail "wrong secret: $(cat out.txt)"
[[ $(sql "SELECT count(*) FROM customers WHERE contacts LIKE '%\"invalid\":true%'") == 0 ]] || fail "a number was marked"
sql "SELECT last_error FROM outbox WHERE channel = 'sms'" | grep -q "HTTP 401" || fail "401 not recorded"
sql "UPDATE outbox SET next_attempt_unix = 0"
>gw.log
config secret1 >k.toml
"$kulanz" --config k.toml dispatch >out.txt 2>err.txt || fail "dispatch: $(cat err.txt)"
grep -q "^sent 3 (sms 3), retried 0, failed 0" out.txt || fail "summary: $(cat out.txt) $(cat err.txt)"
[[ $(wc -l <gw.log) == 3 ]] || fail "the gateway got $(wc -l <gw.log) requests"
uuid() { sql "SELECT o.provider_id FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = '$1' AND o.channel = 'sms'"; }
for k in K-1 K-2 K-3; do
  grep -q "\"message_uuid\": \"$(uuid $k)\"" gw.log || fail "$k's provider id $(uuid $k) is not the gateway's"
done

"$kulanz" --config k.toml serve --listen 127.0.0.1:0 >serve.out 2>serve.err &
serve_pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(sed -n 's|^kulanz is serving .* on http://127.0.0.1:\([0-9]*\)/$|\1|p' serve.out)"
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || fail "serve did not start: $(cat serve.err)"

# report UUID STATUS [SECRET]: posts the gateway's status webhook, signed as Vonage signs
# it; prints the HTTP status and the answer.
report() {
  /usr/bin/python3 - "$port" "$1" "$2" "${3:-$secret}" <<'PY'
import base64, hashlib, hmac, json, sys, time, urllib.request, urllib.error
port, uuid, status, secret = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
body = {"message_uuid": uuid, "to": "4915100000000", "from": "Stadtwerke", "channel": "sms",
        "timestamp": "2026-11-23T09:00:00.000Z", "status": status}
if status in ("undeliverable", "rejected"):
    body["error"] = {"type": "https://developer.vonage.com/api-errors/messages#1320", "title": "1320",
                     "detail": "Message failed because the number is unknown" if status == "undeliverable"
                     else "Message rejected by the platform"}
raw = json.dumps(body).encode()
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
claims = b64(json.dumps({"iat": int(time.time()), "jti": "j-" + uuid + status, "iss": "Vonage",
                         "payload_hash": hashlib.sha256(raw).hexdigest()}).encode())
sig = b64(hmac.new(secret.encode(), (head + "." + claims).encode(), hashlib.sha256).digest())
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/sms/status", data=raw, method="POST",
                             headers={"Content-Type": "application/json", "Authorization": f"Bearer {head}.{claims}.{sig}"})
try:
    with urllib.request.urlopen(req) as r:
        print(r.status, r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode())
PY
}
state() { sql "SELECT h.delivery_state FROM contact_history h JOIN customers c ON c.id = h.customer_id WHERE c.external_id = '$1' AND h.channel = 'sms'"; }
status() { sql "SELECT o.status FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = '$1' AND o.channel = '$2'"; }
contacts() { sql "SELECT contacts FROM customers WHERE external_id = '$1'"; }

# A wrongly signed report is refused and changes nothing.
r=$(report "$(uuid K-2)" undeliverable "another-secret-entirely-0123456789")
[[ "$r" == 401* ]] || fail "a wrongly signed report: $r"
[[ $(state K-2) == sent && $(status K-2 sms) == sent ]] || fail "a refused report changed K-2: $(state K-2) $(status K-2 sms)"

# Delivered: the history says so; nothing else changes.
r=$(report "$(uuid K-1)" delivered)
[[ "$r" == '200 {"recorded":true,"state":"delivered"}' ]] || fail "delivered: $r"
[[ $(state K-1) == delivered && $(status K-1 sms) == sent ]] || fail "K-1: $(state K-1) $(status K-1 sms)"

# Undeliverable, twice: failed once, the number marked, the e-mail queued once.
for _ in 1 2; do
  r=$(report "$(uuid K-2)" undeliverable)
  [[ "$r" == 200* ]] || fail "undeliverable: $r"
done
[[ $(state K-2) == failed ]] || fail "K-2's history: $(state K-2)"
[[ $(status K-2 sms) == failed ]] || fail "K-2's SMS entry: $(status K-2 sms)"
[[ $(status K-2 email) == pending ]] || fail "K-2's e-mail fallback: $(status K-2 email)"
[[ $(sql "SELECT count(*) FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = 'K-2'") == 2 ]] \
  || fail "a repeated report queued another fallback"
contacts K-2 | grep -q '"channel":"sms","address":"+4915122222222","consent":true,"invalid":true' \
  || fail "K-2's number is not marked invalid: $(contacts K-2)"
sql "SELECT last_error FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = 'K-2' AND channel = 'sms'" |
  grep -q "undelivered: .*unknown" || fail "K-2's entry error: $(sql "SELECT last_error FROM outbox")"
sql "SELECT reason FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = 'K-2' AND channel = 'email'" |
  grep -q "sms failed (the gateway reported the message undelivered.*), so by email" || fail "K-2's fallback reason"
# One message.failed event (no webhook is registered, so none is delivered, and none waits).
"$kulanz" history --customer K-2 --json >h2.json || fail "history K-2"
/usr/bin/python3 - h2.json <<'PY' || fail "history K-2: $(cat h2.json)"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 1 and rows[0]["channel"] == "sms" and rows[0]["delivery_state"] == "failed", rows
assert "unknown" in rows[0]["state_detail"], rows
PY

# Rejected: the entry fails and falls back, the number stays usable.
r=$(report "$(uuid K-3)" rejected)
[[ "$r" == 200* ]] || fail "rejected: $r"
[[ $(status K-3 sms) == failed && $(status K-3 email) == pending ]] || fail "K-3: $(status K-3 sms) $(status K-3 email)"
contacts K-3 | grep -q '"channel":"sms","address":"+4915133333333","consent":true,"invalid":false' \
  || fail "K-3's number was marked invalid on a rejection: $(contacts K-3)"

# A report for a message nobody knows is answered, and records nothing.
r=$(report "00000000-0000-4000-8000-000000000000" delivered)
[[ "$r" == '200 {"recorded":false,"state":"delivered"}' ]] || fail "unknown message: $r"

# The e-mail fallbacks go out by the next pass (here: no SMTP server configured, so they wait).
"$kulanz" --config k.toml dispatch >out2.txt 2>err2.txt || fail "second dispatch"
grep -q "e-mails wait: no \[smtp\] url is configured" err2.txt || fail "second pass: $(cat err2.txt)"
echo "dispatch_sms_test: ok"
