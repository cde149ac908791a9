"""Facet counts and filters, in memory, whatever the search backend.

The search engine only ranks; filtering and counting happen here, over a per-process
"facet index" of every live practice, template and training page: page id -> its
facet values, as sets of page ids per facet value (to filter) and bitmaps (to
count): a few milliseconds for 10,000 ids, where asking each backend for facets
would differ per engine and cost queries. The facets are those of the table
(``practices.facets``) that the search counts, with its rules: a commune is a
value only if Moroccan, as on the index pages. The engines index no facet: this
index is read from the database, so a facet added to the table needs no engine
mapping change, only a new version of the index.

The index is rebuilt lazily when the version stored in Django's cache changes
(``hub.versioned_cache``); page publish, unpublish and delete, and term edits bump
it (``bump_version``, connected in ``signal_handlers``). With the local-memory
cache every process has its own version, so a publish is seen at once by the
process that handled it only: production refuses to start without a cache shared
across processes (``CACHE_URL``). Even so, the index may lag behind the database
(a write without signals, ``MAX_AGE``): it ranks, filters and counts, but what the
search shows is checked against the database (``service``). Which indexed pages
are restricted is read once per index (``visibility.restrictions``), so once per
version too.
"""

from dataclasses import dataclass, replace

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from hub.versioned_cache import VersionedValue
from practices import content_types
from practices import facets as facet_table

VERSION_KEY = "search:facet-index-version"
FACETS = tuple(facet.name for facet in facet_table.in_search())
# Facets of one value per page read with the page's row (region, commune, kind,
# year).
FIELD_FACETS = tuple(
    facet for facet in facet_table.in_search() if facet.lookup and not facet.many
)
# Many-to-many term fields: facet -> field name (tags are read on their own).
TERM_FIELDS = {
    facet.name: facet.page_field
    for facet in facet_table.in_search()
    if facet.many and facet.vocabulary
}
VOCABULARIES = {
    facet.name: facet.vocabulary_model
    for facet in facet_table.in_search()
    if facet.vocabulary
}


@dataclass(frozen=True)
class Entry:
    """What the search needs to know about one live page without loading it."""

    id: int
    type: str
    language: str
    translation_key: str
    published: float
    tags: tuple  # (slug, name) pairs, in name order


