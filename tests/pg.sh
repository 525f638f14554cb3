#!/usr/bin/env bash
# Runs the workshop server's tests against a throwaway PostgreSQL cluster:
# initdb in a temporary folder as the `postgres` user, start on a free port,
# `cargo test -p domino-server` with DOMINO_TEST_POSTGRES set, then stop the
# cluster and remove the folder, also when the tests fail.
# Needs Debian's postgresql (15 or later) and root (to run as `postgres`).
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "tests/pg.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
fi
port=${DOMINO_PG_PORT:-55433}
dir=$(mktemp -d /tmp/domino-pg.XXXXXX)
chown postgres "$dir"

stop() {
    su postgres -c "$bin/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

su postgres -c "$bin/initdb -D $dir/data -A trust -U domino" >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
su postgres -c "$bin/pg_ctl -D $dir/data -o '-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off' -l $dir/log -w start" >/dev/null \
    || { cat "$dir/log" >&2; exit 1; }

cd "$(dirname "$0")/.."
DOMINO_TEST_POSTGRES="postgres://domino@127.0.0.1:$port/postgres" nice cargo test -p domino-server "$@"
