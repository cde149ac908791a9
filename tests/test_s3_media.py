"""Media on S3-compatible object storage (hub/media_storage.py), against moto's
standalone server as the S3 peer (`.ci/s3.sh`, the ``s3`` service: skipped
without MEDIA_S3_ENDPOINT_URL or when nothing answers there, failed when
REQUIRE_SERVICES names ``s3``).

Each test stores into a bucket of its own, created and emptied around it, on
the lane's peer — or, to see the peer go down, on a moto server of its own that
it stops. What is checked is what a visitor, an editor and an operator see:
the bytes in the bucket (boto3), the same bytes and headers through the site,
the bucket never readable from outside, files deleted with their document,
/readyz and a 503 page (never a 500) when the peer is gone, and nothing ever
written to MEDIA_ROOT.
"""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.http import http_date
from wagtail.models import Collection, CollectionViewRestriction

from documents.models import DocumentVersion, HubDocument
from tests.conftest import S3_STORAGE, require_s3, s3_answers
from tests.factories import HubImageFactory, TemplatePageFactory, pdf_bytes
from tests.test_settings import run_production

pytestmark = pytest.mark.django_db

DATA = pdf_bytes("Rapport annuel de la coopération intercommunale " * 20)
NEWER = pdf_bytes("Rapport annuel, version corrigée " * 20)
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@dataclass
class Bucket:
    client: object  # boto3's S3 client
    name: str
    endpoint: str

    def get(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def has(self, key):
        try:
            self.client.head_object(Bucket=self.name, Key=key)
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                return False
            raise
        return True

    def keys(self):
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(entry["Key"] for entry in listed.get("Contents", ()))

    def empty_and_delete(self):
        for key in self.keys():
            self.client.delete_object(Bucket=self.name, Key=key)
        self.client.delete_bucket(Bucket=self.name)


def use_bucket(settings, endpoint):
    """A new bucket on ``endpoint``, made the media storage of this test."""
    name = f"passerelle-test-{uuid.uuid4().hex[:16]}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name=settings.MEDIA_S3_REGION
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": S3_STORAGE,
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": endpoint,
                "region_name": settings.MEDIA_S3_REGION,
            },
        },
    }
    return Bucket(client, name, endpoint)


@pytest.fixture
def media_root(settings, tmp_path):
    """A MEDIA_ROOT that must stay empty: with media on S3 nothing goes to disk."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    written = [str(p) for p in Path(settings.MEDIA_ROOT).rglob("*")]
    assert written == [], "written to MEDIA_ROOT with media on S3"


@pytest.fixture(autouse=True)
def no_cached_renditions():
    """Wagtail caches renditions; image ids are reused after each test's
    rollback, and an earlier test's rendition names a file of another bucket."""
    cache.clear()


@pytest.fixture
def bucket(settings, media_root):
    """A bucket of this test's own on the lane's S3 peer."""
    created = use_bucket(settings, require_s3())
    yield created
    created.empty_and_delete()


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_peer():
    """A moto server of this test's own, which the test may stop (the lane's
    peer serves other tests). Needs what the ``s3`` service needs."""
    require_s3()
    port = unused_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not s3_answers(endpoint):
        assert process.poll() is None, "moto exited during start-up"
        assert time.monotonic() < deadline, "moto did not answer within 30 s"
        time.sleep(0.1)
    yield process, endpoint
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


def body(response):
    return b"".join(response.streaming_content)


def upload(admin_client, name, data, collection=None):
    """A document uploaded through the admin (wagtaildocs:add), attached to a
    live page (documents no live page attaches are not served to visitors)."""
    collection = collection or Collection.get_first_root_node()
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Rapport annuel",
            "language": "fr",
            "collection": collection.pk,
            "file": SimpleUploadedFile(name, data),
        },
    )
    assert response.status_code == 302
    document = HubDocument.objects.get()
    TemplatePageFactory(title="Modèle de rapport", attachments=[document])
    return document


