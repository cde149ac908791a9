#!/usr/bin/env bash
# Lane: search engine (OpenSearch or Elasticsearch from Maven Central, see
# .ci/search-engine.sh).
#
#   bash .ci/engine-lane.sh        OpenSearch (called by .ci/run; runnable on its own)
#   bash .ci/es-lane.sh            the same with SEARCH_ENGINE=elasticsearch
#
# Starts a throwaway node of SEARCH_ENGINE (default opensearch), points the tests at it
# (SEARCH_BACKEND=<that engine>, SEARCH_URL=<its URL>) and runs the README's test
# command on the search test files without xdist (the engine tests share one node; their index names carry the pid):
# the engine's own tests, and the search page / API / facets / hostile-input tests,
# which then search through the engine (tests/conftest.py's engine_page_index
# empties the page index before each test and refreshes it before each search).
# The node is stopped on exit — unless it was already running before this script, in
# which case it is left as it was found. REQUIRE_SERVICES defaults to 1 here: this lane
# exists to run the engine tests, so an engine that does not answer is a failure.
# SEARCH_PORT (default 9201, Elasticsearch 9202) picks another port if that one is taken.
set -euo pipefail
cd "$(dirname "$0")/.."
export REQUIRE_SERVICES="${REQUIRE_SERVICES:-1}"
export SEARCH_ENGINE="${SEARCH_ENGINE:-opensearch}"
lane_started=$(date +%s)

engine=.ci/search-engine.sh
stop_on_exit=1
if bash "$engine" status 2>/dev/null; then
  stop_on_exit=0
fi
cleanup() {
  local status=$?
  if [[ $stop_on_exit == 1 ]]; then
    bash "$engine" stop || true
  fi
  printf '%s lane: %ss, exit %s\n' "$SEARCH_ENGINE" \
    "$(( $(date +%s) - lane_started ))" "$status" >&2
}
trap cleanup EXIT

SEARCH_URL="$(bash "$engine" start)"
export SEARCH_BACKEND="$SEARCH_ENGINE" SEARCH_URL
printf '%s lane: node at %s (%ss)\n' "$SEARCH_ENGINE" "$SEARCH_URL" \
  "$(( $(date +%s) - lane_started ))" >&2

files=()
# test_search_backends.py tests the database backends' own query building; the
# engine's counterpart (cases, autocomplete, locale) is test_search_engine.py.
for file in tests/test_search_engine.py tests/test_search_resilience.py \
  tests/test_search_healing.py \
  tests/test_search_indexing.py \
  tests/test_search_page.py tests/test_search_api.py tests/test_search_facets.py \
  tests/test_search_hostile.py tests/test_private_content.py \
  tests/test_search_ranking.py tests/test_search_bridge.py; do
  if [[ -f "$file" ]]; then
    files+=("$file")
  fi
done

make test PYTEST_ARGS="-p no:xdist ${files[*]}"
