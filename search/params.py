"""The parameters of a search, parsed once for the page and the API.

``parse()`` never raises: it returns a clean ``SearchParams`` (bad values replaced by
their defaults) and the errors per parameter, in the order of ``PARAMETERS``. The
API answers 400 on the first error; the page shows them as a notice and goes on,
because links get mangled by messaging apps and people edit URLs by hand.
"""

import re
from dataclasses import dataclass, field, replace

from django.http import QueryDict
from django.utils.translation import gettext as _

from practices import facets
from practices.content_types import KEYS

MAX_QUERY_LENGTH = 200
MAX_PAGE = 10**9
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
# A filter repeated more often than this is abuse, not a search: refuse the extra.
MAX_VALUES_PER_FILTER = 5
# Autocomplete: no suggestions under MIN_LENGTH characters, at most MAX_SUGGESTIONS.
MIN_LENGTH = 2
MAX_SUGGESTIONS = 8

LANGUAGES = ("fr", "ar", "all")
SORTS = ("relevance", "date")
# One parameter per filter of the facet table (practices.facets), in its order.
FILTERS = tuple(facet.name for facet in facets.search_filters())
# Filters whose values are term slugs (or tag slugs, which may be Arabic).
SLUG_FILTERS = tuple(facet.name for facet in facets.search_filters() if facet.slugs)
PARAMETERS = ("q", "lang", *FILTERS, "page", "page_size", "sort")

_SLUG_RE = re.compile(r"[-\w]{1,100}")
_INTEGER_RE = re.compile(r"[0-9]{1,9}", re.ASCII)

# Query-syntax characters of the FTS engines: a stray quote or bracket typed by a
# visitor must search for words, not fail as a malformed expression.
SYNTAX_CHARACTERS = str.maketrans(dict.fromkeys('"*^:(){}[]+\\<>~|&!', " "))


def clean_query(raw):
    """Strip what no search engine should see: control and query-syntax characters."""
    text = "".join(ch for ch in raw if ch.isprintable() or ch.isspace())
    text = text.translate(SYNTAX_CHARACTERS)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class SearchParams:
    """A validated search: ``filters`` maps a filter name to its values (AND)."""

    q: str = ""
    lang: str = "fr"
    filters: dict = field(default_factory=dict)
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    sort: str = "relevance"

    def replace(self, **changes):
        return replace(self, **changes)

    def with_filter(self, name, value):
        values = self.filters.get(name, ())
        if value in values:
            return self
        return self.replace(filters={**self.filters, name: (*values, value)}, page=1)

    def without_filter(self, name, value=None):
        values = tuple(v for v in self.filters.get(name, ()) if value not in (None, v))
        filters = {k: v for k, v in self.filters.items() if k != name}
        if values:
            filters[name] = values
        return self.replace(filters=filters, page=1)

    def querystring(self, default_lang):
        """The URL query string of this search, without the default values."""
        query = QueryDict(mutable=True)
        if self.q:
            query["q"] = self.q
        if self.lang != default_lang:
            query["lang"] = self.lang
        for name in FILTERS:
            query.setlist(name, list(self.filters.get(name, ())))
        defaults = {"page": 1, "page_size": DEFAULT_PAGE_SIZE, "sort": "relevance"}
        for name, default in defaults.items():
            if getattr(self, name) != default:
                query[name] = str(getattr(self, name))
        return query.urlencode()


def parse(data, default_lang):
    """Return ``(SearchParams, {parameter: message})`` from a ``QueryDict``."""
    errors = {}
    values = {"q": clean_query(data.get("q", ""))}
    values["lang"] = _choice(data, "lang", LANGUAGES, default_lang, errors)
    values["filters"] = _filters(data, errors)
    values["page"] = _integer(data, "page", 1, (1, MAX_PAGE), errors)
    values["page_size"] = _integer(
        data, "page_size", DEFAULT_PAGE_SIZE, (1, MAX_PAGE_SIZE), errors
    )
    values["sort"] = _choice(data, "sort", SORTS, "relevance", errors)
    ordered = {name: errors[name] for name in PARAMETERS if name in errors}
    return SearchParams(**values), ordered


def _choice(data, name, choices, default, errors):
    raw = data.get(name, "").strip()
    if not raw:
        return default
    if raw in choices:
        return raw
    errors[name] = _(
        "Valeur non valide pour « %(name)s » : choisissez %(choices)s."
    ) % {
        "name": name,
        "choices": ", ".join(choices),
    }
    return default


def _integer(data, name, default, bounds, errors):
    raw = data.get(name, "").strip()
    if not raw:
        return default
    low, high = bounds
    if _INTEGER_RE.fullmatch(raw) and low <= int(raw) <= high:
        return int(raw)
    errors[name] = _(
        "Valeur non valide pour « %(name)s » : nombre entier de %(low)s à %(high)s."
    ) % {"name": name, "low": low, "high": high}
    return default


def _filters(data, errors):
    """Filter name -> tuple of distinct values; a bad value drops the whole filter."""
    filters = {}
    for name in FILTERS:
        raw = [v.strip() for v in data.getlist(name) if v.strip()]
        values = tuple(dict.fromkeys(raw))
        if not values:
            continue
        message = _filter_error(name, values)
        if message:
            errors[name] = message
        else:
            filters[name] = values
    return filters


def _filter_error(name, values):
    """Why ``values`` cannot filter ``name``, or ``None`` when they can."""
    if len(values) > MAX_VALUES_PER_FILTER:
        return _("Trop de valeurs pour « %(name)s » (%(max)s au plus).") % {
            "name": name,
            "max": MAX_VALUES_PER_FILTER,
        }
    if name == "type" and not set(values) <= set(KEYS):
        return _("Valeur non valide pour « %(name)s » : choisissez %(choices)s.") % {
            "name": name,
            "choices": ", ".join(KEYS),
        }
    if name == "year" and not all(_is_year(v) for v in values):
        return _("Valeur non valide pour « year » : une année de 1000 à 9999.")
    if name in SLUG_FILTERS and not all(_SLUG_RE.fullmatch(v) for v in values):
        return _("Valeur non valide pour « %(name)s » : un identifiant (slug).") % {
            "name": name
        }
    return None


def _is_year(value):
    return bool(_INTEGER_RE.fullmatch(value)) and 1000 <= int(value) <= 9999
