"""The order agents can trust, the same on every backend: the engine finds and
pre-ranks the matches, then the first ``RERANKED`` are ordered here by

1. the number of distinct query terms the fiche holds (all of them first);
2. a BM25F-like score: each term's occurrences weighted by zone — title >
   summary > body > attachment text (``WEIGHTS``) — then saturated
   (``tf / (tf + K1 · norm)``), so that repeating a word does not win, with a
   mild length normalisation (``B``) so that a long practice is not buried by a
   short template that mentions the topic once in passing;
3. the engine's order.

Neither FTS5's ``bm25`` (one weight per column, and the index has a title and a
body column only) nor ``ts_rank`` (unsaturated counts) can say this, hence the
Python. It reads the analysed text the index already holds (``zoned_body``: the
body's zones separated by ``|``, which both engines' tokenisers skip), so no page
is loaded, and it reads it for ``RERANKED`` matches only: the p95 does not grow
with the number of matches. Index entries written before the zones existed
count as one body zone until ``update_index`` rewrites them.

OpenSearch and Elasticsearch keep the same two texts in each document
(``RANKING_FIELD``, stored but not indexed: ``object_texts``), looked up by pk
for the first ``RERANKED`` ids of the search: the four backends order their
matches by the same key, so they agree on the top of every judged query
(``benchmarks.ranking_eval --top3``).
"""

from __future__ import annotations

from django.db.models import Manager
from django.utils.encoding import force_str
from modelsearch.index import RelatedFields, SearchField
from modelsearch.query import And, Not, Or, PlainText

from search.analysis import analyse_query, analyse_to_string

ZONE_SEPARATOR = " | "
SUMMARY, BODY, ATTACHMENT = 0, 1, 2
# Title, summary (and boosted fields), body, attachment text.
WEIGHTS = (6.0, 3.0, 1.0, 0.5)
K1 = 1.2
B = 0.3
RERANKED = 200
# The engines' document field holding {"title": …, "body": …} (object_texts).
RANKING_FIELD = "passerelle_ranking"


def zone_of(field) -> int:
    """The body zone of a ``SearchField`` (the title has its own column)."""
    if field.field_name == "attachments_text":
        return ATTACHMENT
    if (getattr(field, "boost", None) or 1) > 1:
        return SUMMARY
    return BODY


def zoned_body(values) -> str:
    """The analysed body: ``values`` are (zone, text) pairs; every zone present,
    in order, so that the zones are found again by position."""
    zones = [[], [], []]
    for zone, text in values:
        zones[zone].append(analyse_to_string(text))
    return ZONE_SEPARATOR.join(" ".join(filter(None, zone)) for zone in zones)


def indexed_body(indexer) -> str:
    """``zoned_body`` of a modelsearch ``ObjectIndexer``'s non-title fields (the
    SQLite one prepares (field, value), the PostgreSQL one (field, weight, value))."""
    values = []
    for search_field in indexer.search_fields:
        for prepared in indexer.prepare_field(indexer.obj, search_field):
            field, value = prepared[0], prepared[-1]
            if isinstance(field, SearchField) and field.field_name != "title":
                values.append((zone_of(field), value))
    return zoned_body(values)


class _FieldReader:
    """The (field, text) pairs of an object's search fields, as modelsearch's
    database ``ObjectIndexer`` prepares them (related fields followed, lists and
    dicts joined) — rewritten because that class lives in a module that only
    imports on the database it is for."""

    def __init__(self, obj):
        self.obj, self.search_fields = obj, obj.get_search_fields()

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        if isinstance(value, list):
            return ", ".join(self.prepare_value(item) for item in value)
        if isinstance(value, dict):
            return ", ".join(self.prepare_value(item) for item in value.values())
        return force_str(value)

    def prepare_field(self, obj, field):
        if isinstance(field, SearchField):
            yield field, self.prepare_value(field.get_value(obj))
        elif isinstance(field, RelatedFields):
            value = field.get_value(obj)
            if value is None:
                return
            if isinstance(value, Manager):
                related = value.all()
            else:
                related = [value() if callable(value) else value]
            for item in related:
                for sub_field in field.fields:
                    yield from self.prepare_field(item, sub_field)


def object_texts(obj) -> dict:
    """The analysed title and zoned body of ``obj``, as the database backends'
    index stores them (for the engines' documents). The search fields are read
    once: each related field is a query when not prefetched (a publish)."""
    reader = _FieldReader(obj)
    titles, values = [], []
    for search_field in reader.search_fields:
        for field, text in reader.prepare_field(obj, search_field):
            if not isinstance(field, SearchField):
                continue
            if field.field_name == "title":
                titles.append(text)
            else:
                values.append((zone_of(field), text))
    return {"title": analyse_to_string(" ".join(titles)), "body": zoned_body(values)}


def query_terms(query) -> list[str]:
    """The distinct analysed terms of the plain-text parts of ``query``."""
    if isinstance(query, PlainText):
        return list(dict.fromkeys(analyse_query(query.query_string)))
    if isinstance(query, (And, Or)):
        found = [t for sub in query.subqueries for t in query_terms(sub)]
        return list(dict.fromkeys(found))
    return []


def reranked(pks, terms, texts):
    """``pks`` (engine order) with the first ``RERANKED`` ordered as the module
    says; ``texts(pks)`` gives {pk: (analysed title, zoned body)}."""
    if not terms or len(pks) < 2:
        return list(pks)
    head, tail = list(pks[:RERANKED]), list(pks[RERANKED:])
    found = texts(head)
    counts = {pk: _zone_counts(*found.get(pk, ("", ""))) for pk in head}
    lengths = {pk: sum(length for _c, length in zones) for pk, zones in counts.items()}
    average = sum(lengths.values()) / len(lengths) or 1
    keys = {
        pk: _key(terms, counts[pk], lengths[pk] / average, position)
        for position, pk in enumerate(head)
    }
    return sorted(head, key=keys.__getitem__) + tail


def _zone_counts(title, body):
    """[(zone, length)]: each zone with its spaces doubled and padded, so that
    ``zone.count(f" {term} ")`` counts every occurrence of a term, in C, instead
    of a ``Counter`` of every word of 200 bodies per query."""
    zones = [title, *body.split("|")][:4]
    return [(f" {z.strip().replace(' ', '  ')} ", len(z.split())) for z in zones]


def _key(terms, zones, relative_length, position):
    norm = 1 - B + B * relative_length
    covered, score = 0, 0.0
    for term in terms:
        needle = f" {term} "
        weighted = sum(
            w * z.count(needle) for w, (z, _n) in zip(WEIGHTS, zones, strict=False)
        )
        if weighted:
            covered += 1
            score += weighted / (weighted + K1 * norm)
    return (-covered, -round(score, 9), position)


def is_ranked_search(query) -> bool:
    """Whether ``query`` is one this module orders (not a browse, not a negation)."""
    return not isinstance(query, Not) and bool(query_terms(query))


def index_texts(model, title_column, body_column):
    """``texts`` for ``reranked``: the analysed title and zoned body that the
    database index holds for pks of ``model`` (its subclasses included), in one
    query."""
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_descendants_content_types_pks

    IndexEntry = get_app_config().get_model("IndexEntry")
    to_pk = model._meta.pk.to_python

    def texts(pks):
        rows = IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(model),
            object_id__in=[str(pk) for pk in pks],
        ).values_list("object_id", title_column, body_column)
        return {to_pk(pk): (title or "", body or "") for pk, title, body in rows}

    return texts
