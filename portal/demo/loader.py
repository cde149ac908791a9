"""Loading the programme page's demo: useful links (``portal/data/
useful_links.json``, French and Arabic sharing a key) and the programme's
documents, generated into their collections. Idempotent: a link is found by
its key, a document by its title in its collection."""

import json
import tempfile
import uuid
from pathlib import Path

from django.core.files import File
from django.db import transaction
from wagtail.models import Collection, Locale

from documents.access import PROGRAMME_KEY, PROGRAMME_PRIVATE_KEY
from documents.models import HubDocument
from hub import keys
from programme.models import DocumentKind

from ..models import UsefulLink
from .files import DOCUMENTS

LINKS_FILE = Path(__file__).resolve().parents[1] / "data" / "useful_links.json"
NAMESPACE = uuid.UUID("0b1f1a55-2f6e-4e0a-9c3f-7a5d2c9e4b21")
KIND = "programme-document"


@transaction.atomic
def load_useful_links(path=LINKS_FILE):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for item in data["links"]:
        key = uuid.uuid5(NAMESPACE, item["key"])
        for code in ("fr", "ar"):
            locale = Locale.objects.get(language_code=code)
            link = UsefulLink.objects.filter(translation_key=key, locale=locale).first()
            link = link or UsefulLink(translation_key=key, locale=locale)
            link.title = item["title"][code]
            link.description = item["description"][code]
            link.url = item["url"]
            link.category = item["category"]
            link.language = item["language"]
            link.save()
    return len(data["links"])


def load_programme_documents():
    """The programme's demo documents, generated once (``roles`` made the
    collections); returns how many were added."""
    collections = {
        False: keys.get(Collection, PROGRAMME_KEY),
        True: keys.get(Collection, PROGRAMME_PRIVATE_KEY),
    }
    kind = DocumentKind.objects.filter(slug=KIND, locale__language_code="fr").first()
    added = 0
    with tempfile.TemporaryDirectory() as workdir:
        for filename, (title, build, private) in DOCUMENTS.items():
            collection = collections[private]
            if HubDocument.objects.filter(title=title, collection=collection).exists():
                continue
            path = Path(workdir) / filename
            build(path)
            with path.open("rb") as handle:
                document = HubDocument(
                    title=title, collection=collection, language="fr", kind=kind
                )
                document.file.save(filename, File(handle), save=False)
                document._set_document_file_metadata()
                document.save()
            added += 1
    return added
