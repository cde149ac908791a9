"""What the read API (``/api/v2/``, search/read_api.py) shows of each page type:
the fiche's fields, its vocabularies by slug and name, its participants and its
public attachments. Nothing personal: the free-text contacts of a practice and
a training's trainer contacts stay on the page, out of the API (GDPR / law
09-08: the API and exports carry no personal data)."""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.rich_text import expand_db_html

from documents.visibility import private_collection_ids


class RichText(serializers.Field):
    """Rich text as the page shows it (Wagtail's internal links resolved)."""

    def to_representation(self, value):
        return expand_db_html(value or "")


class Term(serializers.Field):
    def to_representation(self, term):
        return {"slug": term.slug, "name": term.name} if term else None


class Terms(serializers.Field):
    def to_representation(self, manager):
        return [{"slug": term.slug, "name": term.name} for term in manager.all()]


class Tags(serializers.Field):
    def to_representation(self, manager):
        return [{"slug": tag.slug, "name": tag.name} for tag in manager.all()]


class Participations(serializers.Field):
    def to_representation(self, rows):
        return [
            {
                "target_public": {
                    "slug": row.target_public.slug,
                    "name": row.target_public.name,
                },
                "count": row.count,
            }
            for row in rows.select_related("target_public")
        ]


class PublicAttachments(serializers.Field):
    """The documents a live public page attaches, less those of a collection
    under a view restriction (their download asks for a login anyway; their
    title may already say too much)."""

    def to_representation(self, rows):
        private = private_collection_ids()
        return [
            {
                "id": row.document.pk,
                "title": row.document.title,
                "language": row.document.language,
                "file_size": row.document.file_size,
                "download_url": row.document.url,
            }
            for row in rows.select_related("document")
            if row.document.collection_id not in private
        ]


COMMON = [
    APIField("summary"),
    APIField("original_language"),
    APIField("year"),
    APIField("themes", serializer=Terms()),
    APIField("tags", serializer=Tags()),
    APIField("attachments", serializer=PublicAttachments()),
]

PRACTICE = [
    *COMMON,
    APIField("context", serializer=RichText()),
    APIField("objectives", serializer=RichText()),
    APIField("body"),
    APIField("actors_services"),
    APIField("actors_associations"),
    APIField("actors_authorities"),
    APIField("funding_own"),
    APIField("funding_external"),
    APIField("indicators"),
    APIField("start_date"),
    APIField("end_date"),
    APIField("status"),
    APIField("region", serializer=Term()),
    APIField("commune", serializer=Term()),
    APIField("target_publics", serializer=Terms()),
    APIField("participations", serializer=Participations()),
]

TEMPLATE = [*COMMON, APIField("body"), APIField("kind", serializer=Term())]

TRAINING = [
    *COMMON,
    APIField("body"),
    APIField("objectives", serializer=RichText()),
    APIField("audience"),
    APIField("duration"),
    APIField("prerequisites"),
    APIField("sessions"),
    APIField("target_publics", serializer=Terms()),
    APIField("video_url"),
]
