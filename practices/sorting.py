"""How an index page orders its pages: the ``tri`` parameter.

``annee`` (the default: newest year first, as the lists always were),
``recents`` (last published first: what changed lately) and ``titre``
(alphabetical in the page's language). An unknown value is the default, never
an error: links are typed and mangled by hand.

The databases compare titles byte by byte (SQLite) or by their own collation
(PostgreSQL), so « Égalité » would follow « Zones » on one and not the other:
titles are sorted here, accents and case folded (which also folds Arabic
hamza forms and vowel marks, whose Unicode order is otherwise the alphabet's),
on the ids and titles alone, and only the page shown is loaded.
"""

import unicodedata

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

PARAM = "tri"
DEFAULT = "annee"
ORDERS = {
    "annee": ("-year", "title", "pk"),
    "recents": ("-last_published_at", "pk"),
    "titre": None,  # sorted in Python: title_key
}
LABELS = {
    "annee": _("Année"),
    "recents": _("Dernière mise à jour"),
    "titre": _("Titre"),
}


def requested(request):
    value = request.GET.get(PARAM, "")
    return value if value in ORDERS else DEFAULT


def title_key(title):
    decomposed = unicodedata.normalize("NFKD", title)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold()


def paginate(queryset, sort, number, page_size):
    """One page of ``queryset`` in the ``sort`` order, its objects loaded."""
    if ORDERS[sort] is not None:
        return Paginator(queryset.order_by(*ORDERS[sort]), page_size).get_page(number)
    rows = queryset.order_by().values_list("pk", "title")
    ids = [pk for pk, title in sorted(rows, key=lambda r: (title_key(r[1]), r[0]))]
    page = Paginator(ids, page_size).get_page(number)
    loaded = queryset.in_bulk(list(page.object_list))
    page.object_list = [loaded[pk] for pk in page.object_list]
    return page


def links(request, sort):
    """The orders as links that keep the filters (and go back to page 1)."""
    params = request.GET.copy()
    params.pop("page", None)
    found = []
    for value, label in LABELS.items():
        params.pop(PARAM, None)
        if value != DEFAULT:
            params[PARAM] = value
        found.append(
            {"label": label, "url": "?" + params.urlencode(), "active": value == sort}
        )
    return found
