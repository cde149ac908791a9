"""The open datasets: public live fiches of one language as flat rows, each
column described in ``dictionary``. What an anonymous visitor may read, and no
personal data: a practice's free-text contacts, its owner and its editors are
never exported (GDPR, Moroccan law 09-08)."""

from django.utils.translation import gettext_lazy as _

from hub.visibility import visible_pages
from practices.models import PracticePage
from programme.models import TargetPublic

# Column → its description (the data dictionary), in the export's order.
PRACTICE_COLUMNS = {
    "ref": _("Identifiant stable de la fiche dans cette langue."),
    "title": _("Titre de la fiche."),
    "url": _("Adresse de la fiche sur Passerelle."),
    "language": _("Langue de la fiche (fr ou ar)."),
    "original_language": _("Langue dans laquelle la fiche a été écrite."),
    "summary": _("Résumé."),
    "commune": _("Commune qui mène la pratique (identifiant)."),
    "commune_name": _("Nom de la commune."),
    "region": _("Région (identifiant)."),
    "region_name": _("Nom de la région."),
    "themes": _("Thèmes (identifiants séparés par « | »)."),
    "target_publics": _("Publics cibles (identifiants séparés par « | »)."),
    "tags": _("Mots-clés (séparés par « | »)."),
    "status": _(
        "État : planned (prévue), ongoing (en cours), completed (terminée), "
        "stopped (arrêtée)."
    ),
    "year": _("Année."),
    "start_date": _("Date de début (AAAA-MM-JJ)."),
    "end_date": _("Date de fin (AAAA-MM-JJ)."),
    "funding_own": _("Financement propre de la commune, en dirhams."),
    "funding_external": _("Financement extérieur, en dirhams."),
    "participants": _("Nombre total de participants, tous publics."),
    "first_published": _("Première publication (date et heure, UTC)."),
    "last_published": _("Dernière mise à jour publiée (date et heure, UTC)."),
}
PARTICIPANT_COLUMNS = {
    "practice_ref": _("Identifiant de la fiche (colonne « ref » des pratiques)."),
    "target_public": _("Public cible (identifiant)."),
    "target_public_name": _("Nom du public cible."),
    "count": _("Nombre de participants de ce public."),
}


def public_practices(locale):
    pages = visible_pages(PracticePage.objects.live().filter(locale=locale), None)
    return (
        pages.select_related("commune", "region")
        .prefetch_related("themes", "target_publics", "tags", "participations")
        .order_by("ref")
    )


def practice_rows(locale, request):
    for page in public_practices(locale):
        yield {
            "ref": page.ref,
            "title": page.title,
            "url": page.get_full_url(request),
            "language": locale.language_code,
            "original_language": page.original_language,
            "summary": page.summary,
            "commune": page.commune.slug if page.commune else "",
            "commune_name": page.commune.name if page.commune else "",
            "region": page.region.slug if page.region else "",
            "region_name": page.region.name if page.region else "",
            "themes": "|".join(sorted(t.slug for t in page.themes.all())),
            "target_publics": "|".join(
                sorted(t.slug for t in page.target_publics.all())
            ),
            "tags": "|".join(sorted(t.name for t in page.tags.all())),
            "status": page.status,
            "year": page.year or "",
            "start_date": page.start_date.isoformat() if page.start_date else "",
            "end_date": page.end_date.isoformat() if page.end_date else "",
            "funding_own": page.funding_own if page.funding_own is not None else "",
            "funding_external": (
                page.funding_external if page.funding_external is not None else ""
            ),
            "participants": sum(row.count for row in page.participations.all()),
            "first_published": _iso(page.first_published_at),
            "last_published": _iso(page.last_published_at),
        }


def participant_rows(locale, request):
    publics = {p.pk: p for p in TargetPublic.objects.filter(locale=locale)}
    for page in public_practices(locale):
        for row in page.participations.all():
            public = publics.get(row.target_public_id)
            yield {
                "practice_ref": page.ref,
                "target_public": public.slug if public else "",
                "target_public_name": public.name if public else "",
                "count": row.count,
            }


INDICATOR_COLUMNS = {
    "practice_ref": _("Identifiant de la fiche (colonne « ref » des pratiques)."),
    "label": _("Ce qui est mesuré."),
    "value": _("Valeur atteinte (nombre)."),
    "unit": _("Unité (%, MAD, personnes…)."),
    "baseline": _("Valeur de départ."),
    "target": _("Objectif."),
    "year": _("Année de la mesure."),
    "target_public": _("Public cible (identifiant)."),
    "note": _("Précision, ou la valeur quand elle n'est pas un nombre."),
}


def indicator_rows(locale, request):
    for page in public_practices(locale):
        for block in page.indicators:
            if block.block_type != "indicator":
                continue
            value = block.value
            row = {"practice_ref": page.ref}
            for column in list(INDICATOR_COLUMNS)[1:]:
                item = value.get(column)
                item = getattr(item, "slug", item)  # a target public, as a term
                row[column] = "" if item is None else str(item)
            yield row


def _iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


DATASETS = {
    "pratiques": {
        "title": _("Bonnes pratiques"),
        "description": _(
            "Les fiches de bonnes pratiques publiées par les communes partenaires, "
            "avec leurs vocabulaires et le total de leurs participants."
        ),
        "columns": PRACTICE_COLUMNS,
        "rows": practice_rows,
    },
    "participants": {
        "title": _("Participants par public cible"),
        "description": _(
            "Pour chaque fiche publiée, le nombre de participants de chaque "
            "public cible (femmes, jeunes, personnes à besoins spécifiques, "
            "migrants)."
        ),
        "columns": PARTICIPANT_COLUMNS,
        "rows": participant_rows,
    },
    "indicateurs": {
        "title": _("Indicateurs de résultats"),
        "description": _(
            "Les résultats mesurés que chaque fiche publiée rapporte : valeur, "
            "unité, valeur de départ, objectif, année et public cible."
        ),
        "columns": INDICATOR_COLUMNS,
        "rows": indicator_rows,
    },
}
