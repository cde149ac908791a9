"""Loading the vocabularies (regions, communes, partnerships…) from a JSON file.

Each term is written in French and Arabic with the same slug and translation key,
as wagtail-localize would after a translation; re-running updates in place.
"""

import json
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from .models import Commune, DocumentKind, Partnership, Region, TargetPublic, Theme

SIMPLE = [
    ("regions", Region),
    ("themes", Theme),
    ("target_publics", TargetPublic),
    ("document_kinds", DocumentKind),
]


@transaction.atomic
def load_taxonomy(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    locales = both_locales()
    for key, model in SIMPLE:
        for item in data.get(key, []):
            extra = {"country": item["country"]} if model is Region else {}
            upsert(
                model,
                item["slug"],
                item["name"],
                locales,
                lambda code, extra=extra: extra,
            )
    for item in data.get("communes", []):
        upsert(
            Commune,
            item["slug"],
            item["name"],
            locales,
            lambda code, item=item: commune_fields(item, code),
        )
    for item in data.get("partnerships", []):
        names = {code: partnership_name(item, code) for code in locales}
        upsert(
            Partnership,
            item["slug"],
            names,
            locales,
            lambda code, item=item: partnership_fields(item, code),
        )


def both_locales():
    """{"fr": Locale, "ar": Locale}, created if missing."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("fr", "ar")
    }


def upsert(model, slug, names, locales, fields_for):
    """The term in French first, then its Arabic translation sharing its key."""
    source = None
    for code in ("fr", "ar"):
        values = {"name": names.get(code) or names["fr"], **fields_for(code)}
        term = model.objects.filter(slug=slug, locale=locales[code]).first()
        if term is None:
            term = model(slug=slug, locale=locales[code])
            if source is not None:
                term.translation_key = source.translation_key
        for attribute, value in values.items():
            setattr(term, attribute, value)
        term.save()
        source = source or term
    return source


def commune_fields(item, code):
    region = Region.objects.filter(
        slug=item.get("region"), locale__language_code=code
    ).first()
    return {
        "country": item["country"],
        "region": region,
        "population_total": item.get("population_total"),
        "population_men": item.get("population_men"),
        "population_women": item.get("population_women"),
        "population_note": (item.get("note") or {}).get(code, ""),
        "latitude": item.get("latitude"),
        "longitude": item.get("longitude"),
    }


def _commune(slug, code):
    return Commune.objects.get(slug=slug, locale__language_code=code)


def partnership_name(item, code):
    moroccan, belgian = (
        _commune(item["moroccan"], code),
        _commune(item["belgian"], code),
    )
    return f"{moroccan.name} – {belgian.name}"


def partnership_fields(item, code):
    return {
        "belgian_commune": _commune(item["belgian"], code),
        "moroccan_commune": _commune(item["moroccan"], code),
        "since": item.get("since"),
        "description": (item.get("description") or {}).get(code, ""),
    }
