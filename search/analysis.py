"""French + Arabic text analysis shared by every search backend.

SQLite FTS5 (``unicode61``) and PostgreSQL (``simple``) only split and lowercase, so
the same terms must be produced in Python at index time *and* at query time:
``analyse_to_string()`` is what those backends store and search.  The chain follows
Lucene's ElisionFilter, ArabicNormalizer, ArabicStemmer, FrenchLightStemmer and
ASCIIFoldingFilter, with these deliberate differences (each explained where it lives):

* accents are folded *before* French stemming (and the stemmer's è literals are
  unaccented), so ``analyse(w) == analyse(w without accents)``: users type "deuxieme"
  for "deuxième", "bijoutiere" for "bijoutière";
* each stemmer runs only on its own script (in one combined chain the French
  de-doubling would turn Arabic "محددة" into "محده") and is repeated until the term
  no longer changes, which makes ``analyse`` idempotent and makes query and document
  agree when a stripped affix exposes another one (الالتزام / التزام, قانوني / قانون);
* alef wasla ٱ is an alef too; Arabic Quranic annotation marks (U+0610-061A,
  U+06D6-06ED) are dropped with the harakat; soft hyphens and word joiners with the
  other invisible characters.

Stop words are indexed (autocomplete still completes « de »), but ``analyse_query``
drops French and Arabic stop words from what a query must match and from what is
highlighted: « participation des femmes » neither requires nor marks « des »,
as the engines' stop filters do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ARABIC_STOP_WORDS",
    "FRENCH_STOP_WORDS",
    "STOP_WORDS",
    "analyse",
    "analyse_query",
    "analyse_to_string",
    "arabic_stem",
    "french_light_stem",
    "normalise",
]


# Before NFKD: invisible characters that PDFs and editors insert *inside* words (NUL,
# soft hyphen, zero-width and bidi controls, word joiner, BOM) are deleted so the word
# stays whole; apostrophe look-alikes become "'" so elision sees them ("´" must go
# before NFKD, which turns it into a space plus a combining accent).
_INVISIBLE_RE = re.compile(
    "[\x00\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]+"
)
_APOSTROPHE_RE = re.compile("[\u2019\u2018\u02bc\u00b4`\u2032\uff07]")

# After NFC: Lucene's ArabicNormalizer deletions (tatweel, harakat U+064B-065F,
# superscript alef) plus the Quranic annotation marks, which would otherwise split
# words (they are not \w) ...
_ARABIC_MARKS_RE = re.compile("[\u0640\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed]+")
# ... and the one-character mappings: ligatures NFKD cannot split, Arabic letter
# normalisation (Lucene's, plus alef wasla ٱ), Arabic-Indic and Eastern Arabic-Indic
# digits, and "_" (a \w character) as a word separator.  A regex with a dict lookup
# is ~3x faster than str.translate on Arabic-heavy text.
LIGATURES = {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th"}
_CHAR_MAP = (
    LIGATURES
    | {"ħ": "h", "ı": "i", "_": " ", "ى": "ي", "ة": "ه"}
    | dict.fromkeys("أإآٱ", "ا")
    | {chr(0x0660 + i): str(i) for i in range(10)}
    | {chr(0x06F0 + i): str(i) for i in range(10)}
)
_CHAR_MAP_RE = re.compile("[" + "".join(_CHAR_MAP) + "]")

# Combining marks of the Latin (and other alphabetic) scripts: what ASCII folding
# removes after NFKD.  Arabic marks are not here: NFC must first recompose ؤ and ئ.
_LATIN_MARKS_RE = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)
_ELISION_RE = re.compile(r"(?<!\w)(?:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])'(?=\w)")
_TOKEN_RE = re.compile(r"\w+")
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_REPEAT_RE = re.compile(r"([^\W\d_])\1+")


def normalise(text: str) -> str:
    """Apply every character-level step, in the order that keeps words whole.

    NFKD + dropping combining marks + NFC is NFKC with ASCII folding in the middle:
    Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) from PDFs become ordinary
    letters, "ﬁ"/"é"/full-width letters fold, and ؤ/ئ/أ are recomposed so that only
    the alefs are then mapped to ا (as Lucene does).  Casefolding sits between NFKD and
    mark removal because it can itself create marks ("İ" → "i̇").  Elision runs last,
    on lowercase text with a single apostrophe character.
    """
    text = _APOSTROPHE_RE.sub("'", _INVISIBLE_RE.sub("", text))
    text = unicodedata.normalize("NFKD", text).casefold()
    text = unicodedata.normalize("NFC", _LATIN_MARKS_RE.sub("", text))
    text = _ARABIC_MARKS_RE.sub("", text)
    text = _CHAR_MAP_RE.sub(lambda match: _CHAR_MAP[match.group()], text)
    return _ELISION_RE.sub("", text)


_AR_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")


def arabic_stem(word: str) -> str:
    """One pass of Lucene's ArabicStemmer (light stemming, Larkey et al.).

    At most one prefix is removed (first match in list order; و needs a word of 4+
    letters, the others 2 letters left), then every suffix in list order that still
    leaves 2 letters.  Bare بـ/كـ/لـ are not stripped: too ambiguous.
    """
    for prefix in _AR_PREFIXES:
        minimum = 4 if len(prefix) == 1 else len(prefix) + 2
        if len(word) >= minimum and word.startswith(prefix):
            word = word[len(prefix) :]
            break
    for suffix in _AR_SUFFIXES:
        if len(word) >= len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


# Lucene FrenchLightStemmer (Savoy's UniNE), rewritten as ordered suffix rules:
# (word longer than, suffix, replacement, stop).  A rule fires when the *current*
# word is long enough and ends with the suffix; "stop" rules go straight to _norm,
# the others (trice, ète, ique) let later rules fire too — exactly Lucene's control
# flow.  "ivement" and "ualisation" spell out Lucene's nested ive→if and ual→uel.
# ième/ère/ète are unaccented here because words are folded before stemming.
_FR_RULES = (
    (9, "issement", "ir", True),
    (8, "issant", "ir", True),
    (7, "ivement", "if", True),
    (6, "ement", "e", True),
    (11, "ficatrice", "fier", True),
    (10, "ficateur", "fier", True),
    (9, "catrice", "quer", True),
    (8, "cateur", "quer", True),
    (8, "atrice", "er", True),
    (7, "ateur", "er", True),
    (6, "trice", "teur", False),
    (5, "ieme", "", True),
    (7, "teuse", "ter", True),
    (6, "teur", "ter", True),
    (5, "euse", "eu", True),
    (8, "ere", "er", True),
    (7, "ive", "if", True),
    (4, "folle", "fou", True),
    (4, "molle", "mou", True),
    (9, "nnelle", "n", True),
    (9, "nnel", "n", True),
    (4, "ete", "et", False),
    (8, "ique", "", False),
    (8, "esse", "e", True),
    (7, "inage", "in", True),
    (12, "ualisation", "uel", True),
    (9, "isation", "", True),
    (9, "isateur", "", True),
    (8, "ation", "", True),
    (8, "ition", "", True),
)


def _norm(word: str) -> str:
    """Lucene's FrenchLightStemmer.norm on folded input.

    Collapse doubled letters (not digits: SOLR-3463), then drop a final -ie, -r, -e,
    -e and one doubled final letter, only for words longer than 4.
    """
    if len(word) > 4:
        word = _REPEAT_RE.sub(r"\1", word)
    if len(word) > 4 and word.endswith("ie"):
        word = word[:-2]
    if len(word) > 4:
        for letter in "ree":
            if word[-1] == letter:
                word = word[:-1]
        if word[-1] == word[-2] and word[-1].isalpha():
            word = word[:-1]
    return word


def french_light_stem(word: str) -> str:
    """One pass of Lucene's FrenchLightStemmer on lowercase, accent-folded input.

    Plural -x/-s first ("-aux" → "-al" unless "-eaux"), then the derivational rules
    of _FR_RULES in order until a "stop" rule fires, then _norm.
    """
    if len(word) > 5 and word[-1] == "x":
        if word[-3:-1] == "au" and word[-4] != "e":
            word = word[:-2] + "l" + word[-1]
        word = word[:-1]
    if len(word) > 3 and word[-1] == "x":
        word = word[:-1]
    if len(word) > 3 and word[-1] == "s":
        word = word[:-1]
    for longer_than, suffix, replacement, stop in _FR_RULES:
        if len(word) > longer_than and word.endswith(suffix):
            word = word[: -len(suffix)] + replacement
            if stop:
                break
    return _norm(word)


@lru_cache(maxsize=200_000)
def _stem_token(token: str) -> str:
    """Stem with the stemmer of the token's script, repeated until nothing changes.

    A fixed point makes the chain idempotent (terms stored in the index can be
    analysed again safely) and lets a form whose first pass exposes another affix
    meet the shorter form: "قانوني" → "قانون" → "قان" = "قانون".  Every rule
    shortens the word, so the loop ends.  Cached: text vocabularies are Zipfian.
    """
    stem = arabic_stem if _ARABIC_RE.search(token) else french_light_stem
    previous = None
    while token != previous:
        previous, token = token, stem(token)
    return token


def analyse(text: str) -> list[str]:
    """Return the normalised, stemmed terms of ``text`` in order (never stop-listed)."""
    if not text:
        return []
    return [_stem_token(token) for token in _TOKEN_RE.findall(normalise(text))]


def analyse_query(text: str) -> list[str]:
    """The terms a query must match: ``analyse`` without its stop words (compared
    before stemming, see ``STOP_WORDS``); empty when only stop words were typed,
    which then find nothing, as on the engines."""
    if not text:
        return []
    tokens = _TOKEN_RE.findall(normalise(text))
    return [_stem_token(token) for token in tokens if token not in STOP_WORDS]


def analyse_to_string(text: str) -> str:
    """Terms joined by single spaces: the text fed to FTS5 / PostgreSQL 'simple'."""
    return " ".join(analyse(text))


# Used by analyse_query(), not by analyse().  Words are lowercase, folded and
# Arabic-normalised (compare them with tokens *before* stemming).
_FRENCH_STOP = """
    au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma
    mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses
    son sur ta te tes toi ton tu un une vos votre vous c d j l a m n s t y ete etee
    etees etes etant suis es est sommes etiez sont serai seras sera serons serez
    seront serais serait serions seriez seraient etais etait etions etaient fus fut
    fumes futes furent sois soit soyons soyez soient fusse fusses fut fussions
    fussiez fussent ayant eu eue eues eus ai as avons avez ont aurai auras aura aurons
    aurez auront aurais aurait aurions auriez auraient avais avait avions aviez
    avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions
    eussiez eussent ceci cela cet cette ici ils les leurs quel quels quelle
    quelles sans soi"""
_ARABIC_STOP = """
    من الي عن علي في مع ان او ام ثم بل لكن حتي اذا اذ لو لا لم لن ما ماذا متي
    كيف اين هذا هذه ذلك تلك هو هي هم هن انا نحن انت انتم الذي التي الذين اللذان
    اللتان اللواتي كل بعض غير بين عند قد كان كانت يكون تكون ليس لقد و ف ب ل ك"""
FRENCH_STOP_WORDS = frozenset(_FRENCH_STOP.split())
ARABIC_STOP_WORDS = frozenset(_ARABIC_STOP.split())
STOP_WORDS = FRENCH_STOP_WORDS | ARABIC_STOP_WORDS
