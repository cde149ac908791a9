"""Snippets of a result's text with the matching words wrapped in ``<mark>``.

A word matches when its analysed form (``search.analysis.analyse``) shares a term
with the analysed query, i.e. when the search itself would have matched it: "مشاركة"
marks "المُشارَكة", "ecole" marks "l’école". Words are cut from the original text
with a pattern that keeps harakat, tatweel, joiners and elided articles inside the
word, so the mark covers what the reader sees as one word.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .analysis import analyse, analyse_query

# Letters and digits, plus the marks and invisible characters that sit inside a
# word (Latin combining accents, Arabic harakat and Quranic marks, tatweel, soft
# hyphen, zero-width (non-)joiners); an apostrophe joins an elided article.
_PART = (
    r"[\w\u00ad\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670"
    r"\u06d6-\u06ed\u200c\u200d]+"
)
WORD_RE = re.compile(rf"{_PART}(?:['’ʼ]{_PART})*")
BEFORE = 60  # characters of context shown before the first match
LENGTH = 240  # characters of the whole snippet


@dataclass(frozen=True)
class Snippet:
    """``html``: escaped text with ``<mark>`` around matches; ``matched``: any?"""

    html: str
    matched: bool


def query_terms(query):
    """What a word must share to be marked: the query's terms without its stop
    words (« des » is never marked)."""
    return frozenset(analyse_query(query))


def snippet(texts, terms):
    """The first text of ``texts`` that holds a match, around its first match;
    else the beginning of the first non-empty text, unmarked."""
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    for text in texts:
        matches = matching_spans(text, terms)
        if matches:
            return Snippet(_marked(text, matches, _window(text, matches[0])), True)
    if not texts:
        return Snippet("", False)
    first = texts[0]
    return Snippet(_marked(first, [], _window(first, (0, 0))), False)


def mark_all(text, terms):
    """``text`` escaped with every match marked (for titles)."""
    return _marked(text, matching_spans(text, terms), (0, len(text)))


def matching_spans(text, terms):
    """(start, end) of every word of ``text`` whose analysis meets ``terms``."""
    if not terms:
        return []
    return [
        m.span() for m in WORD_RE.finditer(text) if not terms.isdisjoint(analyse(m[0]))
    ]


def _window(text, first_match):
    """(start, end) of at most LENGTH characters, BEFORE of them ahead of the
    match, both ends moved to a space so no word is cut."""
    start = max(0, first_match[0] - BEFORE)
    if start:
        space = text.find(" ", start, first_match[0])
        start = space + 1 if space != -1 else start
    end = min(len(text), start + LENGTH)
    if end < len(text):
        space = text.rfind(" ", max(first_match[1], start), end)
        end = space if space > first_match[0] else end
    return start, end


def _marked(text, matches, window):
    """Escape ``text[window]``, wrap the matches inside it, add ellipses."""
    start, end = window
    parts, position = [], start
    for match_start, match_end in matches:
        if match_start < start or match_end > end:
            continue
        parts.append(escape(text[position:match_start]))
        parts.append(f"<mark>{escape(text[match_start:match_end])}</mark>")
        position = match_end
    parts.append(escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)


def stream_text(raw_blocks):
    """Plain text of a StreamField's raw data (rich text stripped), read without
    rendering the blocks, so that no block can run a query per result."""
    found = []
    _collect(raw_blocks, found)
    return " ".join(found)


def _collect(value, found):
    if isinstance(value, str):
        found.append(strip_tags(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id"):
                _collect(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, found)
