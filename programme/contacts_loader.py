"""Loading the contact persons from a JSON file (``data/contacts.json``).

Each person is written in French and Arabic sharing one translation key,
derived from the entry's ``key`` so that re-running updates in place, as the
vocabularies' loader does (``programme.loader``). A commune is named by its
slug, none for the programme's own contacts.
"""

import json
import uuid
from pathlib import Path

from django.db import transaction

from .loader import both_locales
from .models import Commune, Contact

NAMESPACE = uuid.UUID("6f0c6a1e-4c1b-4f5e-9d7a-15c0a7c0b015")


@transaction.atomic
def load_contacts(path):
    """Create or update every contact of ``path``; return their number."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    locales = both_locales()
    for item in data["contacts"]:
        key = uuid.uuid5(NAMESPACE, item["key"])
        for code, locale in locales.items():
            contact = Contact.objects.filter(translation_key=key, locale=locale).first()
            contact = contact or Contact(translation_key=key, locale=locale)
            contact.name = item["name"]
            contact.role = item["role"][code]
            contact.organisation = item["organisation"][code]
            contact.commune = (
                Commune.objects.get(slug=item["commune"], locale=locale)
                if item["commune"]
                else None
            )
            contact.languages = item["languages"]
            contact.email = item["email"]
            contact.show_email = item["show_email"]
            contact.phone = item["phone"]
            contact.save()
    return len(data["contacts"])
