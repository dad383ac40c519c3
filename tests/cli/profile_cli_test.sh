#!/usr/bin/env bash
# Usage: profile_cli_test.sh PATH/TO/kulanz
# `kulanz creditor profile|show` (only the options given change; IBAN, BIC, colour and logo
# checked; nothing saved on a bad value) and `kulanz portal-link` (stable link, revocation,
# [portal] secret, unknown and ambiguous customers).
set -euo pipefail
kulanz="$1"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-profile-XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LOG_LEVEL KULANZ_PUBLIC_URL KULANZ_PORTAL_SECRET
export KULANZ_DB="sqlite:$work/k.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$kulanz" creditor create --code swb --name "Stadtwerke Beispiel" >/dev/null 2>&1
"$kulanz" creditor create --code other --name "Andere GmbH" >/dev/null
"$kulanz" creditor show --creditor swb | grep -q "^profile	none" || fail "a new creditor has no profile"

"$kulanz" creditor profile --creditor swb --legal-name "Stadtwerke Beispiel GmbH" --street "Hauptstraße 1" \
  --postal-code 80331 --city München --iban "de89 3704 0044 0532 0130 00" --bic cobadeffxxx \
  --register "Amtsgericht München, HRB 12345" >out.txt || fail "profile: $(cat out.txt)"
"$kulanz" creditor show --creditor swb >show.txt
grep -q "^iban	DE89 3704 0044 0532 0130 00$" show.txt || fail "IBAN normalised and shown in groups: $(cat show.txt)"
grep -q "^bic	COBADEFFXXX$" show.txt || fail "BIC normalised: $(cat show.txt)"
grep -q "^city	München$" show.txt || fail "city: $(cat show.txt)"
grep -q "^logo	none$" show.txt || fail "logo: $(cat show.txt)"

# Only the options given change.
"$kulanz" creditor profile --creditor swb --phone "+49 89 123456" >/dev/null
"$kulanz" creditor show --creditor swb | grep -q "^street	Hauptstraße 1$" || fail "an option not given was changed"

# Bad values: a clear message naming the option; nothing is saved.
if "$kulanz" creditor profile --creditor swb --iban DE89370400440532013001 --city Augsburg 2>err.txt; then
  fail "a wrong IBAN was accepted"
fi
grep -q "^kulanz creditor profile: --iban: " err.txt || fail "IBAN error: $(cat err.txt)"
"$kulanz" creditor show --creditor swb | grep -q "^city	München$" || fail "a refused change saved other fields"
if "$kulanz" creditor profile --creditor swb --brand-color blue 2>err.txt; then fail "a bad colour was accepted"; fi
grep -q "brand-color" err.txt || fail "colour error: $(cat err.txt)"
printf 'GIF89a not a png' >logo.gif
if "$kulanz" creditor profile --creditor swb --logo logo.gif 2>err.txt; then fail "a GIF was accepted as logo"; fi
grep -q "not a PNG image" err.txt || fail "logo error: $(cat err.txt)"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\10\6\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\x04\0\x09\xfb\x03\xfd\xe3U\xf2\x9c\0\0\0\0IEND\xaeB`\x82' >logo.png
"$kulanz" creditor profile --creditor swb --logo logo.png >/dev/null || fail "a PNG logo was refused"
"$kulanz" creditor show --creditor swb | grep -q "^logo	PNG, $(stat -c %s logo.png) bytes$" || fail "logo size not shown"

# Portal links.
cat >customers.csv <<'CSV'
Kundennummer;Name;Typ;E-Mail;email_consent;Bundesland;PLZ;Ort;Straße
K-1;Erika Müller;consumer;erika@example.org;ja;BY;80331;München;Marienplatz 1
K-2;Max Muster;consumer;max@example.org;ja;BY;80331;München;Marienplatz 2
CSV
"$kulanz" import customers customers.csv --creditor swb >/dev/null 2>&1 || fail "import"
export KULANZ_PUBLIC_URL=https://forderungen.example.de
link=$("$kulanz" portal-link --customer K-1) || fail "portal-link"
[[ "$link" =~ ^https://forderungen\.example\.de/p/[A-Za-z0-9_-]{22}$ ]] || fail "link format: $link"
[[ $("$kulanz" portal-link --customer K-1 --creditor swb) == "$link" ]] || fail "the link is not stable"
[[ $("$kulanz" portal-link --customer K-2) != "$link" ]] || fail "two customers share a link"
sqlite3 "$work/k.db" "SELECT count(*) FROM portal_links WHERE token_sha256 LIKE '%${link##*/}%'" | grep -qx 0 \
  || fail "the token itself is stored"
new=$("$kulanz" portal-link --customer K-1 --revoke 2>err.txt) || fail "revoke"
grep -q "no longer works" err.txt || fail "revoke message: $(cat err.txt)"
[[ "$new" != "$link" && $("$kulanz" portal-link --customer K-1) == "$new" ]] || fail "revocation did not issue a new link"
# Another secret cannot serve the old links; the message says what to do.
if KULANZ_PORTAL_SECRET=0123456789abcdef0123456789abcdef-x "$kulanz" portal-link --customer K-1 >/dev/null 2>err.txt; then
  fail "a link was printed with another secret"
fi
grep -q "revoke the link" err.txt || fail "secret mismatch: $(cat err.txt)"
if KULANZ_PORTAL_SECRET=short "$kulanz" portal-link --customer K-1 >/dev/null 2>err.txt; then fail "a short secret was accepted"; fi
grep -q "at least 32 characters" err.txt || fail "short secret: $(cat err.txt)"
if "$kulanz" portal-link --customer K-404 >/dev/null 2>err.txt; then fail "an unknown customer got a link"; fi
grep -q "no customer 'K-404'" err.txt || fail "unknown customer: $(cat err.txt)"
"$kulanz" import customers customers.csv --creditor other >/dev/null 2>&1
if "$kulanz" portal-link --customer K-1 >/dev/null 2>err.txt; then fail "an ambiguous customer got a link"; fi
grep -q "several creditors (swb, other)" err.txt || fail "ambiguous customer: $(cat err.txt)"
echo "profile/portal-link CLI: ok"
