"""The OpenAPI 3 description of ``GET /api/search/`` and
``GET /api/search/autocomplete/``, built from ``params.py`` (the autocomplete's
limits included). The API validates its parameters against these very
declarations (``api_params``), so the documented values cannot drift from the
validated ones; ``tests/test_search_api_contract.py`` has an independent client
(schemathesis) check every answer against them."""

from practices import facets
from practices.content_types import KEYS

from .params import (
    DEFAULT_PAGE_SIZE,
    FILTERS,
    LANGUAGES,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_SUGGESTIONS,
    MAX_VALUES_PER_FILTER,
    MIN_LENGTH,
    SLUG_FILTERS,
    SORTS,
)

# A term or tag slug: ASCII letters, digits, "-", "_", and any other character
# of the Basic Multilingual Plane (tag slugs may be Arabic or accented). Spelled
# out, not as [-\w], because \w means ASCII to ECMA 262 (JSON Schema's regex
# dialect) and every letter to Python: clients and server would disagree.
SLUG = {
    "type": "string",
    "minLength": 1,
    "maxLength": 100,
    "pattern": r"^[-0-9A-Z_a-z\u0080-\uffff]{1,100}$",
}
QUERY = {"type": "string", "maxLength": MAX_QUERY_LENGTH}
TYPE = {"type": "string", "enum": list(KEYS)}
YEAR = {"type": "integer", "minimum": 1000, "maximum": 9999}


def _parameter(name, schema, description, repeatable=False):
    if repeatable:
        schema = {"type": "array", "items": schema, "maxItems": MAX_VALUES_PER_FILTER}
        description += " Repeat to combine values (AND)."
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        **({"style": "form", "explode": True} if repeatable else {}),
    }


def _filter(facet):
    """A filter's parameter, described by the facet table (practices.facets)."""
    if facet.name == "year":
        # One year: not repeatable, unlike the other filters.
        return _parameter(facet.name, YEAR, facet.description)
    schema = SLUG if facet.name in SLUG_FILTERS else TYPE
    return _parameter(facet.name, schema, facet.description, True)


def parameters():
    return [
        _parameter(
            "q",
            QUERY,
            "Words to search for (all of them must match). Empty: browse, newest "
            "first. Control and query-syntax characters are ignored; a longer "
            "query answers 400.",
        ),
        _parameter(
            "lang",
            {"type": "string", "enum": list(LANGUAGES)},
            "Content language; `all` shows each page once, preferring the "
            "request's language. Default: the request's language (Accept-Language).",
        ),
        *(_filter(facets.get(name)) for name in FILTERS),
        _parameter(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
            "Page (past the last one: no results).",
        ),
        _parameter(
            "page_size",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
            "Results per page.",
        ),
        _parameter(
            "sort",
            {"type": "string", "enum": list(SORTS), "default": "relevance"},
            "Order of the results (without `q`: always newest first).",
        ),
    ]


def autocomplete_parameters():
    return [
        _parameter(
            "q",
            QUERY,
            "What has been typed: titles must have words starting with each word "
            "(the last one may be incomplete). Fewer than "
            f"{MIN_LENGTH} characters: no suggestions; more than "
            f"{MAX_QUERY_LENGTH}: 400.",
        ),
        _parameter(
            "lang",
            {"type": "string", "enum": list(LANGUAGES)},
            "Content language; `all` suggests each page once, preferring the "
            "request's language. Default: the request's language.",
        ),
    ]


