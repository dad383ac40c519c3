#!/usr/bin/env bash
# Usage: cli_test.sh PATH/TO/kulanz
set -euo pipefail
kulanz="$1"
work="$(mktemp -d "${TMPDIR:-/tmp}/kulanz-cli-XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset KULANZ_DB KULANZ_CONFIG KULANZ_LISTEN KULANZ_THREADS KULANZ_LOG_LEVEL KULANZ_PUBLIC_URL
fail() { echo "FAIL: $*" >&2; exit 1; }

# --help on the program and on every command and subcommand.
for cmd in "" serve migrate creditor "creditor create" "creditor list" import export apikey "apikey create" \
           "apikey list" "apikey revoke" user "user create" "user list" demo "creditor profile" "creditor show" \
           portal-link escalations "escalations list" "escalations export" letter letters email sms templates "templates list" "templates set" \
           mandates "mandates list" "mandates export"; do
  # shellcheck disable=SC2086
  out="$("$kulanz" $cmd --help)" || fail "kulanz $cmd --help exits non-zero"
  grep -q "Usage:" <<<"$out" || fail "kulanz $cmd --help prints no usage"
done

# Default database: sqlite:kulanz.db in the working directory.
"$kulanz" migrate >/dev/null
[[ -f kulanz.db ]] || fail "the default database sqlite:kulanz.db was not created"
"$kulanz" migrate | grep -q "schema is up to date" || fail "a second migrate is not a no-op"

# Every command applies pending migrations when it opens a database (serve included).
"$kulanz" --db sqlite:fresh.db creditor create --code f --name "Frisch GmbH" >/dev/null 2>err.txt || fail "creditor create on a fresh database: $(cat err.txt)"
grep -q "applied migration 1" err.txt || fail "no migration reported on a fresh database: $(cat err.txt)"
"$kulanz" --db sqlite:fresh.db creditor list >/dev/null 2>err.txt
[[ ! -s err.txt ]] || fail "migrations reported again: $(cat err.txt)"
"$kulanz" --db sqlite:served.db serve --listen 127.0.0.1:0 >serve.out 2>serve.err &
serve_pid=$!
for _ in $(seq 1 100); do grep -q "kulanz is serving" serve.out && break; sleep 0.1; done
kill "$serve_pid"; wait "$serve_pid" || true
grep -q "kulanz is serving" serve.out || fail "serve on a fresh database did not start: $(cat serve.err)"

# TOML file < environment < flag.
cat >k.toml <<'TOML'
[database]
url = "sqlite:from-file.db"
[server]
threads = 2
TOML
"$kulanz" --config k.toml migrate >/dev/null
[[ -f from-file.db ]] || fail "[database] url of the config file was not used"
KULANZ_CONFIG=k.toml "$kulanz" creditor create --code a --name A >/dev/null
"$kulanz" --db sqlite:from-file.db creditor list | grep -qP "^\\d+\ta\t" || fail "KULANZ_CONFIG was not used"
KULANZ_DB=sqlite:from-env.db "$kulanz" --config k.toml migrate >/dev/null
[[ -f from-env.db ]] || fail "KULANZ_DB does not beat the config file"
KULANZ_DB=sqlite:from-env.db "$kulanz" --config k.toml --db sqlite:from-flag.db migrate >/dev/null
[[ -f from-flag.db ]] || fail "--db does not beat KULANZ_DB"

# Bad configuration: the file, the line and the key are named; nothing runs.
printf '[database]\nurl = "sqlite:x.db"\n[databse]\nurl = "y"\n' >typo.toml
if "$kulanz" --config typo.toml migrate >/dev/null 2>err.txt; then fail "an unknown section was accepted"; fi
grep -q "typo.toml:3" err.txt && grep -q "databse" err.txt || fail "unknown section error: $(cat err.txt)"
[[ ! -f x.db ]] || fail "a command ran despite a bad configuration"
printf '[server]\nthreads = "many"\n' >type.toml
if "$kulanz" --config type.toml migrate >/dev/null 2>err.txt; then fail "a wrongly typed key was accepted"; fi
grep -q "type.toml:2" err.txt && grep -q "threads" err.txt || fail "wrong type error: $(cat err.txt)"
printf '[server\nthreads = 2\n' >syntax.toml
if "$kulanz" --config syntax.toml migrate >/dev/null 2>err.txt; then fail "a syntax error was accepted"; fi
grep -q "syntax.toml:1" err.txt || fail "syntax error without line: $(cat err.txt)"
# A payment provider key without the signing secret of its events could take money it never books.
printf '[payments]\nsecret_key = "sk_test_x"\n' >pay.toml
if "$kulanz" --config pay.toml migrate >/dev/null 2>err.txt; then fail "a provider key without webhook_secret was accepted"; fi
grep -q "webhook_secret is required" err.txt || fail "payments error: $(cat err.txt)"
printf '[payments]\nprovider_url = "ftp://x"\n' >pay2.toml
if "$kulanz" --config pay2.toml migrate >/dev/null 2>err.txt; then fail "an ftp provider address was accepted"; fi
grep -q "provider_url must start with https://" err.txt || fail "provider_url error: $(cat err.txt)"
printf '[web]\nsession_ttl_seconds = 5\n' >ttl.toml
if "$kulanz" --config ttl.toml migrate >/dev/null 2>err.txt; then fail "a 5 s session lifetime was accepted"; fi
grep -q "session_ttl_seconds must be between 60" err.txt || fail "session ttl error: $(cat err.txt)"
printf '[web]\nsession_ttl_seconds = 3600\nlogin_max_failures_per_email = 3\n' >web.toml
"$kulanz" --config web.toml --db sqlite:web.db migrate >/dev/null || fail "a valid [web] section was refused"
if "$kulanz" --config missing.toml migrate >/dev/null 2>err.txt; then fail "a missing config file was accepted"; fi
grep -q "not found" err.txt || fail "missing file error: $(cat err.txt)"
if KULANZ_THREADS=lots "$kulanz" migrate >/dev/null 2>err.txt; then fail "KULANZ_THREADS=lots was accepted"; fi
grep -q "KULANZ_THREADS" err.txt || fail "KULANZ_THREADS error: $(cat err.txt)"

# Bad database address: says which forms are expected.
if "$kulanz" --db mysql://x migrate >/dev/null 2>err.txt; then fail "mysql:// was accepted"; fi
grep -q "sqlite:" err.txt && grep -q "postgresql://" err.txt || fail "bad URL error: $(cat err.txt)"
if "$kulanz" --db sqlite:/nonexistent-dir/k.db migrate >/dev/null 2>err.txt; then fail "an unopenable database was accepted"; fi
[[ -s err.txt ]] || fail "no message for an unopenable database"

# Unknown creditor: a clear message, non-zero exit.
if "$kulanz" export invoices --creditor nobody >/dev/null 2>err.txt; then fail "export for an unknown creditor succeeded"; fi
grep -qi "nobody" err.txt || fail "unknown creditor error: $(cat err.txt)"
echo "cli ok"
