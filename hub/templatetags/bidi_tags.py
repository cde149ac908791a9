"""Values of either direction inside a sentence of the other: isolated, so
that the Unicode bidi algorithm lays them out on their own (issue #14).

Without an isolate, « 05 39 00 00 00 » in an Arabic sentence reads
« 00 00 00 39 05 » (digit groups separated by spaces take the sentence's
direction), and a Latin name or address drags the punctuation after it to the
wrong side. ``{{ value|isolated }}`` is ``<bdi>`` (direction of its own first
strong letter), ``{{ value|isolated:"ltr" }}`` for what is always left to
right (numbers with spaces, addresses); ``{{ value|isolated_text }}`` where no
markup can go (a ``<title>``, an attribute, a plain-text e-mail): U+2068
FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE.
"""

from django import template
from django.utils.html import format_html

register = template.Library()

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@register.filter
def isolated(value, direction=""):
    if value is None or value == "":
        return ""
    if direction in ("ltr", "rtl"):
        return format_html('<bdi dir="{}">{}</bdi>', direction, value)
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def isolated_text(value):
    if value is None or value == "":
        return ""
    return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}"