def _object(properties, required=None):
    return {
        "type": "object",
        "required": list(required or properties),
        "properties": properties,
    }


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
RESULT = _object(
    {
        "ref": {"type": "string", "description": "Stable identifier of the page."},
        "type": {"type": "string", "enum": list(KEYS)},
        "title": STRING,
        "url": {"type": "string", "description": "Absolute path of the page."},
        "language": {"type": "string", "enum": ["fr", "ar"]},
        "snippet": {
            "type": "string",
            "description": "HTML: escaped text around the first matches, each "
            "matching word wrapped in <mark>…</mark>; no other markup.",
        },
        "tags": {
            "type": "array",
            "items": _object({"slug": STRING, "name": STRING}),
        },
        "translations": {
            "type": "array",
            "description": "Other languages of the page (only with lang=all).",
            "items": _object({"language": STRING, "url": STRING}),
        },
        "adapted_from": {
            "description": "Practices only: the live fiche this practice was "
            "adapted from by another commune (in the result's language when "
            "translated), or null.",
            # OpenAPI 3.0 ignores siblings of a bare $ref: nullable needs allOf.
            "nullable": True,
            "allOf": [{"$ref": "#/components/schemas/Lineage"}],
        },
        "adapted_by": {
            "type": "array",
            "description": "Practices only: the live fiches of other communes "
            "adapted from this one (in the result's language when translated).",
            "items": {"$ref": "#/components/schemas/Lineage"},
        },
    }
)
LINEAGE = _object(
    {
        "ref": {"type": "string", "description": "Stable identifier of the fiche."},
        "title": STRING,
        "url": {"type": "string", "description": "Absolute path of the fiche."},
        "language": {"type": "string", "enum": ["fr", "ar"]},
        "commune": {
            "type": "string",
            "nullable": True,
            "description": "Name of the fiche's commune (null for the programme).",
        },
    }
)
PROMOTED = _object(
    {
        "ref": {
            "type": "string",
            "nullable": True,
            "description": "Stable identifier of the page (null for a page that is "
            "not a practice, template or training module).",
        },
        "type": {
            "type": "string",
            "enum": [*KEYS, "page"],
            "description": "Page type; `page` for any other kind of page.",
        },
        "title": STRING,
        "url": {"type": "string", "description": "Absolute path of the page."},
        "language": {"type": "string", "enum": ["fr", "ar"]},
    }
)
SUGGESTION = _object(
    {
        "title": STRING,
        "url": {"type": "string", "description": "Absolute path of the page."},
        "type": {"type": "string", "enum": list(KEYS)},
        "language": {"type": "string", "enum": ["fr", "ar"]},
    }
)
AUTOCOMPLETE = _object(
    {
        "query": {"type": "string", "description": "The query as completed."},
        "suggestions": {
            "type": "array",
            "maxItems": MAX_SUGGESTIONS,
            "items": {"$ref": "#/components/schemas/Suggestion"},
        },
    }
)
COUNTS = {"type": "object", "additionalProperties": INTEGER}
RESPONSE = _object(
    {
        "query": {"type": "string", "description": "The query as searched."},
        "lang": {"type": "string", "enum": list(LANGUAGES)},
        "count": INTEGER,
        "page": INTEGER,
        "page_size": INTEGER,
        "num_pages": INTEGER,
        "results": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/Result"},
        },
        "promoted": {
            "type": "array",
            "description": "Pages the editors recommend for this query (Wagtail "
            "search promotions), in their order, to show before the results: live "
            "pages in `lang` (with `lang=all`: in the request's language). Only on "
            "page 1; may repeat a result.",
            "items": {"$ref": "#/components/schemas/Promoted"},
        },
        "facets": {
            "description": "Facet -> value -> number of results with that value "
            "(counts of the current results, filters combined with AND). The "
            "same facets filter the site's index pages. `kind` (since 1.1.0) "
            "counts templates by document kind; `commune` counts Moroccan "
            "communes only.",
            **_object(dict.fromkeys((f.name for f in facets.in_search()), COUNTS)),
        },
        "backend": {"type": "string", "description": "Search backend that answered."},
        "degraded": {
            "type": "boolean",
            "description": "True when the search engine was unreachable and the "
            "database answered instead.",
        },
    }
)
ERROR = _object(
    {
        "error": {
            "type": "string",
            "description": "Message in the request's language.",
        },
        "parameter": {"type": "string", "description": "The first invalid parameter."},
    }
)


def schema():
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Passerelle search API",
            # 1.1.0: the ``kind`` filter and facet (an addition).
            "version": "1.1.0",
            "description": "Good-practice fiches, document templates and training "
            "modules, in French and Arabic. Every parameter is checked as declared "
            "here: anything else answers 400 with an `Error` naming the first bad "
            "parameter. The operations are read-only: methods other than GET and "
            "HEAD answer 405 (JSON, with an `Allow` header).",
        },
        "paths": {
            "/api/search/": {
                "get": {
                    "operationId": "search",
                    "summary": "Search and filter the knowledge hub.",
                    "parameters": parameters(),
                    "responses": {
                        "200": _json("Results, facets and paging.", "SearchResponse"),
                        "400": _json("An invalid parameter.", "Error"),
                    },
                }
            },
            "/api/search/autocomplete/": {
                "get": {
                    "operationId": "autocomplete",
                    "summary": "Titles that complete what is being typed.",
                    "parameters": autocomplete_parameters(),
                    "responses": {
                        "200": _json(
                            f"At most {MAX_SUGGESTIONS} suggestions, "
                            "best first (none for a query under "
                            f"{MIN_LENGTH} characters).",
                            "AutocompleteResponse",
                        ),
                        "400": _json("An invalid `lang`.", "Error"),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "SearchResponse": RESPONSE,
                "Result": RESULT,
                "Lineage": LINEAGE,
                "Promoted": PROMOTED,
                "AutocompleteResponse": AUTOCOMPLETE,
                "Suggestion": SUGGESTION,
                "Error": ERROR,
            }
        },
    }


def _json(description, name):
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
        },
    }
