"""The database part of a backup: a portable dump, the schema it belongs to,
and its loading into an empty database in one transaction.

Why Django's serializers (JSON lines, as ``dumpdata`` writes them) and
``loaddata`` rather than ``pg_dump`` or SQLite's backup API: one format for
both engines, so an archive made on SQLite restores into PostgreSQL and back,
and what is derived or secret is left out by model rather than by table name.
It is exact because every row keeps its primary key — content types and
permissions included, rather than matched by natural key to the ones
``migrate`` numbered: a page revision and a wagtail-localize source hold their
content type's id inside their JSON, which natural keys would not rewrite —
and times keep their microseconds (``ExactEncoder``). Treebeard paths,
revisions, translations, workflow states, tags, view restrictions, users with
their password hashes, groups and their permissions thus come back row for
row. ``loaddata`` resets PostgreSQL's sequences after.

Left out (``EXCLUDED``): sessions and API tokens (secrets), django-axes'
login attempts and logs, search index entries (``update_index`` rebuilds
them), image renditions (regenerated on demand; their files are skipped too),
editing sessions, background task rows, engine writes waiting for a replay.
Restoring empties *every* table first (what ``migrate`` put there as well),
so those start empty.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "jsonl"

# Apps or models never dumped: secret, per-request, or rebuilt after a restore.
EXCLUDED = (
    "sessions",  # logged-in sessions: secret, and bound to the SECRET_KEY
    "wagtailcore.APIToken",  # bearer token digests: re-issue after a restore
    "axes",  # login attempts and lock-outs
    "wagtailsearch",  # the database search index: rebuilt by update_index
    "hubsearch.KeptWrite",  # engine writes to replay: the rebuild covers them
    "wagtailimages.Rendition",
    "documents.HubRendition",  # resized images: regenerated when next shown
    "wagtailadmin.EditingSession",  # who has an editor open right now
    "django_tasks_database",  # background task queue and results
)

# What migrate creates in an empty database: the tree root and Wagtail's
# welcome page. More pages, or any user, document or image, is content.
MIGRATE_PAGES = 2


def excluded():
    """``EXCLUDED`` restricted to the installed apps (dumpdata refuses others)."""
    return [label for label in EXCLUDED if _installed(label)]


def _installed(label):
    try:
        if "." in label:
            apps.get_model(label)
        else:
            apps.get_app_config(label)
    except LookupError:
        return False
    return True


def schema():
    """The migrations applied, sorted: what a restore must find applied."""
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted([app, name] for app, name in applied)


def schema_difference(recorded):
    """A sentence saying how the database's schema differs from ``recorded``,
    or "" when they are the same."""
    here = {tuple(m) for m in schema()}
    there = {tuple(m) for m in recorded}
    parts = []
    if only_archive := sorted(there - here):
        parts.append(
            "not applied here: " + ", ".join(f"{a}.{n}" for a, n in only_archive[:5])
        )
    if only_here := sorted(here - there):
        parts.append(
            "unknown to the archive: " + ", ".join(f"{a}.{n}" for a, n in only_here[:5])
        )
    return "; ".join(parts)


def content_summary():
    """What makes a database non-empty, e.g. "3 users, 40 pages" ("" if none)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    counts = {
        "users": get_user_model().objects.count(),
        "pages": max(Page.objects.count() - MIGRATE_PAGES, 0),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }
    return ", ".join(f"{n} {what}" for what, n in counts.items() if n)


class ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder cuts them to milliseconds
    (ECMA-262), and a revision or log entry would come back 0.4 ms earlier."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def models_to_dump():
    """Every model with a table of its own, content types and permissions
    first, ``EXCLUDED`` left out; in app order, as ``dumpdata`` has them.

    First, because loading a row may send signals that ask for a content type
    (``ContentType.objects.get_for_model``), which would create it under a new
    id if its own row were not there yet."""
    left_out = {
        model
        for label in excluded()
        for model in (
            [apps.get_model(label)]
            if "." in label
            else apps.get_app_config(label).get_models()
        )
    }
    first = [ContentType, Permission]
    rest = [
        model
        for model in apps.get_models()
        if model._meta.can_migrate(connection)
        and model not in left_out
        and model not in first
    ]
    return first + rest


def dump(path):
    """Write the whole database but ``EXCLUDED`` to ``path`` (JSON lines), from
    one snapshot: the caller holds a transaction (``backup.snapshot``). Every
    row by the base manager, which filters nothing out, in primary key order."""
    with open(path, "w", encoding="utf-8") as out:
        for model in models_to_dump():
            rows = model._base_manager.order_by(model._meta.pk.name)
            # The serializer writes many-to-many values (themes, publics,
            # groups…) from the prefetched ones, instead of a query per row.
            many = [
                f.name
                for f in model._meta.many_to_many
                if f.remote_field.through._meta.auto_created  # what it writes
            ]
            rows = rows.prefetch_related(*many).iterator(chunk_size=2000)
            serializers.serialize(FORMAT, rows, stream=out, cls=ExactEncoder)


def empty_and_load(path):
    """Empty every table, then load the dump at ``path``; inside the caller's
    transaction, so a failure leaves the database as it was."""
    if connection.vendor == "postgresql":
        # PostgreSQL refuses to TRUNCATE a table with foreign key checks still
        # pending (rows written earlier in the same transaction): run them now.
        connection.check_constraints()
    connection.ops.execute_sql_flush(sql_flush(no_style(), connection))
    # This process may have cached content types under the ids the emptied
    # database gave them; the archive's ids are the ones from now on.
    ContentType.objects.clear_cache()
    call_command("loaddata", str(path), verbosity=0)
