# Sourced by the dispatch tests and bench/email.sh: starts the real SMTP server of the
# channel tests (tests/channels/smtp_sink.py, aiosmtpd from Debian) on a free loopback
# port, and writes a collection file whose policy allows contacts all day, every day.
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
