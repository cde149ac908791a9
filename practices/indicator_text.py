"""Reading an indicator's value written as text (« 4 130 », « 45 % », « 1,2 million
de dirhams », « 320.000 درهم ») as a number and a unit.

Indicators were free text until they became structured (issue #15): the data
migration, the importer (the old "label/value" form) and the block itself (old
JSON still held by revisions or translation sources) all read old values here,
the same way. Only « number [unit] » is read; anything else (« 7 sur 9 »,
« environ 640 », « 25 (13 filles, 12 garçons) ») is kept whole as the note, with
no value: a guess would publish a wrong figure.
"""

import re
from decimal import Decimal, InvalidOperation

# Arabic-Indic and Eastern Arabic-Indic digits, Arabic separators (the unit,
# « ٪ » included, is kept as written).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789,.")
_SPACES = "[ \u00a0\u202f]"
# Groups of three after a space or a dot are thousands (« 4 130 », « 1.200.000 »);
# a comma, or a dot before anything but three digits, is the decimal separator.
_NUMBER = re.compile(
    rf"(?P<int>\d{{1,3}}(?:(?:{_SPACES}\d{{3}})+|(?:\.\d{{3}})+)(?!\d)|\d+)"
    r"(?:[,.](?P<frac>\d+))?"
)
_MULTIPLIERS = {
    "million": 10**6,
    "millions": 10**6,
    "milliard": 10**9,
    "milliards": 10**9,
    "مليون": 10**6,
    "ملايين": 10**6,
    "مليار": 10**9,
    "ملايير": 10**9,
}
_MAX_UNIT = 40


def parse_indicator_value(text):
    """``(value, unit)`` read from ``text``, or ``(None, "")`` when it is not
    « number [unit] » (value a ``Decimal``, unit the rest, stripped)."""
    text = " ".join(str(text or "").translate(_DIGITS).split())
    number = _NUMBER.match(text)
    if not number:
        return None, ""
    digits = re.sub(r"\D", "", number["int"])
    try:
        value = Decimal(f"{digits}.{number['frac'] or 0}")
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits in
        return None, ""
    rest = text[number.end() :].strip()
    word, _, after = rest.partition(" ")
    if word.lower() in _MULTIPLIERS:
        value *= _MULTIPLIERS[word.lower()]
        rest = re.sub(r"^(de |d')", "", after.strip())
    if re.search(r"\d|[()/×x+*=<>~≈]", rest) or len(rest) > _MAX_UNIT:
        return None, ""
    if value == value.to_integral_value():
        value = value.to_integral_value()  # « 120 », not « 120.0 »
    return value, rest


def structured_indicator(old):
    """An indicator of the structured form from ``old``: the old form
    (``{"label", "value"}``, value a text) or already structured (returned
    with its missing keys). Nothing is lost: an unreadable value moves to the
    note."""
    old = dict(old or {})
    if "unit" in old or "note" in old or "baseline" in old:
        return {**EMPTY, **old}
    text = str(old.get("value") or "").strip()
    value, unit = parse_indicator_value(text)
    return {
        **EMPTY,
        "label": old.get("label", ""),
        "value": None if value is None else str(value),
        "unit": unit,
        "note": "" if value is not None else text,
    }


EMPTY = {
    "label": "",
    "value": None,
    "unit": "",
    "baseline": None,
    "target": None,
    "year": None,
    "target_public": "",
    "note": "",
}