class FacetIndex:
    """Live hub pages with their facet values; immutable once built.

    Filtering uses sets of page ids; counting uses one bitmap (a Python int, bit n
    for the n-th page) per facet value, so counting the values of 12,000 matches is
    one ``&`` and ``bit_count()`` per value: ~2 ms where set intersections took
    ~10 ms and a pass over each match's values ~35 ms.
    """

    def __init__(self, entries, values, locale_ids):
        self.entries = entries
        self.locale_ids = locale_ids
        self.postings = {name: {} for name in FACETS}  # facet -> value -> {ids}
        for page_id, pairs in values.items():
            for name, value in pairs:
                self.postings[name].setdefault(value, set()).add(page_id)
        newest = sorted(entries.values(), key=lambda e: (e.published, e.id))[::-1]
        self.position = {entry.id: n for n, entry in enumerate(newest)}
        self.bitmaps = {
            name: {value: self._bitmap(members) for value, members in postings.items()}
            for name, postings in self.postings.items()
        }
        self.translations = {}
        for entry in entries.values():
            self.translations.setdefault(entry.translation_key, []).append(entry)
        self.labels = {}

    def _bitmap(self, ids):
        bits = bytearray(len(self.position) // 8 + 1)
        for page_id in ids:
            n = self.position[page_id]
            bits[n >> 3] |= 1 << (n & 7)
        return int.from_bytes(bits, "little")

    def in_scope(self, lang):
        """Ids of the pages in ``lang`` ("all": every page), newest first."""
        ids = self.entries if lang == "all" else self.postings["language"].get(lang, ())
        return self.by_date(ids)

    def by_date(self, ids):
        """``ids`` newest first (positions are numbered in that order)."""
        return sorted(ids, key=self.position.__getitem__)

    def filter(self, ids, filters):
        """``ids`` (in their order) that are indexed and match every filter value."""
        allowed = self.entries.keys()
        for name, values in filters.items():
            for value in values:
                allowed = allowed & self.postings[name].get(value, set())
        return [i for i in ids if i in allowed]

    def count(self, ids):
        """Facet -> {value: number of ``ids`` having it}, most frequent first."""
        mask = self._bitmap(ids)
        counts = {}
        for name, bitmaps in self.bitmaps.items():
            found = [
                (value, (mask & bits).bit_count()) for value, bits in bitmaps.items()
            ]
            counts[name] = dict(sorted((p for p in found if p[1]), key=_by_count))
        return counts

    def one_per_translation(self, ids, language):
        """Keep one page per translation_key: the one in ``language`` if it is among
        ``ids``, else the best ranked; at the rank of the best ranked member."""
        present = set(ids)
        chosen, seen = [], set()
        for page_id in ids:
            key = self.entries[page_id].translation_key
            if key in seen:
                continue
            seen.add(key)
            preferred = [
                e.id
                for e in self.translations[key]
                if e.language == language and e.id in present
            ]
            chosen.append(preferred[0] if preferred else page_id)
        return chosen

    def other_languages(self, page_id):
        """The other live translations of a page, as entries."""
        entry = self.entries[page_id]
        return [e for e in self.translations[entry.translation_key] if e.id != page_id]


def _by_count(item):
    value, n = item
    return (-n, value)


# Changes made without our signals (raw SQL, a process where they were never
# connected) still show after this many seconds.
MAX_AGE = 300
# Built by ``build_index`` as named in this module when it runs (so a test may
# replace it), once per version of ``VERSION_KEY`` (``hub.versioned_cache``).
INDEX = VersionedValue(VERSION_KEY, lambda: build_index(), max_age=MAX_AGE)


def get_index():
    """The facet index of the current version, rebuilt if a page changed."""
    return INDEX.get()


def bump_version(**_kwargs):
    """Invalidate every process's index: now, and again after the transaction
    commits, so that no process can cache a build that missed the change."""
    INDEX.bump()


def build_index():
    """Read every live hub page's facet values: a dozen queries for the site."""
    entries, values = {}, {}
    # Private pages are indexed too, for those who may see them: every search
    # reads the index through ``visibility.for_viewer``, which leaves them out
    # for everyone else.
    for model in content_types.models():
        _read_pages(model.objects.live(), entries, values)
        _read_terms(model, entries, values)
        tags = _read_tags(model, entries, values)
        for page_id, pairs in tags.items():
            entries[page_id] = replace(entries[page_id], tags=tuple(pairs))
    locale_ids = dict(Locale.objects.values_list("language_code", "pk"))
    return FacetIndex(entries, values, locale_ids)


def _read_pages(pages, entries, values):
    model = pages.model
    page_type = content_types.of(model).key
    fields = ["id", "locale__language_code", "translation_key", "first_published_at"]
    read = [f for f in FIELD_FACETS if _has(model, f.page_field)]
    fields += [facet.lookup for facet in read]
    # What tells whether a term is one of the facet's (a commune's country).
    fields += [
        lookup for facet in read for lookup in facet.term_filter(facet.page_field)
    ]
    for row in pages.values(*fields):
        page_id, published = row["id"], row["first_published_at"]
        entries[page_id] = Entry(
            id=page_id,
            type=page_type,
            language=row["locale__language_code"],
            translation_key=str(row["translation_key"]),
            published=published.timestamp() if published else 0.0,
            tags=(),
        )
        pairs = [("type", page_type), ("language", entries[page_id].language)]
        pairs += [
            (facet.name, row[facet.lookup]) for facet in read if _admits(facet, row)
        ]
        values[page_id] = [(n, str(v)) for n, v in pairs if v]


def _read_terms(model, entries, values):
    for facet, field_name in TERM_FIELDS.items():
        if not _has(model, field_name):
            continue
        field = model._meta.get_field(field_name)
        through = field.remote_field.through
        source = f"{field.m2m_field_name()}_id"
        term = field.m2m_reverse_field_name()
        rows = through.objects.filter(**facet_table.get(facet).term_filter(term))
        for page_id, slug in rows.values_list(source, f"{term}__slug"):
            if page_id in entries:
                values[page_id].append((facet, slug))


def _read_tags(model, entries, values):
    tags = {}
    rows = model.tags.through.objects.values_list(
        "content_object_id", "tag__slug", "tag__name"
    )
    for page_id, slug, name in rows.order_by("tag__name"):
        if page_id in entries:
            values[page_id].append(("tag", slug))
            tags.setdefault(page_id, []).append((slug, name))
    return tags


def _admits(facet, row):
    """Whether the term of ``facet`` in a page's ``row`` is one of its values."""
    admitted = facet.term_filter(facet.page_field)
    return all(row[lookup] == value for lookup, value in admitted.items())


def _has(model, field_name):
    return any(f.name == field_name for f in model._meta.get_fields())


def labels(index, language):
    """Facet -> {value: label in ``language``}: one query per vocabulary, kept
    with the index (so until the next version). Tags are not translated."""
    if language not in index.labels:
        found = {
            name: dict(
                model.objects.filter(
                    locale__language_code=language,
                    **facet_table.get(name).term_filter(),
                ).values_list("slug", "name")
            )
            for name, model in VOCABULARIES.items()
        }
        with translation.override(language):
            found["type"] = {
                t.key: str(t.model._meta.verbose_name)
                for t in content_types.registered()
            }
            names = settings.TRANSLATED_LANGUAGE_NAMES
            found["language"] = {code: str(name) for code, name in names.items()}
        found["tag"] = {
            slug: name for e in index.entries.values() for slug, name in e.tags
        }
        index.labels[language] = found
    return index.labels[language]
