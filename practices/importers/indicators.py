"""Checking the indicators of a record: the structured form (issue #15)

    {"label": "Femmes formées", "value": 120, "unit": "femmes", "baseline": 40,
     "target": 150, "year": 2023, "target_public": "women", "note": "…"}

or the older one, {"label": "…", "value": "120 femmes"}, whose text is read as
the data migration reads it (``practices.indicator_text``): what is not
« number [unit] » becomes the note, so that nothing is lost.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from hub.single_line import single_line

from ..indicator_text import structured_indicator

NUMBERS = ("value", "baseline", "target")
TEXTS = ("unit", "note")
KEYS = {"label", *NUMBERS, *TEXTS, "year", "target_public"}


def check_indicators(value, public):
    """The clean indicators of ``value``; ``public(text)`` resolves a target
    public's name or slug to its slug (raising ValueError when unknown)."""
    if not isinstance(value, list):
        raise ValueError(_("liste attendue"))
    return [_indicator(item, public) for item in value]


def _indicator(item, public):
    if not isinstance(item, dict) or not _line(item.get("label")):
        raise ValueError(_("chaque élément doit avoir : %s") % "label, value")
    unknown = set(item) - KEYS
    if unknown:
        raise ValueError(_("clé inconnue : %s") % ", ".join(sorted(unknown)))
    if set(item) <= {"label", "value"} and isinstance(item.get("value"), str):
        if not _line(item["value"]):
            raise ValueError(_("chaque élément doit avoir : %s") % "label, value")
        return structured_indicator(
            {"label": single_line(item["label"]), "value": single_line(item["value"])}
        )
    clean = {"label": single_line(item["label"])}
    for key in NUMBERS:
        clean[key] = _number(item.get(key), key)
    for key in TEXTS:
        text = item.get(key) or ""
        if not isinstance(text, str):
            raise ValueError(_("« %s » : texte attendu") % key)
        clean[key] = single_line(text)
    clean["year"] = _year(item.get("year"))
    clean["target_public"] = (
        public(item["target_public"]) if item.get("target_public") else ""
    )
    if clean["value"] is None and not clean["note"]:
        raise ValueError(_("chaque élément doit avoir : %s") % "label, value")
    return clean


def _line(text):
    return isinstance(text, str) and single_line(text)


def _number(value, key):
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(_("« %s » : nombre attendu") % key)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(_("« %s » : nombre attendu") % key) from None
    if not number.is_finite():
        raise ValueError(_("« %s » : nombre attendu") % key)
    return str(number)


def _year(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(_("« %s » : nombre entier attendu") % "year")
    if not 1900 <= value <= 2100:
        raise ValueError(_("année invalide %d (1900 à 2100)") % value)
    return value


def exported(value):
    """An indicator block's value in the structured form, without empty keys
    (numbers as JSON numbers)."""
    item = {"label": value["label"]}
    for key in ("value", "unit", "baseline", "target", "year", "target_public"):
        if value[key] not in (None, ""):
            item[key] = _json_number(value[key]) if key in NUMBERS else value[key]
    if value["note"]:
        item["note"] = value["note"]
    return item


def _json_number(number):
    number = Decimal(number)
    return int(number) if number == number.to_integral_value() else float(number)
