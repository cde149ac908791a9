"""Unit tests for search.analysis, the French + Arabic analysis chain.

Plain functions, no database: run with ``pytest tests/test_search_analysis.py``.
Lucene pairs come from TestArabicNormalizationFilter, TestArabicStemFilter and
TestFrenchLightStemFilter (apache/lucene, analysis/common).
"""

from __future__ import annotations

import importlib
import json
import sys
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # no pytest `pythonpath` setting is guaranteed yet
    sys.path.insert(0, str(REPO))
analysis = importlib.import_module("search.analysis")
ARABIC_STOP_WORDS = analysis.ARABIC_STOP_WORDS
FRENCH_STOP_WORDS = analysis.FRENCH_STOP_WORDS
analyse = analysis.analyse
analyse_to_string = analysis.analyse_to_string
arabic_stem = analysis.arabic_stem
french_light_stem = analysis.french_light_stem
normalise = analysis.normalise


def _load_cases() -> dict:
    """tests/data/fr_ar_cases.json, the contract of every lane (the repository's
    own file: a fresh clone must pass its tests on its own)."""
    path = REPO / "tests/data/fr_ar_cases.json"
    return json.loads(path.read_text(encoding="utf-8"))


CASES = _load_cases()


def _strip_accents(text: str) -> str:
    """What a user typing without accents produces (independent of the module)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- The shared query → document contract ------------------------------------------


@pytest.mark.parametrize(
    "case", CASES["must_match"], ids=[c["rule"] for c in CASES["must_match"]]
)
def test_must_match(case):
    """Every query term is among the document's terms (fr_ar_cases.json)."""
    query, document = analyse(case["query"]), analyse(case["document"])
    assert query
    assert set(query) <= set(document), (query, document)


@pytest.mark.parametrize(
    "case",
    CASES["beyond_light_stemming"],
    ids=[c["query"] for c in CASES["beyond_light_stemming"]],
)
def test_beyond_light_stemming_is_a_documented_limit(case):
    """Broken plurals and bare بـ are not conflated: light stemming stops there."""
    assert not set(analyse(case["query"])) <= set(analyse(case["document"]))


# --- Lucene TestArabicNormalizationFilter -------------------------------------------

LUCENE_ARABIC_NORMALISATION = [
    ("آجن", "اجن"),  # alif madda
    ("أحمد", "احمد"),  # alif hamza above
    ("إعاذ", "اعاذ"),  # alif hamza below
    ("بنى", "بني"),  # alif maksura
    ("فاطمة", "فاطمه"),  # teh marbuta
    ("روبرـــــت", "روبرت"),  # tatweel
    ("مَبنا", "مبنا"),  # fatha
    ("علِي", "علي"),  # kasra
    ("بُوات", "بوات"),  # damma
    ("ولداً", "ولدا"),  # fathatan
    ("ولدٍ", "ولد"),  # kasratan
    ("ولدٌ", "ولد"),  # dammatan
    ("نلْسون", "نلسون"),  # sukun
    ("هتميّ", "هتمي"),  # shaddah
    ("ٱلكتاب", "الكتاب"),  # ours: alef wasla (not in Lucene)
    ("ٰهذا", "هذا"),  # superscript alef U+0670
]


@pytest.mark.parametrize(("text", "expected"), LUCENE_ARABIC_NORMALISATION)
def test_lucene_arabic_normalisation(text, expected):
    """Character normalisation reproduces Lucene's ArabicNormalizer pairs."""
    assert normalise(text) == expected


# --- Lucene TestArabicStemFilter ----------------------------------------------------

LUCENE_ARABIC_STEMS = [
    ("الحسن", "حسن"),  # al-
    ("والحسن", "حسن"),  # wal-
    ("بالحسن", "حسن"),  # bal-
    ("كالحسن", "حسن"),  # kal-
    ("فالحسن", "حسن"),  # fal-
    ("للاخر", "اخر"),  # ll-
    ("وحسن", "حسن"),  # wa-
    ("زوجها", "زوج"),  # -ha
    ("ساهدان", "ساهد"),  # -an
    ("ساهدات", "ساهد"),  # -at
    ("ساهدون", "ساهد"),  # -wn
    ("ساهدين", "ساهد"),  # -yn
    ("ساهديه", "ساهد"),  # -yh
    ("ساهدية", "ساهد"),  # -yp
    ("ساهده", "ساهد"),  # -h
    ("ساهدة", "ساهد"),  # -p
    ("ساهدي", "ساهد"),  # -y
    ("وساهدون", "ساهد"),  # prefix + suffix
    ("ساهدهات", "ساهد"),  # two suffixes
    ("الو", "الو"),  # too short to stem
    ("English", "English"),  # not Arabic
]


@pytest.mark.parametrize(("word", "expected"), LUCENE_ARABIC_STEMS)
def test_lucene_arabic_stem(word, expected):
    """One arabic_stem pass gives exactly Lucene's ArabicStemmer output."""
    assert arabic_stem(word) == expected


