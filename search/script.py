"""Which language a query is written in, told by its script.

Arabic and French do not share a script: a query in Arabic letters only can
find nothing among French fiches, and the reverse. So the search page, asked
in one interface language, searches every language at once for a query
written in the other one's script (``search.service.run``, ``bridge``),
instead of answering « 0 résultat ». Digits and punctuation belong to no
script; a query that mixes both scripts is left to the chosen language.
"""

import re

_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def language_of(query):
    """ "ar" or "fr" when ``query``'s letters are all in that language's
    script, else None (no letter, or both scripts)."""
    arabic = bool(_ARABIC_RE.search(query))
    latin = bool(_LATIN_RE.search(query))
    if arabic and not latin:
        return "ar"
    if latin and not arabic:
        return "fr"
    return None
