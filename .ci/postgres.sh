#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for the PostgreSQL test lane (and local tries).
#
#   .ci/postgres.sh start   install Debian's postgresql if missing, init a cluster in a
#                           temp folder, start it on 127.0.0.1:$PG_PORT; prints DATABASE_URL
#   .ci/postgres.sh stop    stop it and delete its data
#   .ci/postgres.sh url     print the DATABASE_URL
#
# The cluster is ours alone (not the Debian service): loopback only, its own port, data
# in a temporary folder, so CI runs never collide with a system database.
set -euo pipefail

readonly PG_PORT="${PG_PORT:-54329}"
readonly PG_VERSION="${PG_VERSION:-15}"
readonly STATE_DIR="${PASSERELLE_CACHE:-$HOME/.cache/passerelle}/run"
readonly STATE_FILE="${STATE_DIR}/postgres-${PG_PORT}.datadir"
readonly URL="postgres://passerelle:passerelle@127.0.0.1:${PG_PORT}/passerelle"

bin_dir() { echo "/usr/lib/postgresql/${PG_VERSION}/bin"; }

install_if_missing() {
  if [ ! -x "$(bin_dir)/initdb" ]; then
    echo "Installing Debian's postgresql-${PG_VERSION}…" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-${PG_VERSION}" >&2
  fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

running() {
  [ -f "$STATE_FILE" ] && as_postgres "$(bin_dir)/pg_ctl status -D '$(cat "$STATE_FILE")'" >/dev/null 2>&1
}

start() {
  if running; then
    echo "$URL"
    return
  fi
  install_if_missing
  mkdir -p "$STATE_DIR"
  local data_dir
  data_dir="$(mktemp -d /tmp/passerelle-pg.XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres: "$data_dir"
  as_postgres "$(bin_dir)/initdb -D '$data_dir' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  as_postgres "$(bin_dir)/pg_ctl -D '$data_dir' -l '$data_dir/server.log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$data_dir' -c fsync=off \
    -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null || {
      tail -n 30 "$data_dir/server.log" >&2
      exit 1
    }
  echo "$data_dir" >"$STATE_FILE"
  as_postgres "$(bin_dir)/psql -h 127.0.0.1 -p $PG_PORT -U postgres -q -c \
    \"CREATE ROLE passerelle LOGIN SUPERUSER PASSWORD 'passerelle'\" \
    -c 'CREATE DATABASE passerelle OWNER passerelle'" >/dev/null
  echo "$URL"
}

stop() {
  if [ -f "$STATE_FILE" ]; then
    local data_dir
    data_dir="$(cat "$STATE_FILE")"
    as_postgres "$(bin_dir)/pg_ctl -D '$data_dir' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$data_dir" "$STATE_FILE"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
