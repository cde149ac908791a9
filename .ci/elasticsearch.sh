#!/usr/bin/env bash
# Throwaway single-node Elasticsearch 8.19 (Maven Central's integ-test zip) for the
# Elasticsearch lane and local tries: .ci/search-engine.sh with SEARCH_ENGINE=elasticsearch.
#
#   .ci/elasticsearch.sh start|stop|url|status    (default port 9202, see search-engine.sh)
set -euo pipefail
SEARCH_ENGINE=elasticsearch exec bash "$(dirname "$0")/search-engine.sh" "$@"
