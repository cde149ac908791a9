#!/usr/bin/env bash
# Lane: Elasticsearch 8.19 (Maven Central's integ-test zip, .ci/elasticsearch.sh): the
# OpenSearch lane's search tests, resilience included, against SEARCH_BACKEND=elasticsearch
# (search.backends.elasticsearch: the Python analysis chain, the whitespace analyzer).
#
#   REQUIRE_SERVICES=engine bash .ci/es-lane.sh    (called by .ci/run; runnable on its own)
set -euo pipefail
SEARCH_ENGINE=elasticsearch exec bash "$(dirname "$0")/engine-lane.sh" "$@"
