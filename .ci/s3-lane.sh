#!/usr/bin/env bash
# Lane: S3 media (moto) — media on S3-compatible object storage (hub/media_storage.py).
#
#   bash .ci/s3-lane.sh        (called by .ci/run; runnable on its own)
#
# Starts moto's standalone server as the S3 peer (.ci/s3.sh), creates the lane's
# bucket, and runs the README's test command with the media on it
# (MEDIA_S3_BUCKET, MEDIA_S3_ENDPOINT_URL, dummy AWS credentials: moto takes any)
# on the test files about documents, images, uploads, downloads, thumbnails and
# health, and on tests/test_s3_media.py. Each test writes under its own key
# prefix of the bucket (tests/conftest.py's media_key_prefix) and test_s3_media's
# into buckets of their own. MEDIA_ROOT points at an empty folder that must still
# be empty at the end: with media on S3 nothing may be written to disk.
# REQUIRE_SERVICES=s3: a peer that does not answer fails the lane, never skips it.
# The server is stopped on exit — unless it was already running before this
# script. S3_PORT (default 5390) picks another port.
set -euo pipefail
cd "$(dirname "$0")/.."
export REQUIRE_SERVICES="${REQUIRE_SERVICES:-s3}"
lane_started=$(date +%s)

peer=.ci/s3.sh
stop_on_exit=1
if bash "$peer" status 2>/dev/null; then
  stop_on_exit=0
fi
media_root="$(mktemp -d "${TMPDIR:-/tmp}/passerelle-s3-lane-media.XXXXXX")"
cleanup() {
  local status=$?
  if [[ $stop_on_exit == 1 ]]; then
    bash "$peer" stop || true
  fi
  rm -rf "$media_root"
  printf 's3 lane: %ss, exit %s\n' "$(( $(date +%s) - lane_started ))" "$status" >&2
}
trap cleanup EXIT

MEDIA_S3_ENDPOINT_URL="$(bash "$peer" start)"
export MEDIA_S3_ENDPOINT_URL MEDIA_S3_BUCKET="${MEDIA_S3_BUCKET:-passerelle-ci-media}"
export MEDIA_S3_REGION=us-east-1 MEDIA_ROOT="$media_root"
export AWS_ACCESS_KEY_ID=moto-ci AWS_SECRET_ACCESS_KEY=moto-ci
.venv/bin/python - <<'PY'
import os

import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3", endpoint_url=os.environ["MEDIA_S3_ENDPOINT_URL"],
                  region_name=os.environ["MEDIA_S3_REGION"])
try:
    s3.create_bucket(Bucket=os.environ["MEDIA_S3_BUCKET"])
except ClientError as error:  # a peer left running: its bucket is there
    if error.response["Error"]["Code"] != "BucketAlreadyOwnedByYou":
        raise
PY
printf 's3 lane: moto at %s, bucket %s (%ss)\n' "$MEDIA_S3_ENDPOINT_URL" \
  "$MEDIA_S3_BUCKET" "$(( $(date +%s) - lane_started ))" >&2

files=()
for file in tests/test_s3_media.py tests/test_health.py \
  tests/test_document_versions.py tests/test_document_access.py \
  tests/test_admin_uploads.py tests/test_uploads.py tests/test_previews.py \
  tests/test_extraction.py tests/test_private_content.py \
  tests/test_attachment_choice.py tests/test_share_form.py \
  tests/test_backup_restore.py; do
  if [[ -f "$file" ]]; then
    files+=("$file")
  fi
done

make test PYTEST_ARGS="-n 2 -m 'not browser' ${files[*]}"

written="$(find "$media_root" -mindepth 1 | head -n 20)"
if [[ -n "$written" ]]; then
  printf 's3 lane: files written to MEDIA_ROOT with media on S3:\n%s\n' "$written" >&2
  exit 1
fi
