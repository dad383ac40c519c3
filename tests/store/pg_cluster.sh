#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 cluster for the storage conformance suite.
#
#   pg_cluster.sh start DIR   initdb + pg_ctl start on a free loopback port; writes the
#                             connection URL to DIR/url
#   pg_cluster.sh stop DIR    stops the cluster and deletes its data directory
#
# The data directory lives under /tmp (owned by the postgres system user, because initdb
# refuses to run as root). Authentication is "trust" and the server listens on 127.0.0.1
# only; durability settings are off, since the data is thrown away.
set -euo pipefail

usage="usage: pg_cluster.sh start|stop DIR"
cmd=${1:?$usage}
dir=${2:?$usage}
bin=${KULANZ_PG_BIN:-/usr/lib/postgresql/15/bin}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
  [ -f "$dir/datadir" ] || return 0
  local data
  data=$(cat "$dir/datadir")
  case "$data" in
    /tmp/kulanz-pg.*) ;;
    *) echo "pg_cluster.sh: refusing to remove unexpected directory '$data'" >&2; return 1 ;;
  esac
  if [ -f "$data/db/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" stop -D "$data/db" -m fast -w -t 30 >/dev/null || true
  fi
  rm -rf "$data"
  rm -f "$dir/datadir" "$dir/url"
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    stop_cluster  # a leftover of an interrupted run
    if [ ! -x "$bin/initdb" ]; then
      echo "pg_cluster.sh: $bin/initdb not found: install PostgreSQL 15 (apt-get install postgresql-15)" >&2
      exit 1
    fi
    data=$(mktemp -d /tmp/kulanz-pg.XXXXXX)
    echo "$data" >"$dir/datadir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data"; fi
    if ! as_postgres "$bin/initdb" -D "$data/db" -U postgres -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
      echo "pg_cluster.sh: initdb failed:" >&2
      cat "$dir/initdb.log" >&2
      stop_cluster
      exit 1
    fi
    for attempt in $(seq 1 20); do
      port=$((20000 + RANDOM % 40000))
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi  # in use
      if as_postgres "$bin/pg_ctl" start -D "$data/db" -l "$data/server.log" -w -t 60 \
          -o "-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
          >/dev/null; then
        echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
        echo "PostgreSQL 15 test cluster on 127.0.0.1:$port (data in $data)"
        exit 0
      fi
      if ! grep -q "could not bind\|Address already in use" "$data/server.log" 2>/dev/null; then break; fi
      echo "port $port taken, attempt $attempt" >&2
    done
    echo "pg_cluster.sh: PostgreSQL did not start:" >&2
    cat "$data/server.log" >&2 2>/dev/null || true
    stop_cluster
    exit 1
    ;;
  stop)
    stop_cluster
    echo "PostgreSQL test cluster stopped"
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac
