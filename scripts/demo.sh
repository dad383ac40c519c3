#!/usr/bin/env bash
# `make demo`: the demo portfolio (generated relative to today), today's collection run, a
# local SMTP server that keeps every e-mail the dispatcher sends as a file in demo-mail/,
# and `kulanz serve` (web pages, API and the dispatcher) on it.
# Usage: scripts/demo.sh KULANZ_BINARY   (DEMO_DB, PORT, SMTP_PORT, DEMO_MAIL from the environment)
set -euo pipefail
bin="$1"
db="${DEMO_DB:-demo.db}"
port="${PORT:-8080}"
smtp_port="${SMTP_PORT:-2525}"
mail="${DEMO_MAIL:-demo-mail}"
here="$(cd "$(dirname "$0")/.." && pwd)"
today=$(TZ=Europe/Berlin date +%F)

if [[ -f "$db" ]]; then
  echo "Reusing $db (delete it and $mail/ to generate a fresh demo portfolio)."
  "$bin" migrate --db "sqlite:$db"
else
  "$bin" demo --db "sqlite:$db"
  # The demo contacts customers around the clock and on Sundays and holidays, so that a
  # collection day shows its messages whenever it is tried (the shipped policy: 08:00-20:00,
  # SMS 09:00-19:00, never on Sundays and public holidays).
  "$bin" strategy show-default |
    sed -e 's/^quiet_hours = .*/quiet_hours = { from = "00:00", to = "24:00" }/' \
        -e 's/^quiet_hours_sms = .*/quiet_hours_sms = { from = "00:00", to = "24:00" }/' \
        -e 's/^no_contact_on_sundays = true/no_contact_on_sundays = false/' \
        -e 's/^no_contact_on_public_holidays = true/no_contact_on_public_holidays = false/' >"$db.collection.toml"
  for creditor in stadtwerke grosshandel; do
    "$bin" strategy load "$db.collection.toml" --creditor "$creditor" --db "sqlite:$db" >/dev/null
  done
  rm -f "$db.collection.toml"
  echo "Today's collection run ($today):"
  "$bin" run --db "sqlite:$db" --as-of "$today" | grep -E "^(run|customers|outbox)" || true
fi

# The local SMTP server: every accepted message becomes $mail/<n>.eml.
mkdir -p "$mail"
rm -f "$mail.in"
mkfifo "$mail.in"
/usr/bin/python3 "$here/tests/channels/smtp_sink.py" --dir "$mail" --port "$smtp_port" <"$mail.in" >"$mail.log" 2>&1 &
sink=$!
exec {sink_in}>"$mail.in"
stop_sink() {
  exec {sink_in}>&-
  wait "$sink" 2>/dev/null || true
  rm -f "$mail.in"
}
trap stop_sink EXIT
for _ in $(seq 1 50); do grep -q "^LISTENING" "$mail.log" 2>/dev/null && break; sleep 0.1; done
grep -q "^LISTENING" "$mail.log" || { echo "the local SMTP server did not start: $(cat "$mail.log")" >&2; exit 1; }

cat >"$db.toml" <<EOF
# Written by make demo: e-mails go to the local SMTP server, which keeps them in $mail/.
[smtp]
url = "smtp://127.0.0.1:$smtp_port"
tls = "none"
[dispatch]
interval_seconds = 10
EOF
echo "E-mails the dispatcher sends are kept in $mail/ (one .eml file each; open them with any mail program)."
echo "Letters of the day: $bin letters --db sqlite:$db --creditor stadtwerke --as-of $today --out-dir demo-letters"
"$bin" serve --config "$db.toml" --db "sqlite:$db" --listen "127.0.0.1:$port" --banner-demo
