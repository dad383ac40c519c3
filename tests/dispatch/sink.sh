# Sourced by the dispatch tests and bench/email.sh: starts the real SMTP server of the
# channel tests (tests/channels/smtp_sink.py, aiosmtpd from Debian) on a free loopback
# port, writes a collection file whose policy allows contacts all day, every day, and sets
# up a creditor's collection day from two CSV files.
# start_sink DIR [smtp_sink.py options...]  sets SINK_PORT and SINK_PID; stop_sink ends it.
SINK_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../channels" && pwd)/smtp_sink.py"
start_sink() {
  local dir="$1"
  shift
  mkdir -p "$dir"
  # Standard input is a FIFO this shell holds open (the sink stops at its end) until stop_sink.
  rm -f "$dir.in"
  mkfifo "$dir.in"
  /usr/bin/python3 "$SINK_SCRIPT" --dir "$dir" "$@" <"$dir.in" >"$dir.out" 2>"$dir.err" &
  SINK_PID=$!
  exec {SINK_IN}>"$dir.in"
  for _ in $(seq 1 100); do
    SINK_PORT=$(sed -n 's/^LISTENING \([0-9]*\)$/\1/p' "$dir.out" 2>/dev/null)
    [[ -n "$SINK_PORT" ]] && return 0
    sleep 0.1
  done
  echo "the SMTP sink did not start: $(cat "$dir.err")" >&2
  return 1
}
stop_sink() {
  if [[ -n "${SINK_IN:-}" ]]; then exec {SINK_IN}>&-; SINK_IN=; fi
  if [[ -n "${SINK_PID:-}" ]]; then wait "$SINK_PID" 2>/dev/null || true; fi
  SINK_PID=
}
# Prints "<Message-ID> <X-Kulanz-Outbox>" for every message the sink received, one a line.
received_ids() {
  local dir="$1" f
  for f in "$dir"/*.eml; do
    [[ -e "$f" ]] || continue
    awk 'BEGIN{IGNORECASE=1} /^\r?$/{exit} /^Message-ID:/{m=$2} /^X-Kulanz-Outbox:/{o=$2} END{gsub("\r","",m); gsub("\r","",o); print m, o}' "$f"
  done
}
# all_day_collection FILE: the collection file FILE (the shipped default) with a contact
# policy that allows contacts all day on every day, so that a day's messages are due
# whenever a test runs; on standard output.
all_day_collection() {
  sed -e 's/^quiet_hours = .*/quiet_hours = { from = "00:00", to = "24:00" }/' \
      -e 's/^quiet_hours_sms = .*/quiet_hours_sms = { from = "00:00", to = "24:00" }/' \
      -e 's/^no_contact_on_sundays = true/no_contact_on_sundays = false/' \
      -e 's/^no_contact_on_public_holidays = true/no_contact_on_public_holidays = false/' "$1"
}
# collection_day KULANZ CUSTOMERS_CSV INVOICES_CSV DAY: creditor swb with a complete
# profile and the shipped collection file with the all-day policy, the customers and
# invoices imported, and the run of DAY (KULANZ_DB as the caller set it).
collection_day() {
  local kulanz="$1" customers="$2" invoices="$3" day="$4"
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  "$kulanz" creditor create --code swb --name "Stadtwerke Beispiel" >/dev/null 2>&1
  "$kulanz" creditor profile --creditor swb --legal-name "Stadtwerke Beispiel GmbH" --street "Hauptstraße 1" \
    --postal-code 80331 --city München --iban DE89370400440532013000 --bic COBADEFFXXX \
    --email forderungen@stadtwerke.example >/dev/null || { echo "creditor profile failed" >&2; return 1; }
  all_day_collection "$here/../../data/collection/default.toml" >all-day.toml
  "$kulanz" strategy load all-day.toml --creditor swb >/dev/null || { echo "strategy load failed" >&2; return 1; }
  "$kulanz" import customers "$customers" --creditor swb >/dev/null || { echo "import customers failed" >&2; return 1; }
  "$kulanz" import invoices "$invoices" --creditor swb >/dev/null || { echo "import invoices failed" >&2; return 1; }
  "$kulanz" run --as-of "$day" --creditor swb >/dev/null || { echo "run $day failed" >&2; return 1; }
}