# --- Lucene TestFrenchLightStemFilter -----------------------------------------------
# (word, Lucene's stem, ours).  french_light_stem() on the folded word must equal
# Lucene's stem (one pass).  analyse() repeats the stemmer until the term is stable
# (idempotence), so a few terms lose one more letter: "administr" → "administ"
# (final -r), "dispos" → "dispo" (final -s); ours is None when it equals Lucene's.
LUCENE_FRENCH_STEMS = [
    ("chevaux", "cheval", None),
    ("hiboux", "hibou", None),
    ("chantés", "chant", None),
    ("chanter", "chant", None),
    ("baronnes", "baron", None),
    ("peaux", "peau", None),
    ("anneaux", "aneau", None),
    ("neveux", "neveu", None),
    ("affreux", "afreu", None),
    ("affreuse", "afreu", None),
    ("investissement", "investi", None),
    ("assourdissant", "asourdi", None),
    ("pratiquement", "pratiqu", None),
    ("administrativement", "administratif", None),
    ("justificatrice", "justifi", None),
    ("justificateur", "justifi", None),
    ("educatrice", "eduqu", None),
    ("communicateur", "comuniqu", None),
    ("accompagnatrice", "acompagn", None),
    ("administrateur", "administr", "administ"),
    ("productrice", "product", None),
    ("acheteuse", "achet", None),
    ("planteur", "plant", None),
    ("poreuse", "poreu", None),
    ("plieuse", "plieu", None),
    ("bijoutière", "bijouti", None),
    ("caissière", "caisi", None),
    ("abrasive", "abrasif", None),
    ("folle", "fou", None),
    ("personnelle", "person", None),
    ("complète", "complet", None),
    ("aromatique", "aromat", None),
    ("faiblesse", "faibl", None),
    ("patinage", "patin", None),
    ("sonorisation", "sono", None),
    ("ritualisation", "rituel", None),
    ("nomination", "nomin", None),
    ("disposition", "dispos", "dispo"),
    ("1234555", "1234555", None),  # SOLR-3463: digits are not de-doubled
    ("12333345", "12333345", None),
    ("abcdeff", "abcdef", None),
    ("abcccddeef", "abcdef", None),
    ("créées", "cre", None),
    ("22hh00", "22h00", None),
]


@pytest.mark.parametrize(("word", "lucene", "ours"), LUCENE_FRENCH_STEMS)
def test_lucene_french_light_stem(word, lucene, ours):
    """The port matches Lucene pass for pass; analyse() gives the stable stem."""
    assert french_light_stem(normalise(word)) == lucene
    assert analyse(word) == [ours or lucene]


# --- Elision, digits, invisible characters, presentation forms ----------------------

ARTICLES = ["l", "d", "qu", "j", "n", "s", "c", "t", "m", "jusqu", "lorsqu", "puisqu"]


@pytest.mark.parametrize("article", ARTICLES)
def test_elision(article):
    """Each elided article goes, with ' and ’, in any case, leaving the word alone."""
    for apostrophe in ("'", "’"):
        assert analyse(f"{article}{apostrophe}école") == ["ecol"]
        assert analyse(f"{article.upper()}{apostrophe}École") == ["ecol"]


def test_elision_is_only_for_articles():
    """aujourd'hui is split, not elided; a lone l' before a space stays a term."""
    assert analyse("aujourd'hui") == ["aujourd", "hui"]
    assert analyse("l' école") == ["l", "ecol"]
    assert analyse("lʼécole l´école") == ["ecol", "ecol"]  # apostrophe look-alikes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("٢٠٢٤", ["2024"]),  # Arabic-Indic
        ("۱۴۰۳", ["1403"]),  # Eastern Arabic-Indic (Persian/Urdu)
        ("٣,٥ ٪", ["3", "5"]),
        ("كوفيد-١٩", ["كوفيد", "19"]),
        ("١٢٣٤٥٥٥", ["1234555"]),  # digits are never de-doubled
        ("２０２４", ["2024"]),  # full-width, via NFKD
    ],
)
def test_digits(text, expected):
    """All decimal digit forms become ASCII digits and stay intact."""
    assert analyse(text) == expected


@pytest.mark.parametrize(
    ("presentation", "plain"),
    [
        ("\ufee3\ufeb8\ufe8e\ufead\ufedb\ufe94", "مشاركة"),  # contextual forms
        ("\ufefb", "لا"),  # lam-alef ligature
        ("\ufdf2", "الله"),  # Allah ligature
        ("\ufe8d\ufedf\ufee4\ufecc\ufee0\ufee4\ufeee\ufee5", "المعلمون"),
    ],
)
def test_arabic_presentation_forms(presentation, plain):
    """Text extracted from PDFs (presentation forms) analyses like plain Arabic."""
    assert unicodedata.normalize("NFKC", presentation) == plain
    assert analyse(presentation) == analyse(plain)


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("\u200fمشاركة\u200e", "مشاركة"),  # RLM / LRM
        ("\u202bl'école\u202c", "l'école"),  # RLE ... PDF
        ("\u2067مشاركة\u2069", "مشاركة"),  # RLI ... PDI
        ("é\u200bcole", "école"),  # zero-width space inside a word
        ("\ufeffécole", "école"),  # BOM
        ("for\u00admation", "formation"),  # soft hyphen
        ("مش\u200cاركة", "مشاركة"),  # ZWNJ
        ("é\x00cole\x00", "école"),  # NUL bytes
    ],
)
def test_invisible_characters(text, same_as):
    """Invisible controls and NUL bytes are dropped without splitting the word."""
    assert analyse(text) == analyse(same_as)
    assert "\x00" not in analyse_to_string(text)


