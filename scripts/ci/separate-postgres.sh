#!/usr/bin/env bash
# Runs the server tests (SQL, import, API) against a separate PostgreSQL, Debian's package, the way a
# deployment with DATABASE_URL runs: a throw-away cluster on a free loopback port, removed afterwards.
# Usage: scripts/ci/separate-postgres.sh [vitest arguments]
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "No PostgreSQL server package found under /usr/lib/postgresql (Debian: apt-get install postgresql)." >&2
  exit 1
fi

dir=$(mktemp -d /tmp/ehps-separate-pg.XXXXXX)
chmod 755 "$dir"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: the package's postgres user owns the cluster.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
echo "Separate PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

EHPS_TEST_ADMIN_URL="postgres://postgres@127.0.0.1:$port/postgres" npx vitest run --project server "$@"
