"""Arabic as PDF text extraction returns it, turned back into normal text.

A PDF holds glyphs, not text. Arabic PDFs often draw *presentation forms* (the
initial, medial, final and isolated shapes of each letter, U+FB50–U+FDFF and
U+FE70–U+FEFF) rather than letters, and draw them in *visual* order (left to
right on the page). pypdf reverses right-to-left runs, which makes logical text
of the usual visual-order PDFs, but reversed text of PDFs whose producer wrote
the glyphs in logical order. Search needs letters in logical order, so:

1. each line is scored by its Arabic words: a word read in logical order starts
   with an *initial* form and ends with a *final* form; reversed, the other way
   round. Words without presentation forms vote with letters that only occur at
   one end of a word: ة and ى end words, the article ال starts them.
2. a line whose score says "reversed" has its right-to-left runs (Arabic letters
   and the spaces and punctuation between them; never digits or Latin words,
   which are left-to-right) reversed, brackets mirrored;
3. presentation forms are folded to letters with NFKC (only there: NFKC
   elsewhere would also rewrite superscripts, ligatures and full-width forms).
"""

import re
import unicodedata

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
_NEUTRAL = r"\s!-/:-@\[-`{-~«»"  # spaces and ASCII punctuation, not digits
ARABIC_WORD = re.compile(f"[{_ARABIC}]+")
RTL_RUN = re.compile(f"[{_ARABIC}](?:[{_ARABIC}{_NEUTRAL}]*[{_ARABIC}])?")
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
WORD_END_LETTERS = ("ة", "ى")
ARTICLE = "ال"


def fold_presentation_forms(text):
    """Letters instead of their contextual shapes (ﻣﻜﺘﺐ → مكتب, ﻻ → لا)."""
    return PRESENTATION_FORMS.sub(
        lambda match: unicodedata.normalize("NFKC", match.group(0)), text
    )


def _shape(char):
    """A presentation form's shape ("<initial>", "<final>"…); "" for a letter."""
    return unicodedata.decomposition(char).partition(" ")[0]


def word_vote(word):
    """+1 per sign of logical order in ``word``, -1 per sign of reversed order."""
    first, last = _shape(word[0]), _shape(word[-1])
    vote = (first == "<initial>") + (last == "<final>")
    vote -= (first == "<final>") + (last == "<initial>")
    if vote or len(word) < 3:
        return vote
    letters = fold_presentation_forms(word)
    vote = letters.startswith(ARTICLE) + letters.endswith(WORD_END_LETTERS)
    return vote - letters.endswith(ARTICLE[::-1]) - letters.startswith(WORD_END_LETTERS)


def is_reversed(line):
    return sum(word_vote(word) for word in ARABIC_WORD.findall(line)) < 0


def _reverse_run(match):
    return match.group(0)[::-1].translate(MIRRORED)


def logical_arabic(text):
    """``text`` with reversed Arabic lines put right and presentation forms
    folded; text without Arabic comes back unchanged."""
    lines = [
        RTL_RUN.sub(_reverse_run, line) if is_reversed(line) else line
        for line in text.split("\n")
    ]
    return fold_presentation_forms("\n".join(lines))
