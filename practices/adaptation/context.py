"""What a practice page shows about adaptation: its lineage (one query) and,
for an editor of another commune, the « adapter » button (one more query,
none for an anonymous visitor)."""

from django.urls import reverse

from hub.visibility import viewer

from .access import adaptable_communes
from .lineage import Lineage, lineages


def adaptation_context(page, request):
    user = viewer(request)
    found = lineages([page], user=user, request=request) if page.pk else {}
    communes = adaptable_communes(user, page) if user is not None else []
    return {
        "lineage": found.get(page.pk, Lineage()),
        "adapt_communes": communes,
        "adapt_url": reverse("adapt-practice", args=[page.pk]) if communes else "",
    }
