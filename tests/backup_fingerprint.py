"""What a backup must bring back, as one JSON-able value: the fingerprint of an
installation, computed the same way in the test's process (the source) and in
a separate process on the restored database and storage (the copy).

Run as ``python -m tests.backup_fingerprint`` (with DATABASE_URL and the media
variables of the installation to read), it prints the fingerprint as JSON.
"""

import hashlib
import json
import os
import sys

# Who checks that passwords still work after a restore: (username, password).
PASSWORD_CHECKS = [("redaction.tanger", "x"), ("membre.partenaire", "x")]
# Searches whose results must be the same, in the same order, in French and in
# Arabic. None ranks two pages equally: the order of a tie is the engine's
# (PostgreSQL gives them in the order the rebuilt index holds them).
QUERIES = [
    ("fr", "budget participatif"),
    ("fr", "conseil communal"),
    ("fr", "charte"),
    ("ar", "ميزانية"),
    ("ar", "الشباب"),
]


def sha256(storage, name):
    if not storage.exists(name):
        return None  # a row whose file is missing
    with storage.open(name, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def when(value):
    return value.isoformat() if value else None


def fingerprint():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.storage import default_storage
    from django.test import Client
    from taggit.models import Tag, TaggedItem
    from wagtail.models import (
        CollectionViewRestriction,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        PageViewRestriction,
        Revision,
        TaskState,
        WorkflowState,
    )
    from wagtail_localize.models import Translation, TranslationSource

    from documents.models import DocumentVersion, HubDocument, HubImage
    from hub.backups import media
    from search import facets

    def perms(queryset):
        return sorted(f"{p.content_type.app_label}.{p.codename}" for p in queryset)

    def files(queryset, *fields):
        return [
            [o.pk, *(str(getattr(o, f)) for f in fields), o.file.name]
            + [sha256(default_storage, o.file.name)]
            for o in queryset.order_by("pk")
        ]

    users = get_user_model().objects.order_by("username")
    facets.bump_version()  # the facet index of this process, read afresh
    client = Client()
    return {
        "pages": [
            [
                p.pk,
                p.path,
                p.depth,
                p.numchild,
                p.title,
                p.draft_title,
                p.slug,
                p.url_path,
                p.locale.language_code,
                str(p.translation_key),
                p.live,
                p.has_unpublished_changes,
                p.latest_revision_id,
                p.live_revision_id,
                p.content_type.model,
                when(p.first_published_at),
            ]
            for p in Page.objects.order_by("path").select_related("locale")
        ],
        "revisions": [
            [
                r.pk,
                r.base_content_type.model,
                r.object_id,
                r.user_id,
                when(r.created_at),
                hashlib.sha256(
                    json.dumps(r.content, sort_keys=True).encode()
                ).hexdigest(),
            ]
            for r in Revision.objects.order_by("pk")
        ],
        "users": [
            [
                u.username,
                u.email,
                u.password,
                u.is_active,
                u.is_staff,
                u.is_superuser,
                sorted(g.name for g in u.groups.all()),
                perms(u.user_permissions.all()),
            ]
            for u in users
        ],
        "passwords": [
            [name, users.get(username=name).check_password(password)]
            for name, password in PASSWORD_CHECKS
            if users.filter(username=name).exists()
        ],
        "groups": [
            [g.name, perms(g.permissions.all())] for g in Group.objects.order_by("name")
        ],
        "page_permissions": sorted(
            [p.group.name, p.page_id, p.permission.codename]
            for p in GroupPagePermission.objects.all()
        ),
        "collection_permissions": sorted(
            [p.group.name, p.collection.name, p.permission.codename]
            for p in GroupCollectionPermission.objects.all()
        ),
        "view_restrictions": sorted(
            [
                r.page_id,
                r.restriction_type,
                r.password,
                sorted(g.name for g in r.groups.all()),
            ]
            for r in PageViewRestriction.objects.all()
        )
        + sorted(
            [
                r.collection.name,
                r.restriction_type,
                sorted(g.name for g in r.groups.all()),
            ]
            for r in CollectionViewRestriction.objects.all()
        ),
        "workflow_states": sorted(
            [w.object_id, w.workflow.name, w.status, w.current_task_state.status]
            for w in WorkflowState.objects.all()
        )
        + sorted([t.pk, t.status, t.revision_id] for t in TaskState.objects.all()),
        "translations": sorted(
            [str(t.source.object_id), t.target_locale.language_code, t.enabled]
            for t in Translation.objects.all()
        )
        + [TranslationSource.objects.count()],
        "tags": sorted([t.name, t.slug] for t in Tag.objects.all())
        + [TaggedItem.objects.count()],
        "documents": files(HubDocument.objects, "title", "collection_id"),
        "document_versions": files(DocumentVersion.objects, "number"),
        "images": files(HubImage.objects, "title", "width", "height"),
        "storage": [[n, sha256(default_storage, n)] for n in media.names()],
        "searches": [
            [
                lang,
                q,
                [
                    [r["ref"], r["title"], r["url"]]
                    for r in client.get("/api/search/", {"q": q, "lang": lang}).json()[
                        "results"
                    ]
                ],
            ]
            for lang, q in QUERIES
        ],
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    import django

    django.setup()
    json.dump(fingerprint(), sys.stdout, ensure_ascii=False)
