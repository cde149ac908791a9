"""Backup and restore (``backup_hub``/``restore_hub``, docs/operations.md):
backup → a second, empty installation → restore gives the same pages,
revisions, users, groups, documents, images, restrictions, workflow states,
translations and search results; refused archives write nothing.

The copy is a real second installation run by separate processes, as an
operator would: its own database (a second SQLite file, or a second database on
the lane's PostgreSQL server) and its own media storage (a directory, or a
second bucket on the S3 peer), migrated by ``manage.py migrate``, restored by
``manage.py restore_hub`` and read back by ``tests.backup_fingerprint``.
"""

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import PageViewRestriction
from wagtail_localize.models import TranslationSource

from documents.models import HubDocument
from documents.models.versions import record_version
from hub.backups import archive as archive_format
from hub.search_backends import ENGINE_BACKENDS
from practices.models import PracticePage
from tests.backup_fingerprint import fingerprint
from tests.factories import (
    HubImageFactory,
    PracticePageFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    locale,
    translate,
)
from tests.workflow_helpers import PASSWORD, editor_group, make_user, role_group

BASE_DIR = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.django_db


def build_content(django_user_model):
    """Users of two roles, a practice in French and Arabic with a draft under
    review, a template restricted to partners, documents with a version, an
    image, a wagtail-localize translation: what the fingerprint compares."""
    editor = make_user(django_user_model, "redaction.tanger", editor_group("tanger"))
    make_user(django_user_model, "membre.partenaire", role_group("partners"))
    assert PASSWORD == "x"  # what backup_fingerprint.PASSWORD_CHECKS tries
    practice = PracticePageFactory(
        title="Budget participatif des jeunes",
        commune="tanger",
        themes=["budget-participatif"],
        target_publics=["youth"],
        tags=["Jeunesse"],
        attachments=2,
    )
    translate(practice, "ar", title="ميزانية تشاركية للشباب")
    practice.title = "Budget participatif des jeunes, deuxième édition"
    practice.save_revision(user=editor)
    practice.get_workflow().start(practice, editor)
    template = TemplatePageFactory(
        title="Charte de participation des jeunes", attachments=1
    )
    restriction = PageViewRestriction.objects.create(
        page=template, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(role_group("partners"))
    record_version(template.attachments.first().document, note="deuxième version")
    HubImageFactory(title="Atelier des jeunes")
    # An Arabic draft made by wagtail-localize: its sources, strings, segments.
    youth = PracticePageFactory(title="Conseil communal des jeunes", commune="tanger")
    source, _created = TranslationSource.get_or_create_from_instance(youth)
    source.create_or_update_translation(locale("ar"), publish=False, fallback=True)


class Installation:
    """A second, empty installation beside the test's: its own database and
    media storage, of the same kinds as the test's, used by subprocesses."""

    def __init__(self, tmp_path):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hub.settings.test",
            "LOG_LEVEL": "WARNING",
        }
        self.database = self.bucket = self.sqlite = self.media = None
        db = connection.settings_dict
        if connection.vendor == "postgresql":
            self.database = f"passerelle_restored_{os.getpid()}"
            self._postgres(f'DROP DATABASE IF EXISTS "{self.database}"')
            self._postgres(f'CREATE DATABASE "{self.database}"')
            url = (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
                f"/{self.database}"
            )
        else:
            self.sqlite = tmp_path / "restored.sqlite3"
            url = f"sqlite:///{self.sqlite}"
        self.env["DATABASE_URL"] = url
        if hasattr(default_storage, "bucket_name"):  # S3 (django-storages)
            self.bucket = f"{default_storage.bucket_name}-restored-{os.getpid()}"
            default_storage.connection.create_bucket(Bucket=self.bucket)
            self.env["MEDIA_S3_BUCKET"] = self.bucket
            # One key prefix for all of the copy's processes (the test settings
            # would give each its own, after its pid).
            self.env["MEDIA_S3_LOCATION"] = "restored"
        else:
            self.media = tmp_path / "restored-media"
            self.env["MEDIA_ROOT"] = str(self.media)

    def count(self, table):
        """Rows of ``table``, read directly, without Django or our code."""
        sql = f"SELECT count(*) FROM {table}"
        if self.sqlite:
            with sqlite3.connect(self.sqlite) as db:
                return db.execute(sql).fetchone()[0]
        return self._postgres(sql, database=self.database)[0]

    def files(self):
        """The names of the files in the media storage, read directly."""
        if self.bucket:
            bucket = default_storage.connection.Bucket(self.bucket)
            return sorted(o.key for o in bucket.objects.all())
        return sorted(str(p) for p in self.media.rglob("*") if p.is_file())

    def _postgres(self, sql, database=None):
        import psycopg

        db = connection.settings_dict
        with psycopg.connect(
            dbname=database or db["NAME"],
            user=db["USER"],
            password=db["PASSWORD"],
            host=db["HOST"],
            port=db["PORT"],
            autocommit=True,
        ) as other:
            return other.execute(sql).fetchone() if database else other.execute(sql)

    def run(self, *args, module=None):
        command = ["-m", module] if module else ["manage.py", *args]
        return subprocess.run(
            [sys.executable, *command],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def manage(self, *args):
        result = self.run(*args)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def fingerprint(self):
        result = self.run(module="tests.backup_fingerprint")
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout)

    def remove(self):
        if self.database:
            self._postgres(f'DROP DATABASE IF EXISTS "{self.database}"')
        if self.bucket:
            bucket = default_storage.connection.Bucket(self.bucket)
            bucket.objects.all().delete()
            bucket.delete()


