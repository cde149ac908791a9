"""Contacts written as free text, with their e-mail addresses and phone numbers
made into links: a commune agent on a phone taps a number to call it.

The text stays as written (escaped); only what is recognised becomes a link.
E-mail addresses become ``mailto:`` links, web addresses (http, https, www.)
links. Phone numbers — Moroccan (+212, 00212, or 05/06/07/08 and eight digits)
and Belgian (+32, 0032) — become ``tel:`` links whose target has no spaces, in
E.164 (``+212539…``) when the country is known. National numbers tell their
country by their length: Moroccan ones are 0 + nine digits starting 5–8,
Belgian ones 0 + eight digits, or 04 + eight for mobiles. Dates that look like
numbers (05.12.2021) are left alone.

Every link is wrapped in ``<bdi dir="ltr">`` (issue #14): in an Arabic
sentence the digit groups of a number then read in their own order (not
« 00 00 00 39 05 »), and the punctuation of an address stays inside it.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# ASCII on both sides of the @: Arabic text glued to an address ("البريد:x@y.ma")
# must not become part of it.
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# A run that starts like a phone number (+, 00 or 0) and goes on with digits and
# the separators people type; its digits decide whether it is one.
_PHONE = r"(?:\+|\b0)[0-9][0-9 .\-/()\u00a0]{6,18}[0-9]"
# Web addresses in ASCII (Arabic after one is not part of it), without the
# punctuation that ends a sentence or closes a bracket around them.
_URL = r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*[A-Za-z0-9/#=_\-]"
_FINDER = re.compile(rf"(?P<url>{_URL})|(?P<email>{_EMAIL})|(?P<phone>{_PHONE})")
_DATE = re.compile(r"[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}")
# Country calling code -> number of digits after it (national number, no 0).
_COUNTRIES = {"212": (9,), "32": (8, 9)}


def tel_target(written):
    """The ``tel:`` target of a number as written, or None if it is not one."""
    if _DATE.fullmatch(written.strip()):
        return None
    digits = re.sub(r"\(0\)", "", written)  # +32 (0)2 …: the 0 is not dialled
    digits = re.sub(r"[^0-9]", "", digits)
    if written.startswith("+") or digits.startswith("00"):
        digits = digits.removeprefix("00")
        for code, lengths in _COUNTRIES.items():
            if digits.startswith(code) and len(digits) - len(code) in lengths:
                return "+" + digits
        return "+" + digits if 8 <= len(digits) <= 15 else None
    if len(digits) == 10 and digits[1] in "5678":
        return "+212" + digits[1:]  # Moroccan numbers: 0 + nine digits
    if len(digits) == 10 and digits.startswith("04") or len(digits) == 9:
        return "+32" + digits[1:]  # Belgian: mobiles 04 + eight, others 0 + eight
    return None


def link_target(match):
    found = match.group()
    if match.group("url"):
        return found if found.startswith("http") else f"https://{found}"
    if match.group("email"):
        return f"mailto:{found}"
    target = tel_target(found)
    return f"tel:{target}" if target else None


def linked_contacts(text):
    """``text`` escaped, its e-mail addresses and phone numbers as links."""
    parts, end = [], 0
    for match in _FINDER.finditer(text):
        found = match.group()
        target = link_target(match)
        if target is None:
            continue
        link = format_html('<bdi dir="ltr"><a href="{}">{}</a></bdi>', target, found)
        parts += [escape(text[end : match.start()]), link]
        end = match.end()
    parts.append(escape(text[end:]))
    return mark_safe("".join(parts))  # every part escaped above
