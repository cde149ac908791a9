"""Languages named in the reader's language (issue #14).

An Arabic reader read « بلغة français »: the sentence interpolated the
language's own name (Django's ``name_local``), which belongs in the language
switcher only — there each language names itself, marked with its ``lang``.
In a sentence of the page, the other language is named as the page's language
names it: « Cette fiche existe aussi en arabe », « … باللغة الفرنسية ».
"""

from django.conf import settings
from django.utils.translation import pgettext_lazy

# "en arabe": how a sentence says in which language something exists; Arabic
# says « باللغة العربية » where the search results' badge says « بالعربية ».
IN_LANGUAGE = {
    "fr": pgettext_lazy("langue d'une page", "en français"),
    "ar": pgettext_lazy("langue d'une page", "en arabe"),
}


def language_name(code):
    """The language's name in the active language, lower case in French
    (« arabe », « العربية »)."""
    name = settings.TRANSLATED_LANGUAGE_NAMES.get(code)
    return str(name).lower() if name else code


def in_language(code):
    """« en arabe » / « باللغة الفرنسية »."""
    phrase = IN_LANGUAGE.get(code)
    return str(phrase) if phrase else code
