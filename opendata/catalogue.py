"""The DCAT-AP description of the open data (JSON-LD): what national and
European open-data portals harvest — the catalogue, its publisher and licence,
each dataset with a CSV and a JSON distribution, in the page's language."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .datasets import DATASETS, public_practices

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# The EU's authority tables, which DCAT-AP asks for languages and file types.
EU = "http://publications.europa.eu/resource/authority/"
LANGUAGES = {"fr": "FRA", "ar": "ARA"}
FORMATS = {
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
}


def catalogue(request, settings):
    language = get_language()
    text = lambda value: {"@value": str(value), "@language": language}  # noqa: E731
    absolute = request.build_absolute_uri
    landing = absolute(reverse("opendata:index"))
    publisher = {
        "@id": absolute("/") + "#coordination",
        "@type": "foaf:Agent",
        "foaf:name": text(_("Programme belgo-marocain de coopération intercommunale")),
    }
    licence = {"@id": settings.licence_url}
    language_ref = {"@id": f"{EU}language/{LANGUAGES.get(language, 'FRA')}"}
    modified = _modified(language)
    datasets = []
    for name, dataset in DATASETS.items():
        entry = {
            "@id": f"{landing}#{name}",
            "@type": "dcat:Dataset",
            "dct:identifier": name,
            "dct:title": text(dataset["title"]),
            "dct:description": text(dataset["description"]),
            "dct:language": language_ref,
            "dct:publisher": publisher,
            "dcat:landingPage": {"@id": landing},
            "dcat:keyword": [text(_("action sociale")), text(_("bonnes pratiques"))],
            "dcat:distribution": [
                {
                    "@id": absolute(reverse("opendata:download", args=(name, fmt))),
                    "@type": "dcat:Distribution",
                    "dct:title": text(f"{dataset['title']} ({label})"),
                    "dcat:accessURL": {"@id": landing},
                    "dcat:downloadURL": {
                        "@id": absolute(reverse("opendata:download", args=(name, fmt)))
                    },
                    "dcat:mediaType": {
                        "@id": f"http://www.iana.org/assignments/media-types/{media}"
                    },
                    "dct:format": {"@id": f"{EU}file-type/{label}"},
                    "dct:license": licence,
                }
                for fmt, (label, media) in FORMATS.items()
            ],
        }
        if modified:
            entry["dct:modified"] = {
                "@value": modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "@type": "xsd:dateTime",
            }
        if settings.contact_email:
            entry["dcat:contactPoint"] = {
                "@type": "vcard:Organization",
                "vcard:fn": text(_("Coordination du programme")),
                "vcard:hasEmail": {"@id": f"mailto:{settings.contact_email}"},
            }
        datasets.append(entry)
    return {
        "@context": CONTEXT,
        "@id": absolute(reverse("opendata:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": text(_("Passerelle — données ouvertes")),
        "dct:description": text(
            _(
                "Les bonnes pratiques d'action sociale locale des communes "
                "partenaires du programme belgo-marocain, en données ouvertes."
            )
        ),
        "dct:publisher": publisher,
        "dct:language": language_ref,
        "dct:license": licence,
        "foaf:homepage": {"@id": absolute(f"/{language}/")},
        "dcat:dataset": datasets,
    }


def _modified(language):
    locale = Locale.objects.get(language_code=language)
    return public_practices(locale).aggregate(last=Max("last_published_at"))["last"]