@pytest.mark.parametrize(
    "text", ["", " ", "  \n\t\r ", "!?.,;:«»—…'’", "ـــ", "\u200b\u200f\x00", "؟،؛"]
)
def test_nothing_to_index(text):
    """Empty, blank, punctuation-only or invisible-only input gives no terms."""
    assert analyse(text) == []
    assert analyse_to_string(text) == ""


# --- Whole-chain properties ---------------------------------------------------------

SAMPLES = [
    "L’évaluation des formatrices régionales : qu'en pensent les bénéficiaires ?",
    "والمشاركة في التدريبات المهنية للمعلمين سنة ٢٠٢٤",
    "Œuvres complètes — Rapport d'activité 2023/2024, chap. IV (ﬁnances)",
    "مُشَارَكَة الشباب في الحياة العامة: دراسات وتقارير بالعربية والفرنسية",
    "Administrateurs, dispositions, disposition; caissières et bijoutières",
    "الالتزام والقانوني وقانون الوثائق والوسوم",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_idempotent(text):
    """Analysing the joined output again yields exactly the same terms."""
    terms = analyse(text)
    assert analyse(analyse_to_string(text)) == terms
    assert analyse_to_string(analyse_to_string(text)) == " ".join(terms)


@pytest.mark.parametrize(
    "word",
    ["deuxième", "bijoutière", "première", "complète", "Études", "réalisées", "Noël"],
)
def test_accent_insensitive(word):
    """A query typed without accents gives the same terms as the accented word."""
    assert analyse(_strip_accents(word)) == analyse(word)


def test_long_input():
    """A 10,000-character input is analysed completely, in order."""
    text = ("évaluation والمشاركة 2024 " * 400)[:10_000]
    assert len(text) == 10_000
    terms = analyse(text)
    assert terms[:3] == ["evalu", "مشارك", "2024"]
    assert len(terms) == len(text.split())  # one term per space-separated word
    assert analyse("a" + "b" * 9_998 + "c") == ["abc"]  # one huge token


def test_order_and_string():
    """Terms keep the text's order; analyse_to_string joins them with spaces."""
    text = "Formateurs et formatrices de l’école"
    assert analyse(text) == ["form", "et", "form", "de", "ecol"]
    assert analyse_to_string(text) == "form et form de ecol"


def test_stop_words_are_kept():
    """Stop words stay in the output; the exported lists are only for later use."""
    assert analyse("le la les de في من") == ["le", "la", "les", "de", "في", "من"]
    assert {"le", "de", "etre"} & FRENCH_STOP_WORDS == {"le", "de"}
    assert {"في", "من"} <= ARABIC_STOP_WORDS


def test_deterministic_without_cache():
    """Results do not depend on the stemming cache's state."""
    first = analyse(" ".join(SAMPLES))
    analysis._stem_token.cache_clear()
    assert analyse(" ".join(SAMPLES)) == first


# --- Conflations we want, and ones we must not make ---------------------------------


@pytest.mark.parametrize(
    "words",
    [
        ("national", "nationale", "nationaux", "nationales"),
        ("évaluer", "évaluation", "évaluations", "évalué"),
        ("formateur", "formatrice", "formation", "formateurs"),
        ("premier", "première", "premiers"),
        ("قانون", "قانوني", "القانون", "القانونية"),
        ("الوثائق", "وثائق"),
        ("الالتزام", "التزام"),
        ("معلم", "المعلمون", "المعلمين", "معلمة", "والمعلمات"),
    ],
)
def test_conflated(words):
    """Inflected and derived forms of one word share one term."""
    assert len({tuple(analyse(word)) for word in words}) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("communication", "commune"),
        ("école", "écoute"),
        ("nation", "nationale"),  # "-ation" needs > 8 letters; harmless either way
        ("mer", "mère"),
        ("monde", "mondial"),
        ("سلام", "إسلام"),  # no bare alef prefix
        ("كتاب", "كاتب"),  # same root, different pattern: out of light stemming
        ("مسؤول", "مسئول"),  # hamza seats are kept, as in Lucene
        ("محددة", "محدة"),  # French de-doubling never touches Arabic
    ],
)
def test_kept_apart(first, second):
    """Unrelated words (or deliberately unmerged spellings) keep distinct terms."""
    assert analyse(first) != analyse(second)


def test_arabic_single_pass_vs_fixed_point():
    """Lucene's one pass leaves قانون/قانوني apart; our fixed point conflates them."""
    assert (arabic_stem("قانون"), arabic_stem("قانوني")) == ("قان", "قانون")
    assert analyse("قانون") == analyse("قانوني") == ["قان"]
