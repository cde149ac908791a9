"""``{% follow_button kind value %}``: « Suivre » for a logged-in member, on
the lists and pages where following is natural (a list filtered by theme,
commune or public, a commune's page, the search results); « Suivi » once they
follow it. Nothing for a visitor: following needs an account."""

from django import template
from django.utils.translation import get_language

from ..matching import FACET_OF_KIND, saved_search, term_name
from ..models import Follow

register = template.Library()


@register.inclusion_tag("alerts/follow_buttons.html", takes_context=True)
def follow_button(context, kind, value):
    """One button: ``value`` a term's slug, or for a search its query (a
    ``QueryDict``: ``request.GET``)."""
    return _buttons(context, [(kind, value)])


@register.inclusion_tag("alerts/follow_buttons.html", takes_context=True)
def follow_filters(context):
    """A button per active theme, commune or public filter of a list."""
    active = context.get("active_filters") or {}
    wanted = [
        (kind, active[name])
        for kind, name in FACET_OF_KIND.items()
        if isinstance(active.get(name), str)
    ]
    return _buttons(context, wanted)


def _buttons(context, wanted):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"buttons": []}
    buttons = []
    for kind, value in wanted:
        if kind == Follow.SEARCH:
            value = saved_search(value.urlencode(), get_language())
        if not value:  # a search without words nor filter: everything
            continue
        follow = Follow(user=user, kind=kind, value=value, language=get_language())
        followed = Follow.objects.filter(
            user=user, kind=kind, value=value, language=follow.language
        ).exists()
        label = "" if kind == Follow.SEARCH else term_name(follow)
        buttons.append(
            {"kind": kind, "value": value, "label": label, "followed": followed}
        )
    return {
        "buttons": buttons,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
