"""FR↔AR glossary expansion of "all languages" searches.

A French query should also find the practices that exist only in Arabic, and the
reverse. The glossary (``GlossaryEntry``, edited by coordinators as a snippet)
pairs the programme's vocabulary; the search becomes

    (the user's query)  OR  (the user's query with each glossary term translated)

Both branches keep AND between the user's words, so a translation never makes a
search looser than the user asked: "budget participatif Tanger" finds the Arabic
fiches holding الميزانية التشاركية *and* طنجة, not every fiche about either.

Matching compares analysed forms (``search.analysis.analyse``): an entry matches
when the analysed terms of one of its sides appear as a contiguous run of the
analysed query, so والمشاركة المواطنة matches المشاركة المواطنة, "l'égalité" and
"egalite" match "égalité", "modèles" matches "modèle". Runs are taken leftmost-
longest ("budget participatif" wins over "budget" + "participatif"). In the
translated branch a matched run is replaced by its translations — several
translations of one run are alternatives (OR): modèles → نموذج OR نماذج — and the
other words stay, minus the stop words of either language ("formation des femmes"
→ التكوين AND النساء: an Arabic text has no "des").

How the search runs (``expanding(run_search)``): two calls of ``run_search``, the
user's query first, then the translated branch as a modelsearch query object
(``And``/``Or`` of ``PlainText``), and the ranked results are merged: the user's
own results first, in their order, then the new ones. Chosen over one ``Or`` query
because (1) adding a glossary entry can only add results at the end, never
reorder what the user's words found — one combined query would mix BM25 scores of
two vocabularies, differently on each engine; (2) the user's query still goes
through the plain-string path that every backend, the fallback and the hostile-
input tests cover. The translated branch needs ``And``/``Or``, which our SQLite and
PostgreSQL compilers and modelsearch's OpenSearch/Elasticsearch compiler support
(alternatives as separate calls would multiply engine calls). Cost: one more
engine call, only when a glossary term matched and only in "all languages" mode.

The glossary is compiled once per process and rebuilt when the version in Django's
cache changes (``hub.versioned_cache``): saving or deleting an entry bumps it
(``search.signal_handlers``), so an edit in the admin applies to the next search; as
for the facet index, share a cache (``CACHE_URL``) across processes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from modelsearch.query import And, Or, PlainText

from hub.versioned_cache import VersionedValue

from .analysis import ARABIC_STOP_WORDS, FRENCH_STOP_WORDS, analyse, normalise
from .models import GlossaryEntry, ShippedGlossaryPair
from .resilience import run_search

__all__ = [
    "DATA_FILE",
    "bump_version",
    "expand",
    "expanding",
    "get_glossary",
    "load_glossary",
    "read_data",
    "run_expanded_search",
    "translated_query",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "glossary.json"
VERSION_KEY = "search:glossary-version"
# Changes made without our signals (raw SQL, bulk updates) still show after this.
MAX_AGE = 300
STOP_WORDS = FRENCH_STOP_WORDS | ARABIC_STOP_WORDS
_WORD_RE = re.compile(r"\w+")  # analyse()'s tokens, before stemming


@dataclass(frozen=True)
class Glossary:
    """Analysed side (tuple of terms) -> the other side's texts, in entry order,
    one per distinct analysed form."""

    table: dict
    longest: int  # terms in the longest side: how far a match can reach

    @classmethod
    def compile(cls, pairs):
        table = {}
        seen = {}
        for french, arabic in pairs:
            for side, other in ((french, arabic), (arabic, french)):
                key, other_key = tuple(analyse(side)), tuple(analyse(other))
                if not key or not other_key:
                    continue
                if other_key not in seen.setdefault(key, set()):
                    seen[key].add(other_key)
                    table.setdefault(key, []).append(other)
        table = {key: tuple(texts) for key, texts in table.items()}
        return cls(table, max(map(len, table), default=0))


def _compile():
    pairs = GlossaryEntry.objects.order_by("pk").values_list("french", "arabic")
    return Glossary.compile(pairs)


# Compiled once per version of ``VERSION_KEY`` (``hub.versioned_cache``).
GLOSSARY = VersionedValue(VERSION_KEY, _compile, max_age=MAX_AGE)


def get_glossary():
    """The compiled glossary of the current version (rebuilt after an edit)."""
    return GLOSSARY.get()


def bump_version(**_kwargs):
    """Invalidate every process's glossary: now, and again after the transaction
    commits, so that no process keeps a build that missed the change."""
    GLOSSARY.bump()


def _translated_parts(query):
    """The translated branch in query order: a tuple of alternative translations
    per matched run, a normalised word for every other word (stop words dropped);
    ``None`` when no glossary term matches."""
    glossary = get_glossary()
    terms = analyse(query)
    if not glossary.table or not terms:
        return None
    words = _WORD_RE.findall(normalise(query))
    if len(words) != len(terms):  # cannot happen: analyse() stems these words
        words = terms
    parts, matched, start = [], False, 0
    while start < len(terms):
        for end in range(min(len(terms), start + glossary.longest), start, -1):
            translations = glossary.table.get(tuple(terms[start:end]))
            # A run of stop words only ("mon", "des") is a word of the sentence,
            # not of the vocabulary, even if a place name stems like it (Mons).
            if translations and not all(w in STOP_WORDS for w in words[start:end]):
                parts.append(translations)
                matched, start = True, end
                break
        else:
            if words[start] not in STOP_WORDS:
                parts.append(words[start])
            start += 1
    return parts if matched else None


def expand(query):
    """The translated query as text, "" when no glossary term matches ``query``.

    Each matched term is replaced by its translation, alternatives in parentheses
    separated by " / "; the other words stay (normalised), stop words go:
    ``expand("modèles de budget participatif")`` is
    ``"(نموذج / نماذج) الميزانية التشاركية"``. For reading (tests, logs): the search
    runs ``translated_query()``, the same branch as a query object.
    """
    parts = _translated_parts(query)
    if parts is None:
        return ""
    return " ".join(
        part
        if isinstance(part, str)
        else (part[0] if len(part) == 1 else f"({' / '.join(part)})")
        for part in parts
    )


def translated_query(query):
    """The translated branch as a modelsearch query (AND of the parts, OR of a
    term's translations), or ``None`` when no glossary term matches."""
    parts = _translated_parts(query)
    if parts is None:
        return None
    words = [part for part in parts if isinstance(part, str)]
    terms = [
        _any([PlainText(text, operator="and") for text in part])
        for part in parts
        if not isinstance(part, str)
    ]
    if words:
        terms.append(PlainText(" ".join(words), operator="and"))
    return terms[0] if len(terms) == 1 else And(terms)


def _any(queries):
    return queries[0] if len(queries) == 1 else Or(queries)


def expanding(search=run_search):
    """``search`` (``run_search`` or a stand-in with its signature) for "all
    languages": the user's query, then its translated branch; the same
    ``(results, backend_name, degraded)``, the user's own results first.
    ``degraded`` (and the fallback's name) if either call fell back. Works as well
    with ``ids_only=True`` (pks instead of objects)."""

    def expanded_search(queryset, query, *, limit=None, **kwargs):
        results, backend, degraded = search(queryset, query, limit=limit, **kwargs)
        other = translated_query(query)
        if other is None:
            return results, backend, degraded
        more, other_backend, other_degraded = search(
            queryset, other, limit=limit, **kwargs
        )
        found = {_pk(result) for result in results}
        merged = results + [result for result in more if _pk(result) not in found]
        if other_degraded and not degraded:
            backend, degraded = other_backend, True
        return (merged[:limit] if limit is not None else merged), backend, degraded

    return expanded_search


def _pk(result):
    """A result's pk: results are objects, or pks with ``ids_only=True``."""
    return getattr(result, "pk", result)


run_expanded_search = expanding(run_search)


def read_data(path=DATA_FILE):
    """The pairs of a glossary file: a JSON list of ``{"french", "arabic",
    "note"?}`` objects."""
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def load_glossary(path=DATA_FILE):
    """Add the pairs of ``path`` not offered before; return ``(created, kept)``.

    Each pair of the file is offered once (``ShippedGlossaryPair``): created if
    missing, then never again. So the glossary stays the coordination's: an entry
    it added, a note it changed, a shipped pair it corrected or deleted in the
    admin are as it left them after the next release's load (``make serve`` runs
    it after ``migrate``); only the pairs new in the file are added. ``kept``
    counts the pairs offered before. Every pair is validated as the admin form
    would (``GlossaryEntry.full_clean``) before anything is written; safe when
    several servers start at once (conflicts are ignored).
    """
    pairs = {}
    for item in read_data(path):
        entry = GlossaryEntry(
            french=item["french"], arabic=item["arabic"], note=item.get("note", "")
        )
        entry.full_clean(validate_unique=False, validate_constraints=False)
        pairs.setdefault((entry.french, entry.arabic), entry)
    offered = set(ShippedGlossaryPair.objects.values_list("french", "arabic"))
    new = [entry for pair, entry in pairs.items() if pair not in offered]
    existing = set(GlossaryEntry.objects.values_list("french", "arabic"))
    missing = [entry for entry in new if (entry.french, entry.arabic) not in existing]
    with transaction.atomic():
        created = GlossaryEntry.objects.bulk_create(missing, ignore_conflicts=True)
        ShippedGlossaryPair.objects.bulk_create(
            [ShippedGlossaryPair(french=e.french, arabic=e.arabic) for e in new],
            ignore_conflicts=True,
        )
    if created:
        bump_version()  # bulk_create sends no signal
    return len(created), len(pairs) - len(new)
