"""The S3 peer for the load run and the two-server check: moto's standalone
server (``.ci/s3.sh`` when the checkout has it, else ``moto_server`` started
here) and the bucket the media settings name (MEDIA_S3_BUCKET), created when
missing — moto starts empty, and the settings never create a bucket.
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
S3_SCRIPT = REPO / ".ci/s3.sh"
MOTO = Path(sys.executable).with_name("moto_server")
# moto takes any credentials; boto3 reads these names itself.
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "passerelle", "AWS_SECRET_ACCESS_KEY": "passerelle"}


def ensure_bucket(env=os.environ):
    """Create ``env``'s MEDIA_S3_BUCKET on its endpoint if it does not exist."""
    bucket = env.get("MEDIA_S3_BUCKET")
    if not bucket:
        return
    import boto3
    from botocore.exceptions import ClientError

    client = boto3.client(
        "s3",
        endpoint_url=env.get("MEDIA_S3_ENDPOINT_URL") or None,
        region_name=env.get("MEDIA_S3_REGION") or "us-east-1",
        aws_access_key_id=env.get("AWS_ACCESS_KEY_ID"),
        aws_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY"),
    )
    try:
        client.head_bucket(Bucket=bucket)
    except ClientError:
        client.create_bucket(Bucket=bucket)


class S3Peer:
    """moto on ``port``: through .ci/s3.sh if present, else started here."""

    def __init__(self, port, log):
        self.port = port
        self.process = None
        self.env = {**os.environ, "S3_PORT": str(port)}
        if S3_SCRIPT.exists():
            done = subprocess.run(
                ["bash", str(S3_SCRIPT), "start"],
                env=self.env,
                capture_output=True,
                text=True,
                check=True,
            )
            self.url = done.stdout.strip().splitlines()[-1]
            return
        self.url = f"http://127.0.0.1:{port}"
        with Path(log).open("a") as out:
            self.process = subprocess.Popen(
                [str(MOTO), "-H", "127.0.0.1", "-p", str(port)],
                stdout=out,
                stderr=out,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"moto_server did not start, see {log}")
            time.sleep(0.3)

    @staticmethod
    def available():
        return S3_SCRIPT.exists() or MOTO.exists()

    def answers(self):
        try:
            with urllib.request.urlopen(self.url, timeout=2):
                return True
        except OSError:
            return False

    def media_env(self, bucket):
        """The media settings' variables (the common contract of issue #12)."""
        return {
            "MEDIA_S3_BUCKET": bucket,
            "MEDIA_S3_ENDPOINT_URL": self.url,
            "MEDIA_S3_REGION": "us-east-1",
            **CREDENTIALS,
        }

    def stop(self):
        if self.process is None:
            subprocess.run(["bash", str(S3_SCRIPT), "stop"], env=self.env, check=False)
        elif self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
