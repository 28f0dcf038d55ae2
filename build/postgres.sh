#!/usr/bin/env bash
# A throwaway PostgreSQL cluster under /tmp for tests and benchmarks. Source it, then:
#   postgres_start   # sets POSTGRES_URL (Npgsql connection string), POSTGRES_PORT, POSTGRES_DIR
#   postgres_stop
#   postgres_halt / postgres_resume  # stop the server and start it again on the same data and port (outage tests;
#                                    # need POSTGRES_DIR, POSTGRES_PORT and POSTGRES_BIN from postgres_start)
# Installs Debian's postgresql package when no server binaries are present.

# shellcheck source=build/free-port.sh
source "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "PostgreSQL server binaries are missing; install Debian's postgresql package" >&2
      return 1
    fi
    echo "Installing PostgreSQL from Debian's packages..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$dir"
}

as_postgres_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
  local bin
  bin=$(postgres_bin) || return 1
  POSTGRES_DIR=$(mktemp -d /tmp/tracker-pg.XXXXXX)
  POSTGRES_PORT=${POSTGRES_PORT:-$(free_port)} || return 1
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$POSTGRES_DIR" postgres
    chown postgres "$POSTGRES_DIR"
  fi
  as_postgres_owner "$bin/initdb" -D "$POSTGRES_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$POSTGRES_DIR/initdb.log" >&2; return 1; }
  # Throwaway data: durability settings off for speed, enough connections for parallel test hosts.
  POSTGRES_BIN=$bin
  postgres_resume || return 1
  POSTGRES_URL="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Password=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
  export POSTGRES_URL POSTGRES_PORT POSTGRES_DIR POSTGRES_BIN
  echo "PostgreSQL ($(basename "$(dirname "$bin")")) running on port $POSTGRES_PORT" >&2
}

postgres_resume() {
  as_postgres_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w -t 60 start \
    -o "-p $POSTGRES_PORT -k $POSTGRES_DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${POSTGRES_EXTRA_OPTIONS:-}" >/dev/null \
    || { cat "$POSTGRES_DIR/server.log" >&2; return 1; }
}

postgres_halt() {
  as_postgres_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -m fast -w -t 60 stop >/dev/null
}

postgres_stop() {
  if [ -n "${POSTGRES_DIR:-}" ] && [ -d "$POSTGRES_DIR/data" ]; then
    as_postgres_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$POSTGRES_DIR"
  fi
}
