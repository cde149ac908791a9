"""The facets of hub pages, named once: the filters of the index pages
(``listing``) and the facets and filters of the search (``search.facets``,
``search.params``, its page and its OpenAPI document) are read from this table,
with their labels.

Each facet's name is its query-string key and the API's facet name. Both sides
mean the same by a facet: its values are those the pages (live, visible to the
viewer, in the language) use, among the terms the facet admits (``terms``: the
Moroccan communes only); the index pages read them from the database, the
search from its facet index. A leaf module: vocabularies are named by model
label and resolved only when asked, so ``search.params`` and the model modules
can import it.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Facet:
    name: str
    label: Promise
    # The page field it reads, None when it is not a field of the page models
    # (type: the page's model; language: its locale).
    page_field: str | None
    # The filter on the page models for one value: a slug, or the year itself.
    lookup: str | None
    # The model of its terms, None for tags, years, types and languages.
    vocabulary: str | None
    # Several values per page (many-to-many, tags).
    many: bool
    # Counted and filtered by the search (all facets of a page field are).
    in_search: bool
    # False when another parameter chooses its values: language, whose values
    # the search's ``lang`` scope chooses (one language or all).
    filterable: bool = True
    # The search API's description of its parameter (OpenAPI, in English).
    description: str = ""
    # Which terms of the vocabulary are values of the facet, as (field, value)
    # pairs on the term: communes are the Moroccan partner communes, whose
    # practices the programme collects; a Belgian partner is not a choice even
    # if a fiche sits in its section. Empty: every term.
    terms: tuple = ()

    @property
    def vocabulary_model(self):
        return apps.get_model(self.vocabulary) if self.vocabulary else None

    def term_filter(self, through=None):
        """The lookups that keep this facet's terms: on the terms themselves, or
        ``through`` a page's field (``term_filter("commune")``)."""
        prefix = f"{through}__" if through else ""
        return {f"{prefix}{field}": value for field, value in self.terms}

    @property
    def slugs(self):
        """Its values are slugs (of terms, or of tags, which may be Arabic)."""
        return self.lookup is not None and self.lookup.endswith("__slug")


FACETS = (
    Facet(
        "type",
        _("Type de contenu"),
        page_field=None,
        lookup=None,
        vocabulary=None,
        many=False,
        in_search=True,
        description="Page type.",
    ),
    Facet(
        "language",
        _("Langue"),
        page_field=None,
        lookup=None,
        vocabulary=None,
        many=False,
        in_search=True,
        filterable=False,
    ),
    Facet(
        "theme",
        _("Thème"),
        page_field="themes",
        lookup="themes__slug",
        vocabulary="programme.Theme",
        many=True,
        in_search=True,
        description="Theme slug (e.g. budget-participatif).",
    ),
    Facet(
        "region",
        _("Région"),
        page_field="region",
        lookup="region__slug",
        vocabulary="programme.Region",
        many=False,
        in_search=True,
        description="Region slug (e.g. tanger-tetouan-al-hoceima).",
    ),
    Facet(
        "commune",
        _("Commune"),
        page_field="commune",
        lookup="commune__slug",
        vocabulary="programme.Commune",
        many=False,
        in_search=True,
        description="Commune slug, Moroccan communes only (e.g. tanger).",
        terms=(("country", "MA"),),
    ),
    Facet(
        "public",
        _("Public cible"),
        page_field="target_publics",
        lookup="target_publics__slug",
        vocabulary="programme.TargetPublic",
        many=True,
        in_search=True,
        description="Target public slug: women, youth, specific-needs, migrants.",
    ),
    Facet(
        "kind",
        _("Type de document"),
        page_field="kind",
        lookup="kind__slug",
        vocabulary="programme.DocumentKind",
        many=False,
        in_search=True,
        description="Document kind slug, templates only (e.g. call-for-projects).",
    ),
    Facet(
        "tag",
        _("Mot-clé"),
        page_field="tags",
        lookup="tags__slug",
        vocabulary=None,
        many=True,
        in_search=True,
        description="Free tag slug (may be Arabic).",
    ),
    Facet(
        "year",
        _("Année"),
        page_field="year",
        lookup="year",
        vocabulary=None,
        many=False,
        in_search=True,
        description="Year.",
    ),
)
_BY_NAME = {facet.name: facet for facet in FACETS}


def get(name):
    """The facet ``name``; KeyError for an unknown one."""
    return _BY_NAME[name]


def on_index_pages():
    """The facets an index page may filter by: those of a page field."""
    return tuple(facet for facet in FACETS if facet.lookup is not None)


def in_search():
    """The facets the search counts, in the table's order."""
    return tuple(facet for facet in FACETS if facet.in_search)


def search_filters():
    """The facets the search filters by, each with a parameter of its name."""
    return tuple(facet for facet in in_search() if facet.filterable)
