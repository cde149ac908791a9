"""Fast creation of many practice pages for benchmarks (not for the site).

Creating 10,000 pages one ``add_child`` at a time takes many minutes; here the
tree paths are computed once and rows are inserted in batches: ``Page`` rows with
``bulk_create``, then the PracticePage rows (multi-table inheritance, which
``bulk_create`` refuses) with one ``executemany``.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Page

from practices.models import PracticePage


@transaction.atomic
def create_practices(parent, items):
    """Create live PracticePages under ``parent`` from (fields, theme ids) pairs."""
    content_type = ContentType.objects.get_for_model(PracticePage)
    start = parent.numchild
    pages = [
        Page(
            title=fields["title"],
            draft_title=fields["title"],
            slug=f"bench-{start + n}",
            path=Page._get_path(parent.path, parent.depth + 1, start + n + 1),
            depth=parent.depth + 1,
            numchild=0,
            live=True,
            content_type=content_type,
            locale_id=parent.locale_id,
            translation_key=uuid.uuid4(),
            url_path=f"{parent.url_path}bench-{start + n}/",
        )
        for n, (fields, _themes) in enumerate(items)
    ]
    Page.objects.bulk_create(pages, batch_size=500)
    _insert_specific_rows(pages, [fields for fields, _themes in items])
    through = PracticePage.themes.through
    through.objects.bulk_create(
        [
            through(practicepage_id=p.pk, theme_id=t)
            for p, (_f, themes) in zip(pages, items, strict=True)
            for t in themes
        ],
        batch_size=1000,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(pages))
    parent.numchild = start + len(pages)


def _insert_specific_rows(pages, field_values):
    fields = list(PracticePage._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(PracticePage._meta.db_table)
    rows = []
    for page, values in zip(pages, field_values, strict=True):
        instance = PracticePage(page_ptr_id=page.pk, ref=f"bench-{page.pk}", **values)
        rows.append(
            [
                f.get_db_prep_save(getattr(instance, f.attname), connection)
                for f in fields
            ]
        )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows
        )
