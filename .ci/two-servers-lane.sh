#!/usr/bin/env bash
# Lane: two app servers (issue #12, part 6; tests/test_two_servers.py).
#
#   DATABASE_URL=postgres://… REDIS_URL=redis://… bash .ci/two-servers-lane.sh
#
# Called by .ci/run after the PostgreSQL lane, with its PostgreSQL cluster and Redis:
# the test creates a database of its own there, builds the demo, starts two gunicorn
# servers with production settings (ports TWO_SERVERS_PORTS, default 8101,8102) and
# checks in Chromium that what is done on one is seen on the other. When the S3 peer
# exists (.ci/s3.sh), media go through it (MEDIA_S3_*, one bucket): several servers
# share media that way in production. REQUIRE_SERVICES: PostgreSQL, Redis and
# Chromium missing is a failure, never a skip. Every process started here is stopped
# on exit: the servers by the test (also on SIGTERM), moto by the trap below.
set -euo pipefail
cd "$(dirname "$0")/.."
lane_started=$(date +%s)
export REQUIRE_SERVICES="${REQUIRE_SERVICES:-browser,postgres,redis}"
export S3_PORT="${TWO_SERVERS_S3_PORT:-5392}"

s3_started=0
cleanup() {
  local status=$?
  if [[ $s3_started == 1 ]]; then
    bash .ci/s3.sh stop || true
  fi
  printf 'two-servers lane: %ss, exit %s\n' "$(( $(date +%s) - lane_started ))" "$status" >&2
}
trap cleanup EXIT

if [[ -f .ci/s3.sh ]]; then
  MEDIA_S3_ENDPOINT_URL="$(bash .ci/s3.sh start)"
  s3_started=1
  # moto accepts any credentials; the test creates the bucket if it is missing.
  export MEDIA_S3_ENDPOINT_URL MEDIA_S3_BUCKET=two-servers \
    AWS_ACCESS_KEY_ID=two-servers AWS_SECRET_ACCESS_KEY=two-servers
fi

make test PYTEST_ARGS="-p no:xdist -m two_servers"
