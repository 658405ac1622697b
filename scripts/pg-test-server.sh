#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS for the tests, on 127.0.0.1 at a free port, in a
# temporary folder.   start: prints `export PGTEST_URI=…; export PGTEST_DIR=…` to eval.
#                     stop DIR: stops the server and removes the folder.
# Runs the server as the `postgres` user when started as root (initdb refuses root).
set -euo pipefail
cmd="${1:-start}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg-test-server: no PostgreSQL server binaries (apt-get install postgresql postgresql-postgis)" >&2
  exit 1
fi
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    dir=$(mktemp -d /tmp/langson-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    # Over TCP the password is checked (the tests try a wrong one); the socket in the
    # folder is trusted, for this script.
    echo "atlas-test" > "$dir/pw"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pw"
    as_pg "$bin/initdb" -D "$dir/data" -U atlas --pwfile="$dir/pw" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    # In the configuration, so that a test that stops and starts the server gets it back
    # where it was.
    as_pg tee -a "$dir/data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
CONF
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start >/dev/null
    as_pg "$bin/createdb" -h "$dir" -p "$port" -U atlas atlas
    as_pg "$bin/psql" -q -h "$dir" -p "$port" -U atlas -d atlas -c "CREATE EXTENSION postgis" >/dev/null
    as_pg "$bin/createdb" -h "$dir" -p "$port" -U atlas plain
    echo "export PGTEST_URI='postgresql://atlas:atlas-test@127.0.0.1:$port/atlas'"
    echo "export PGTEST_DIR='$dir'"
    echo "export PGTEST_BIN='$bin'"
    ;;
  stop)
    dir="${2:?stop needs the folder start printed}"
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
