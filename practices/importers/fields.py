"""The JSON Lines exchange format, field by field.

One table drives validation (records.py), writing (writer.py) and export
(exporter.py), so the three can never disagree about a field.
"""

from dataclasses import dataclass

from programme.models import (
    Commune,
    DocumentKind,
    Partnership,
    Region,
    TargetPublic,
    Theme,
)

from ..content_types import KEYS

LANGUAGES = ("fr", "ar")
STATUSES = ("planned", "ongoing", "completed", "stopped")
# Every content type (``content_types.KEYS``, the record's "type").
ALL = KEYS


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | rich | body | int | date | choice | term | terms | tags | …
    types: tuple = ALL
    model: type | None = None
    # Taken from the source page when a translation record leaves it out.
    inherited: bool = False


FIELDS = [
    # Who may see the page (visibility.py); first, so that it is seen first.
    Field("visibility", "visibility"),
    Field("summary", "text"),
    Field("body", "body"),
    Field("context", "rich", ("practice",)),
    Field("objectives", "rich", ("practice", "training")),
    Field("actors_services", "text", ("practice",)),
    Field("actors_associations", "text", ("practice",)),
    Field("actors_authorities", "text", ("practice",)),
    Field("resources", "rich", ("practice",)),
    Field("funding_own", "int", ("practice",), inherited=True),
    Field("funding_external", "int", ("practice",), inherited=True),
    Field("results", "rich", ("practice",)),
    Field("participants", "participants", ("practice",), TargetPublic, inherited=True),
    Field("indicators", "indicators", ("practice",), TargetPublic),
    Field("difficulties", "rich", ("practice",)),
    Field("lessons", "rich", ("practice",)),
    Field("transferability", "rich", ("practice",)),
    Field("contacts", "text", ("practice",)),
    Field("start_date", "date", ("practice",), inherited=True),
    Field("end_date", "date", ("practice",), inherited=True),
    Field("status", "choice", ("practice",), inherited=True),
    Field("commune", "term", ("practice",), Commune, inherited=True),
    Field("region", "term", ("practice",), Region, inherited=True),
    Field("partnership", "term", ("practice",), Partnership, inherited=True),
    Field("kind", "term", ("template",), DocumentKind, inherited=True),
    Field("audience", "text", ("training",)),
    Field("duration", "text", ("training",)),
    Field("prerequisites", "text", ("training",)),
    Field("sessions", "sessions", ("training",)),
    Field("trainer_contacts", "text", ("training",)),
    Field("themes", "terms", ALL, Theme, inherited=True),
    Field(
        "target_publics",
        "terms",
        ("practice", "training"),
        TargetPublic,
        inherited=True,
    ),
    Field("tags", "tags"),
    Field("year", "int", ALL, inherited=True),
    Field("attachments", "attachments"),
]
HEADER_FIELDS = ("ref", "type", "language", "translation_of", "title")
KNOWN_NAMES = set(HEADER_FIELDS) | {f.name for f in FIELDS}


def fields_for(page_type):
    return [f for f in FIELDS if page_type in f.types]
