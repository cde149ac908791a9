"""What a practice page shows about adaptation: its lineage (one query, when
the template's cached fragment is rebuilt) and, for an editor of another
commune, the « adapter » button (one more query, none for an anonymous
visitor)."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from hub.visibility import viewer

from .access import adaptable_communes
from .lineage import Lineage, lineages


def adaptation_context(page, request):
    user = viewer(request)
    communes = adaptable_communes(user, page) if user is not None else []
    return {
        # Read when the template's cached lineage fragment is rebuilt only.
        "lineage": SimpleLazyObject(lambda: lineage_of(page, user, request)),
        "adapt_communes": communes,
        "adapt_url": reverse("adapt-practice", args=[page.pk]) if communes else "",
    }


def lineage_of(page, user, request):
    found = lineages([page], user=user, request=request) if page.pk else {}
    return found.get(page.pk, Lineage())
