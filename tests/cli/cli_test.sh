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
           "apikey list" "apikey revoke" user "user create" "user list" demo; do
  # shellcheck disable=SC2086
  out="$("$kulanz" $cmd --help)" || fail "kulanz $cmd --help exits non-zero"
  grep -q "Usage:" <<<"$out" || fail "kulanz $cmd --help prints no usage"
done

# Default database: sqlite:kulanz.db in the working directory.
"$kulanz" migrate >/dev/null
[[ -f kulanz.db ]] || fail "the default database sqlite:kulanz.db was not created"
"$kulanz" migrate | grep -q "schema is up to date" || fail "a second migrate is not a no-op"

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
