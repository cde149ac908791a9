"""The Arabic catalogue speaks in one register: formal Moroccan administrative
Arabic that addresses its readers in the plural (أنتم), writes tanwin one way
(on the letter before the alif: « جدًا », never « جداً »), quotes with spaced
guillemets « … », and says nothing colloquial or word for word.

Checked entry by entry on every Arabic msgstr, ours and the Django or Wagtail
strings we translate again (``hub.interface_overrides``)."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LETTER = "\u0600-\u06ff"
# A word, maybe after the conjunctions و / ف (« وأعد », « فاطلب »).
CONJUNCTION = "(?:[وف])?"


def word(text):
    return re.compile(rf"(?<![{LETTER}]){CONJUNCTION}{re.escape(text)}(?![{LETTER}])")


# Singular address (أنت): imperatives and second-person forms found in the
# catalogue before it was made plural, and their usual neighbours.
SINGULAR_ADDRESS = [
    "أدخل",
    "ارفع",
    "ارفعه",
    "احفظ",
    "احفظه",
    "احفظها",
    "صغّرها",
    "صحّح",
    "أعد",
    "أضف",
    "أضفه",
    "اختر",
    "جرّب",
    "جرب",
    "أزل",
    "ابحث",
    "اقرأ",
    "شارك",
    "اطلب",
    "حدّد",
    "لديك",
    "حسابك",
    "يمكنك",
    "أنت",
]
# Colloquial or word-for-word strings the reviewer flagged.
COLLOQUIAL = ["احكوا", "كونوا بسطاء", "أين وصلت"]
# Adverbs written without their tanwin (« مثلا » for « مثلًا »).
BARE_ADVERBS = ["مثلا", "مؤقتا", "افتراضيا", "جدا", "أيضا", "أولا", "لاحقا", "حاليا"]
TANWIN_ON_ALIF = "اً"
CURLY_QUOTES = "“”„‟"
UNSPACED_GUILLEMETS = re.compile(r"«[^\s\u00a0\u202f]|[^\s\u00a0\u202f]»")


def arabic_texts():
    po = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "ar/LC_MESSAGES/django.po"))
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        msgid = entry.msgid + (entry.msgid_plural or "")
        plural = entry.msgid_plural
        for text in entry.msgstr_plural.values() if plural else [entry.msgstr]:
            yield msgid, text


TEXTS = list(arabic_texts())


def offending(words):
    patterns = [(w, word(w)) for w in words]
    return [(msgid, t, w) for msgid, t in TEXTS for w, p in patterns if p.search(t)]


def test_readers_are_addressed_in_the_plural():
    found = offending(SINGULAR_ADDRESS)
    assert not found, f"address readers as أنتم: {found}"


def test_nothing_colloquial_or_literal():
    found = [(m, t, w) for m, t in TEXTS for w in COLLOQUIAL if w in t]
    assert not found, found


def test_tanwin_is_written_one_way():
    """ًا (tanwin on the letter, then the alif), as in « شكرًا », « جدًا »."""
    on_alif = [(m, t) for m, t in TEXTS if TANWIN_ON_ALIF in t]
    assert not on_alif, f"write ًا, not اً: {on_alif}"
    bare = offending(BARE_ADVERBS)
    assert not bare, f"adverbs without their tanwin: {bare}"


@pytest.mark.parametrize("check", ["straight", "curly", "spacing"])
def test_quotes_are_spaced_guillemets(check):
    """A straight double quote is allowed only where the msgid has it too (HTML
    attributes, JSON examples); quoted words take « … » with inner spaces."""
    if check == "straight":
        found = [(m, t) for m, t in TEXTS if t.count('"') > m.count('"')]
    elif check == "curly":
        found = [(m, t) for m, t in TEXTS if any(q in t for q in CURLY_QUOTES)]
    else:
        found = [(m, t) for m, t in TEXTS if UNSPACED_GUILLEMETS.search(t)]
    assert not found, found
