"""« Vouliez-vous dire… »: a spelling suggestion from the site's own words.

The vocabulary is every word of the titles and summaries of the live pages of
the hub's content types that anyone may see (``hub.visibility.visible_pages``
for an anonymous visitor): a word that only private pages contain is never
suggested, to anyone. It is built once per version of the facet index (the
same version: publishing, unpublishing or restricting a page bumps it) and
kept per process (``hub.versioned_cache``).

``suggest(query)`` replaces each word of ``query`` that the vocabulary does not
know (compared analysed: « Budgets » and « budget » are one word) by the
closest known word — at most 1 edit for words of up to 4 letters, 2 beyond
(insertions, deletions, substitutions, transpositions), compared normalised
(accents, Arabic letter forms and harakat are no typos) — the most frequent
one when several are as close. French and Arabic alike; "" when nothing
changes. The view asks it only for queries with few or no results.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from hub.versioned_cache import VersionedValue
from hub.visibility import visible_pages
from practices import content_types

from . import facets
from .analysis import ARABIC_STOP_WORDS, FRENCH_STOP_WORDS, analyse, normalise

STOP_WORDS = FRENCH_STOP_WORDS | ARABIC_STOP_WORDS
MIN_LENGTH = 3  # shorter words are left as typed
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Vocabulary:
    known: frozenset  # analysed terms
    # (length, position, letter) -> [(normalised, shown, count)] for the first
    # two letters: a candidate shares its first or its second letter with the
    # typed word — a tenth of the words to compare (~30 ms instead of 0.3 s at
    # 30,000 words). Not looked for: typos in both first letters, or a letter
    # missing or added at the very start (« udget »).
    buckets: dict

    @classmethod
    def build(cls, texts):
        counts = Counter()
        for text in texts:
            counts.update(w.lower() for w in _WORD_RE.findall(text))
        known, words = set(), {}
        for word, count in counts.most_common():
            if len(word) < MIN_LENGTH or word in STOP_WORDS:
                continue
            known.update(analyse(word))
            normal = normalise(word)
            if normal not in words:  # the most frequent spelling is shown
                words[normal] = (normal, word, count)
        buckets = {}
        for entry in words.values():
            for position in (0, 1):
                key = (len(entry[0]), position, entry[0][position])
                buckets.setdefault(key, []).append(entry)
        return cls(frozenset(known), buckets)

    def closest(self, word):
        """The shown form of the known word closest to ``word`` (normalised),
        within its edit budget; None if none is."""
        budget = 1 if len(word) <= 4 else 2
        best = None
        seen = set()
        for length in range(len(word) - budget, len(word) + budget + 1):
            for position in (0, 1):
                key = (length, position, word[position])
                for normal, shown, count in self.buckets.get(key, ()):
                    if normal in seen:
                        continue
                    seen.add(normal)
                    found = distance(word, normal, budget)
                    # The closest; among the closest, the most frequent.
                    if found <= budget and (best is None or (found, -count) < best[:2]):
                        best = (found, -count, shown)
        return best[2] if best else None


def _texts():
    for model in content_types.models():
        pages = visible_pages(model.objects.live(), None)
        for title, summary in pages.values_list("title", "summary").iterator():
            yield f"{title} {summary}"


VOCABULARY = VersionedValue(
    facets.VERSION_KEY, lambda: Vocabulary.build(_texts()), max_age=facets.MAX_AGE
)


def suggest(query):
    """``query`` with its unknown words corrected, or "" (module docstring).
    Everything else stays as typed: « d'alfabétisation » → « d'alphabétisation »."""
    vocabulary = VOCABULARY.get()
    changed = False

    def correct(match):
        nonlocal changed
        word = match.group()
        terms = analyse(word)
        normal = normalise(word)
        if (
            len(normal) < MIN_LENGTH
            or not terms
            or word.lower() in STOP_WORDS
            or set(terms) <= vocabulary.known
        ):
            return word
        correction = vocabulary.closest(normal)
        changed = changed or bool(correction)
        return correction or word

    corrected = " ".join(_WORD_RE.sub(correct, query).split())
    return corrected if changed else ""


def distance(a, b, limit=2):
    """Edit distance of ``a`` and ``b`` with adjacent transpositions (optimal
    string alignment), or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = None
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            current[j] = min(
                row[j] + 1, current[j - 1] + 1, row[j - 1] + (char != other)
            )
            if (
                previous is not None
                and j > 1
                and char == b[j - 2]
                and a[i - 2] == other
            ):
                current[j] = min(current[j], previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous, row = row, current
    return row[-1]
