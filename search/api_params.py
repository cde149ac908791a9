"""The JSON API's query parameters, checked against their OpenAPI declaration.

The search page is lenient (``params.parse``: a bad value is dropped and named
in a notice, a long query is cut), because its links get mangled by messaging
apps and edited by hand. The API is a contract: a request that its OpenAPI
document (``openapi.py``) does not allow answers 400 with the document's
``Error`` (a message and the first bad parameter), so that a client learns of
its mistake instead of silently getting results for something else.

``errors()`` reads the declared parameter schemas themselves, so the document
and the validation cannot drift apart. It knows the JSON Schema keywords they
use (``KEYWORDS``; a test checks that no other is declared) and reads a query
string the way OpenAPI's ``form`` style does:

* a parameter that is not an array may be given once; an array parameter
  (``explode``) once per item;
* an integer is ASCII digits, nothing else (no sign, space or decimal point);
* a ``pattern`` is anchored (``^…$``) and matched whole, as ECMA 262 — what JSON
  Schema specifies and what independent clients check — reads it. Patterns are
  therefore written with explicit characters, never ``\\w``, ``\\d`` or
  ``\\s``, whose meaning differs from one regex engine to the next. The only
  pattern is the slug's, hence its message.
"""

import re
from functools import cache

from django.utils.translation import gettext as _

KEYWORDS = frozenset(
    {
        "type",
        "items",
        "enum",
        "default",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "maxItems",
    }
)
_DIGITS = re.compile(r"[0-9]+")


def errors(query, parameters):
    """``{name: message}`` for the parameters of ``query`` (a ``QueryDict``)
    that ``parameters`` (OpenAPI parameter objects) do not allow, in their
    declared order."""
    found = {}
    for parameter in parameters:
        name, schema = parameter["name"], parameter["schema"]
        values = query.getlist(name)
        if not values:
            continue
        if schema["type"] == "array":
            message = _items_error(name, values, schema)
        elif len(values) > 1:
            message = _("Une seule valeur est permise pour « %(name)s ».") % {
                "name": name
            }
        else:
            message = _value_error(name, values[0], schema)
        if message:
            found[name] = message
    return found


def _items_error(name, values, schema):
    if len(values) > schema.get("maxItems", len(values)):
        return _("Trop de valeurs pour « %(name)s » (%(max)s au plus).") % {
            "name": name,
            "max": schema["maxItems"],
        }
    for value in values:
        message = _value_error(name, value, schema["items"])
        if message:
            return message
    return None


def _value_error(name, value, schema):
    if schema["type"] == "integer":
        return _integer_error(name, value, schema)
    if "enum" in schema and value not in schema["enum"]:
        return _("Valeur non valide pour « %(name)s » : choisissez %(choices)s.") % {
            "name": name,
            "choices": ", ".join(schema["enum"]),
        }
    if "pattern" in schema:
        if not _whole(schema["pattern"]).fullmatch(value) or not _fits(value, schema):
            return _("Valeur non valide pour « %(name)s » : un identifiant (slug).") % {
                "name": name
            }
    elif not _fits(value, schema):
        return _(
            "Valeur non valide pour « %(name)s » : %(max)s caractères au plus."
        ) % {"name": name, "max": schema["maxLength"]}
    return None


def _integer_error(name, value, schema):
    low, high = schema["minimum"], schema["maximum"]
    if _DIGITS.fullmatch(value) and low <= int(value) <= high:
        return None
    return _(
        "Valeur non valide pour « %(name)s » : nombre entier de %(low)s à %(high)s."
    ) % {"name": name, "low": low, "high": high}


def _fits(value, schema):
    """``minLength`` / ``maxLength``, in characters (code points) as JSON Schema
    counts them."""
    return (
        schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value))
    )


@cache
def _whole(pattern):
    if not (pattern.startswith("^") and pattern.endswith("$")):
        raise ValueError(f"Declared patterns are anchored (^…$): {pattern!r}")
    return re.compile(pattern[1:-1])