@pytest.fixture
def installation(tmp_path):
    other = Installation(tmp_path)
    yield other
    other.remove()


def repack(path, into, edit, checksums=True):
    """A copy of the archive at ``path`` changed by ``edit(directory)``, its
    manifest's checksums recomputed unless ``checksums`` is False."""
    unpacked = into / "unpacked"
    with tarfile.open(path) as tar:
        tar.extractall(unpacked, filter="data")
    edit(unpacked)
    manifest_path = unpacked / archive_format.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    if checksums:
        for name in manifest["members"]:
            with open(unpacked / name, "rb") as member:
                sha256, size = archive_format.sha256_of(member)
            manifest["members"][name] = {"sha256": sha256, "size": size}
    manifest_path.write_text(json.dumps(manifest))
    copy = into / "edited.tar.gz"
    with tarfile.open(copy, "w:gz") as tar:
        for member in sorted(unpacked.rglob("*")):
            if member.is_file():
                tar.add(member, member.relative_to(unpacked).as_posix())
    return copy


def test_restore_into_an_empty_installation_gives_the_same_site(
    django_user_model, installation, tmp_path
):
    if (
        settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
        in ENGINE_BACKENDS.values()
    ):
        # hub.settings.test names each process's engine index after its pid:
        # the copy's restore and its searches would not share one.
        pytest.skip("the copy's processes would each have their own engine index")
    build_content(django_user_model)
    source = fingerprint()
    # Each part is really there, so that "the same" means something.
    for part in ("documents", "document_versions", "images", "view_restrictions"):
        assert source[part], part
    assert source["workflow_states"] and source["translations"][0]
    assert [ok for _, ok in source["passwords"]] == [True, True]
    assert any(p[-5] for p in source["pages"])  # a draft over a live page
    assert {lang for lang, _, results in source["searches"] if results} == {"fr", "ar"}
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_hub", str(archive), verbosity=0)

    installation.manage("migrate", "--noinput", "-v", "0")
    # A restore that fails at its last row leaves no row and no file behind.
    broken = repack(
        archive,
        tmp_path / "broken",
        lambda d: (
            (d / archive_format.DATABASE)
            .open("a")
            .write('{"model": "nothing.here", "pk": 1, "fields": {}}\n')
        ),
    )
    failed = installation.run("restore_hub", str(broken))
    assert failed.returncode != 0
    assert "nothing.here" in failed.stderr
    for table in ("auth_user", "documents_hubdocument", "wagtailcore_revision"):
        assert installation.count(table) == 0, table
    assert installation.count("wagtailcore_page") == 2  # the root, Wagtail's welcome
    assert installation.files() == []

    output = installation.manage("restore_hub", str(archive))
    assert "Search index rebuilt" in output
    copy = installation.fingerprint()
    for part, value in source.items():
        assert copy[part] == value, part


def refused(archive, message, force=True):
    """``restore_hub`` on this (non-empty) test database is refused with
    ``message`` and changes nothing, even forced."""
    before = fingerprint()
    with pytest.raises(CommandError, match=message):
        call_command("restore_hub", str(archive), force=force, verbosity=0)
    assert fingerprint() == before


def test_an_archive_of_another_schema_is_refused(django_user_model, tmp_path):
    build_content(django_user_model)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_hub", str(archive), verbosity=0)

    def other_schema(directory):
        manifest = json.loads((directory / archive_format.MANIFEST).read_text())
        manifest["migrations"][-1][1] = "9999_from_the_future"
        (directory / archive_format.MANIFEST).write_text(json.dumps(manifest))

    edited = repack(archive, tmp_path, other_schema)
    refused(edited, r"another schema version .*9999_from_the_future")


def test_a_corrupted_archive_is_refused(django_user_model, tmp_path):
    build_content(django_user_model)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_hub", str(archive), verbosity=0)

    def corrupt_a_document(directory):
        document = next((directory / "media").rglob("*.pdf"))
        document.write_bytes(document.read_bytes() + b"tampered")

    edited = repack(archive, tmp_path, corrupt_a_document, checksums=False)
    refused(edited, r"Checksum mismatch for media/.*\.pdf: the archive is corrupted")


def test_a_database_with_content_is_not_overwritten(django_user_model, tmp_path):
    build_content(django_user_model)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_hub", str(archive), verbosity=0)
    refused(archive, r"The database is not empty \(2 users, .*--force", force=False)


def test_a_forced_restore_replaces_what_changed_since(django_user_model, tmp_path):
    """--force on an installation that has moved on brings back the archive's
    state: a page renamed since, a user added since, a file deleted since."""
    build_content(django_user_model)
    before = fingerprint()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_hub", str(archive), verbosity=0)
    page = PracticePage.objects.get(
        title="Conseil communal des jeunes", locale=locale("fr")
    )
    page.title = "Conseil renommé"
    page.save_revision().publish()
    make_user(django_user_model, "nouveau.compte")
    default_storage.delete(HubDocument.objects.first().file.name)
    assert fingerprint() != before

    call_command("restore_hub", str(archive), force=True, verbosity=0)
    assert fingerprint() == before