def test_an_uploaded_document_is_in_the_bucket_and_downloads_the_same(
    admin_client, client, bucket
):
    document = upload(admin_client, "rapport-annuel.pdf", DATA)
    assert bucket.keys() == [document.file.name]
    assert bucket.get(document.file.name) == DATA
    version = document.versions.get()

    for url in (document.url, version.url):  # Wagtail's serve view, ours
        response = client.get(url)
        assert response.status_code == 200, url
        assert body(response) == DATA
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename=" in response["Content-Disposition"]
        assert "rapport-annuel.pdf" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert int(response["Content-Length"]) == len(DATA)

    response = client.get(version.url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert body(response) == DATA[100:200]
    assert response["Content-Range"] == f"bytes 100-199/{len(DATA)}"
    response = client.get(version.url, HTTP_RANGE=f"bytes=-{len(DATA) - 5}")
    assert body(response) == DATA[5:]
    etag = f'"{document.checksum}"'
    assert client.get(version.url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    # The first-page thumbnail, drawn from the stored PDF.
    document.refresh_from_db()
    assert document.thumbnail_width
    response = client.get(document.thumbnail_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response.content[8:12] == b"WEBP"


def test_a_file_the_bucket_lost_is_a_404(admin_client, client, bucket):
    """An object deleted behind the site's back: the downloads and the image
    answer "not found", not a server error."""
    document = upload(admin_client, "rapport.pdf", DATA)
    image = HubImageFactory()
    for name in (document.file.name, image.file.name):
        bucket.client.delete_object(Bucket=bucket.name, Key=name)
    for url in (document.url, document.versions.get().url, image.file.url):
        assert client.get(url).status_code == 404, url


def test_a_private_document_is_refused_and_its_object_is_not_public(
    admin_client, client, bucket
):
    collection = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = upload(admin_client, "note-interne.pdf", DATA, collection)
    version = document.versions.get()
    for url in (document.url, version.url):
        response = client.get(url)
        assert response.status_code == 302
        assert "/compte/connexion/" in response["Location"]
    assert body(admin_client.get(version.url)) == DATA

    # The site never hands out the bucket's address, signed or not…
    assert document.file.url == f"/media/{document.file.name}"
    # …and the object itself refuses an anonymous visitor who guesses it.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{bucket.endpoint}/{bucket.name}/{document.file.name}")
    assert refused.value.code == 403
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=document.file.name)
    assert ALL_USERS not in str(grants["Grants"])


def test_images_and_renditions_are_served_through_media(client, bucket):
    image = HubImageFactory()
    rendition = image.get_rendition("width-100")
    assert bucket.keys() == sorted([image.file.name, rendition.file.name])
    for name in (image.file.name, rendition.file.name):
        response = client.get(f"/media/{name}")
        assert response.status_code == 200, name
        assert body(response) == bucket.get(name)
        assert response["Content-Type"] in ("image/jpeg", "image/png")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "public, max-age=2592000"
        again = client.get(
            f"/media/{name}", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
        )
        assert again.status_code == 304
        older = http_date(time.time() - 86400)
        assert client.get(f"/media/{name}", HTTP_IF_MODIFIED_SINCE=older).status_code
    assert client.get("/media/original_images/missing.jpg").status_code == 404
    assert client.get("/media/images/missing.width-100.jpg").status_code == 404


def test_deleting_documents_versions_and_images_deletes_their_objects(
    admin_client, bucket, django_capture_on_commit_callbacks
):
    document = upload(admin_client, "rapport.pdf", DATA)
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Rapport annuel",
            "language": "fr",
            "collection": document.collection_id,
            "file": SimpleUploadedFile("rapport.pdf", NEWER),
            # A published document's new file says what it changes.
            "version_note": "Chiffres corrigés",
        },
    )
    assert response.status_code == 302
    # The new file of a published document waits for the coordination: approved
    # (documents/pending_files.py), it becomes the document's file.
    pending = document.versions.get(pending=True)
    approve = reverse("documents_version_approve", args=[pending.pk])
    assert admin_client.post(approve).status_code == 302
    document.refresh_from_db()
    first, second = document.versions.order_by("number")
    # Two uploads of the same name: two objects, the first never overwritten.
    assert first.file.name != second.file.name
    assert bucket.get(first.file.name) == DATA
    assert bucket.get(second.file.name) == NEWER

    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert not bucket.has(first.file.name)
    assert bucket.has(second.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert not DocumentVersion.objects.exists()
    assert not bucket.has(second.file.name)

    image = HubImageFactory()
    names = [image.file.name, image.get_rendition("width-100").file.name]
    assert all(bucket.has(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert bucket.keys() == []


def test_readyz_and_downloads_when_the_s3_peer_stops(
    admin_client, client, settings, media_root, own_peer
):
    """/readyz says the storage is ok, then unavailable (503) once the peer is
    gone; downloads and images then answer a 503 page, never a 500."""
    process, endpoint = own_peer
    use_bucket(settings, endpoint)
    document = upload(admin_client, "rapport.pdf", DATA)
    image = HubImageFactory()
    response = client.get("/readyz")
    assert (response.status_code, response.json()["checks"]["storage"]) == (200, "ok")

    process.terminate()
    process.wait(timeout=10)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "unavailable"
    for url in (
        document.url,
        document.versions.get().url,
        f"/media/{image.file.name}",
    ):
        response = client.get(url)
        assert response.status_code == 503, url
        assert "Service momentanément indisponible" in response.content.decode()
        assert response["Retry-After"] == "30"


STORAGE_FACTS = (
    "import json, django; django.setup(); from django.conf import settings; "
    "from django.core.files.storage import default_storage as s; "
    "print(json.dumps({'backend': settings.STORAGES['default']['BACKEND'], "
    "'url': s.url('documents/note interne.pdf'), "
    "'bucket': getattr(s, 'bucket_name', None), "
    "'endpoint': getattr(s, 'endpoint_url', None), "
    "'region': getattr(s, 'region_name', None), "
    "'acl': getattr(s, 'default_acl', 'n/a'), "
    "'overwrite': getattr(s, 'file_overwrite', None)}))"
)


def test_production_stores_media_on_s3_only_when_a_bucket_is_named():
    """Production settings (no S3 peer needed: nothing connects at start-up):
    local disk by default; MEDIA_S3_BUCKET selects the private S3 storage,
    whose URLs are the site's own."""
    on_disk = json.loads(run_production(["-c", STORAGE_FACTS]).stdout)
    assert on_disk["backend"] == "django.core.files.storage.FileSystemStorage"
    result = run_production(
        ["-c", STORAGE_FACTS],
        MEDIA_S3_BUCKET="passerelle-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "backend": S3_STORAGE,
        "url": "/media/documents/note%20interne.pdf",
        "bucket": "passerelle-media",
        "endpoint": "https://s3.example.org",
        "region": "us-east-1",
        "acl": None,
        "overwrite": False,
    }
