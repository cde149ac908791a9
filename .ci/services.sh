#!/usr/bin/env bash
# `make services`: start (or stop) the optional services on this machine and print
# the environment variables that point the site and the tests at them:
#
#   eval "$(make -s services)"    PostgreSQL (DATABASE_URL) and OpenSearch
#                                 (SEARCH_BACKEND=opensearch SEARCH_URL=…)
#   eval "$(SEARCH_ENGINE=elasticsearch make -s services)"
#                                 the same with Elasticsearch
#                                 (SEARCH_BACKEND=elasticsearch SEARCH_URL=…)
#   make services-stop            stops both (and deletes their data; give the
#                                 same SEARCH_ENGINE)
#
# PG_PORT and SEARCH_PORT pick other ports (see .ci/postgres.sh, .ci/search-engine.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export SEARCH_ENGINE="${SEARCH_ENGINE:-opensearch}"
case "${1:-start}" in
  start)
    database_url="$(bash .ci/postgres.sh start)"
    search_url="$(bash .ci/search-engine.sh start)"
    echo "export DATABASE_URL=${database_url}"
    echo "export SEARCH_BACKEND=${SEARCH_ENGINE} SEARCH_URL=${search_url}"
    ;;
  stop)
    status=0
    bash .ci/postgres.sh stop || status=$?
    bash .ci/search-engine.sh stop || status=$?
    exit "$status"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
