#!/usr/bin/env bash
# End to end: `kulanz apikey create` prints a key once, and `kulanz serve` accepts it for
# its creditor only. Usage: apikey_cli_test.sh PATH/TO/kulanz
set -euo pipefail
kulanz="$1"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-apikey-XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

db="sqlite:$work/k.db"
"$kulanz" --db "$db" migrate >/dev/null
"$kulanz" --db "$db" creditor create --code alpha --name "Alpha GmbH" >/dev/null
"$kulanz" --db "$db" creditor create --code beta --name "Beta AG" >/dev/null

key="$("$kulanz" --db "$db" apikey create --creditor alpha --label erp 2>"$work/stderr")"
[[ "$key" =~ ^kz_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}$ ]] || fail "key has an unexpected shape: '$key'"
prefix="${key:3:8}"
grep -q "kz_${prefix}_" "$work/stderr" || fail "stderr does not name the key's prefix: $(cat "$work/stderr")"
grep -q "cannot be shown again" "$work/stderr" || fail "stderr does not warn that the key is shown once"
beta_key="$("$kulanz" --db "$db" apikey create --creditor beta 2>/dev/null)"
[[ "$beta_key" != "$key" ]] || fail "two keys are equal"

if "$kulanz" --db "$db" apikey create --creditor nobody >/dev/null 2>&1; then fail "a key for an unknown creditor was created"; fi

# The key is stored only as its hash.
if command -v sqlite3 >/dev/null; then
  if sqlite3 "$work/k.db" .dump | grep -q -- "${key:12}"; then fail "the key's secret is stored in clear"; fi
fi

"$kulanz" --db "$db" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(sed -n 's|^kulanz is serving .* on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$work/serve.out")"
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || fail "the server did not start: $(cat "$work/serve.out" "$work/serve.err")"
api="http://127.0.0.1:$port/api/v1"

status() { curl -s -o "$work/body" -w '%{http_code}' "$@"; }
[[ "$(status -X PUT "$api/customers/K-1" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d '{"name": "Kunde Eins"}')" == 201 ]] || fail "PUT with alpha's key: $(cat "$work/body")"
[[ "$(status "$api/customers/K-1" -H "Authorization: Bearer $key")" == 200 ]] || fail "GET with alpha's key"
grep -q '"name":"Kunde Eins"' "$work/body" || fail "GET returned $(cat "$work/body")"
[[ "$(status "$api/customers/K-1" -H "Authorization: Bearer $beta_key")" == 404 ]] || fail "beta's key sees alpha's customer"
[[ "$(status "$api/customers/K-1" -H "Authorization: Bearer ${key}x")" == 401 ]] || fail "an altered key was accepted"
[[ "$(status "$api/customers/K-1")" == 401 ]] || fail "a request without key was accepted"
grep -q '"code":5001' "$work/body" || fail "401 without problem code: $(cat "$work/body")"
[[ "$(status "$api/openapi.json")" == 200 ]] || fail "openapi.json is not served"

# list shows the prefix and label, never the secret; revoke takes effect at once.
"$kulanz" --db "$db" apikey list --creditor alpha >"$work/list"
grep -q "^${prefix}	erp	.*	active$" "$work/list" || fail "apikey list: $(cat "$work/list")"
if grep -q -- "${key:12}" "$work/list"; then fail "apikey list shows the secret"; fi
if "$kulanz" --db "$db" apikey revoke --creditor beta "$prefix" >/dev/null 2>"$work/revoke.err"; then
  fail "beta revoked alpha's key"
fi
grep -q "has no API key with prefix" "$work/revoke.err" || fail "revoke error: $(cat "$work/revoke.err")"
[[ "$(status "$api/customers/K-1" -H "Authorization: Bearer $key")" == 200 ]] || fail "key stopped working after a foreign revoke"
"$kulanz" --db "$db" apikey revoke --creditor alpha "$key" >/dev/null || fail "revoke by the whole key"
"$kulanz" --db "$db" apikey list --creditor alpha | grep -q "^${prefix}	erp	.*	revoked$" || fail "list does not show the revocation"
[[ "$(status "$api/customers/K-1" -H "Authorization: Bearer $key")" == 401 ]] || fail "a revoked key still works"
[[ "$(status "$api/customers/K-1" -H "Authorization: Bearer $beta_key")" == 404 ]] || fail "beta's key stopped working"
echo "apikey CLI and API agree (port $port)"
