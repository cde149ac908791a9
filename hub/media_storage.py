"""Media (documents, images, renditions) on S3-compatible object storage.

Used as ``STORAGES["default"]`` when ``MEDIA_S3_BUCKET`` is set (base.py);
local disk (``MEDIA_ROOT``) stays the default. Several app servers must share
their media: on one machine's disk, a file uploaded through one server would be
missing from the others.

The bucket stays private. Its objects are written with no ACL (the bucket's
own policy, private by default, applies) and every URL this storage gives is
the site's own ``MEDIA_URL`` + name, never the bucket's: documents are served
by Wagtail's serve view and ``documents/downloads.py``, images and renditions
by ``documents/views.serve_image_file``, all reading through this storage after
the privacy rules said yes. So the bucket never needs to be public, a browser
never talks to it (no CORS), and a private document's object cannot be fetched
from outside — not even with a link that leaked, since there is none.

https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
"""

import threading

from botocore.config import Config
from botocore.exceptions import ClientError
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

__all__ = ["PrivateMediaStorage"]

# Larger reads than this are spooled to a temporary file, not kept in memory
# (django-storages' default, 0, keeps every file whole in memory): a 25 MB
# document downloaded by several visitors at once must not cost 25 MB each.
SPOOL_BYTES = 2 * 1024 * 1024

# boto3 sessions, per thread (a session is not thread-safe) and per credentials.
_sessions = threading.local()


class PrivateMediaStorage(S3Storage):
    """django-storages' S3 storage, private, whose URLs are the site's own.

    ``STORAGES["default"]["OPTIONS"]`` (base.py) names the bucket, endpoint,
    region and key prefix; what follows holds whatever the bucket. Credentials
    are boto3's own (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile or an
    instance role), never a setting."""

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            # Private objects: no public-read ACL, whatever the bucket allows.
            "default_acl": None,
            # Two uploads of "rapport.pdf" keep both files, as on disk.
            "file_overwrite": False,
            # url() below is the site's own: this storage never hands out a
            # bucket URL, signed or not.
            "querystring_auth": True,
            "max_memory_size": SPOOL_BYTES,
            # Path-style addressing (http://host/bucket/key) works with every
            # S3-compatible server (MinIO, Garage, moto…); virtual hosts need DNS.
            "addressing_style": "path",
            "signature_version": "s3v4",
            # A storage that does not answer fails a request within seconds (a
            # 503 page, hub/storage_errors.py) instead of holding a worker for
            # boto3's default retries (60 s connect timeout, 5 attempts).
            "client_config": Config(
                connect_timeout=3,
                read_timeout=20,
                retries={"max_attempts": 2, "mode": "standard"},
            ),
        }

    def _create_session(self):
        # A new boto3 session loads botocore's service models again (a quarter
        # of a second): the storages of one thread share one, as the tests' one
        # storage per test (a key prefix each) would otherwise pay every time.
        key = (
            self.session_profile,
            self.access_key,
            self.secret_key,
            self.security_token,
        )
        sessions = _sessions.__dict__.setdefault("by_key", {})
        if key not in sessions:
            sessions[key] = super()._create_session()
        return sessions[key]

    def get_modified_time(self, name):
        # A missing file is FileNotFoundError, as size() and open() say, and
        # as on disk; django-storages lets S3's 404 through here.
        try:
            return super().get_modified_time(name)
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from error
            raise

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name or "")
