#!/usr/bin/env bash
# `make services`: start (or stop) the optional services on this machine and print
# the environment variables that point the site and the tests at them.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-start}" in
  start)
    echo "export DATABASE_URL=$(bash .ci/postgres.sh start)"
    ;;
  stop)
    bash .ci/postgres.sh stop
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
