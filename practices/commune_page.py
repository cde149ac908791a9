"""What a commune page shows besides the commune's practices: its partners,
linked to their pages, and the document templates and training modules that
go with its practices.

Templates and training modules belong to no commune (they are the programme's,
under their own indexes, not in a commune's section): a commune's are those
linked to its practices (their « pratiques liées ») or sharing a theme with
one of them. Only what the viewer may see, of practices as of resources: a
private practice must not reveal, through its themes, that it exists. One
query per kind, the practices and their themes being subqueries.
"""

from django.db.models import Q
from django.utils.html import format_html

from hub.visibility import visible_pages

from .models import PracticePage, TemplatePage, TrainingPage


def commune_resources(commune, locale_id, user):
    """``{"templates": [...], "trainings": [...]}`` for ``commune``'s page."""
    practices = visible_pages(PracticePage.objects.live(), user).filter(
        locale_id=locale_id, commune=commune
    )
    goes_with = Q(related_practices__in=practices.values("pk")) | Q(
        themes__in=practices.values("themes")
    )
    return {
        name: list(
            visible_pages(model.objects.live(), user)
            .filter(goes_with, locale_id=locale_id)
            .distinct()
            .order_by("title")
        )
        for name, model in (("templates", TemplatePage), ("trainings", TrainingPage))
    }


def link_partners(partnerships, commune, index, request=None):
    """Each partnership's two communes as HTML for its sentence: the partner
    a link to its page (on the practice ``index``), ``commune`` itself not."""
    base = index.get_url(request)
    for partnership in partnerships:
        for side in ("moroccan", "belgian"):
            other = getattr(partnership, f"{side}_commune")
            if other.pk == commune.pk:
                html = format_html("<bdi>{}</bdi>", other.name)
            else:
                url = base + index.reverse_subpage("commune_route", args=[other.slug])
                html = format_html('<a href="{}"><bdi>{}</bdi></a>', url, other.name)
            setattr(partnership, f"{side}_html", html)
    return partnerships
