"""The demo's pages, one per page type and language, asked of its own database
(run by tests/browser_site.py through ``manage.py shell -c``: it prints their
paths as JSON on its last line). Written against the models every commit since
the document hub has, so a benchmark's older checkout answers it too."""

import json

from django.db.models.functions import Length

from practices.models import PracticePage, TemplatePage, TrainingPage
from practices.models.indexes import (
    PracticeIndexPage,
    TemplateIndexPage,
    TrainingIndexPage,
)
from programme.models import Commune

QUERIES = {"fr": "participation", "ar": "النساء"}


def first(model, lang, longest=None):
    pages = model.objects.live().public().filter(locale__language_code=lang)
    if longest:  # the fiche with the longest such block: the one that overflowed
        return pages.annotate(size=Length(longest)).order_by("-size").first()
    return pages.order_by("path").first()


def index_of(model, lang):
    return model.objects.live().filter(locale__language_code=lang).first()


def paths_of(lang):
    index = index_of(PracticeIndexPage, lang)
    practice = first(PracticePage, lang, longest="actors_services")
    theme = practice.themes.first()
    commune = Commune.objects.filter(country="MA").order_by("slug").first()
    return {
        "home": f"/{lang}/",
        "practice-index": index.url,
        "practice-index-filtered": f"{index.url}?theme={theme.slug}",
        "practice": practice.url,
        "template-index": index_of(TemplateIndexPage, lang).url,
        "template": first(TemplatePage, lang).url,
        "training-index": index_of(TrainingIndexPage, lang).url,
        "training": first(TrainingPage, lang).url,
        "commune": f"{index.url}commune/{commune.slug}/",
        "communes": f"{index.url}communes/",
        "search": f"/{lang}/search/?q={QUERIES[lang]}",
        "search-empty": f"/{lang}/search/?q=zzqxwv",
        "share": f"/{lang}/partager/",
        "login": f"/{lang}/compte/connexion/",
        "not-found": f"/{lang}/nexiste-pas-du-tout/",
    }


def admin_paths():
    """The dashboard, and the editor of a French fiche of Tanger (whose
    editor, ``tanger.redaction``, the demo has)."""
    fiche = (
        PracticePage.objects.filter(locale__language_code="fr", commune__slug="tanger")
        .order_by("path")
        .first()
    )
    return {"dashboard": "/admin/", "editor": f"/admin/pages/{fiche.pk}/edit/"}


# The answer, read by browser_site.py from the last line of the output.
print(json.dumps({"fr": paths_of("fr"), "ar": paths_of("ar"), "admin": admin_paths()}))  # noqa: T201
