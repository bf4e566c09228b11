#!/bin/sh
# Runs a command against a throw-away PostgreSQL cluster, then removes it:
#   scripts/pg-test.sh COMMAND [ARGS...]
# The cluster lives in a temporary folder, listens only on 127.0.0.1 on a free
# port (and on a Unix socket inside that folder), trusts local connections and
# syncs nothing to disk (it is thrown away). COMMAND sees
#   PORTICO_TEST_PG    postgresql://portico@127.0.0.1:PORT  (no database name)
#   PORTICO_TEST_PSQL  the psql of that PostgreSQL version
# and tests/e2e/lib/server.mjs then gives every test server a fresh database.
# The cluster is stopped and removed however COMMAND ends. Exit status: COMMAND's.
# As root, the cluster runs as the `postgres` user (PostgreSQL refuses root).
set -u
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "pg-test: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi

# As root the cluster's user must reach the folder: /tmp, whatever TMPDIR says.
base=${TMPDIR:-/tmp}; [ "$(id -u)" -eq 0 ] && base=/tmp
dir=$(mktemp -d "$base/portico-pg.XXXXXX") || exit 1
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || { owner=portico-test; id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home "$owner"; }
  chown "$owner" "$dir"
  as_owner() { runuser -u "$owner" -- "$@"; }
fi

started=""
cleanup() {
  [ -n "$started" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

if ! as_owner "$PGBIN/initdb" -D "$dir/data" -U portico --auth=trust --encoding=UTF8 --locale=C -N >"$dir/initdb.log" 2>&1; then
  echo "pg-test: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1
fi

# Another process may take the port between free_port and the start: try a few.
for attempt in 1 2 3 4 5; do
  port=$(free_port) || exit 1
  if as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB" \
      start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  echo "pg-test: the PostgreSQL cluster did not start:" >&2; tail -n 20 "$dir/server.log" >&2; exit 1
fi

export PORTICO_TEST_PG="postgresql://portico@127.0.0.1:$port"
export PORTICO_TEST_PSQL="$PGBIN/psql"
echo "pg-test: PostgreSQL $("$PGBIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$port ($dir)"
"$@"
rc=$?
exit $rc
