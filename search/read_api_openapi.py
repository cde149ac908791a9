"""The OpenAPI 3 description of the read API (``/api/v2/``, ``read_api.py``),
served at ``/api/v2/openapi.json``.

A page's fields are built from the page types' own ``api_fields``
(``practices/api_fields.py``) and their model fields, so the document lists
exactly what the API can answer: a field that is not there (the contacts) is
not described, and ``additionalProperties: false`` makes any undescribed field
in an answer a contract failure. ``tests/test_read_api_contract.py`` has
schemathesis check every answer against this document.
"""

from django.conf import settings
from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import get_page_models

from practices import api_fields

from .openapi import _json
from .openapi import _parameter as query_parameter
from .read_api_params import MAX_OFFSET

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
LANGUAGE = {"type": "string", "enum": ["fr", "ar"]}
URL = {"type": "string", "description": "Absolute URL."}


def _object(properties, required=()):
    return {
        "type": "object",
        "required": list(required),
        "properties": properties,
        "additionalProperties": False,
    }


def _nullable(schema):
    return {**schema, "nullable": True}


TERM = _object({"slug": STRING, "name": STRING}, ["slug", "name"])
# The serializers of practices/api_fields.py, as their answers look.
SERIALIZED = {
    api_fields.RichText: {"type": "string", "description": "HTML, links resolved."},
    api_fields.Term: _nullable(TERM),
    api_fields.Terms: {"type": "array", "items": TERM},
    api_fields.Tags: {"type": "array", "items": TERM},
    api_fields.Participations: {
        "type": "array",
        "description": "Participants per target public.",
        "items": _object(
            {"target_public": TERM, "count": INTEGER}, ["target_public", "count"]
        ),
    },
    api_fields.PublicAttachments: {
        "type": "array",
        "description": "Public documents attached to the page.",
        "items": _object(
            {
                "id": INTEGER,
                "title": STRING,
                "language": STRING,
                "file_size": _nullable(INTEGER),
                "download_url": STRING,
            },
            ["id", "title", "download_url"],
        ),
    },
}
STREAM = {
    "type": "array",
    "description": "StreamField blocks, in order.",
    "items": {
        "type": "object",
        "required": ["type", "value"],
        "properties": {"type": STRING, "id": STRING, "value": {}},
    },
}


def _model_field(field):
    """The JSON of a model field as Django REST framework serialises it."""
    if isinstance(field, StreamField):
        return STREAM
    if isinstance(field, RichTextField):
        return STRING
    if isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, models.IntegerField):
        schema = dict(INTEGER)
    elif isinstance(field, models.BooleanField):
        schema = dict(BOOLEAN)
    else:
        schema = dict(STRING)
    if field.choices:
        schema["enum"] = [value for value, _label in field.flatchoices]
    return _nullable(schema) if field.null else schema


def _field(model, api_field):
    if api_field.serializer is not None:
        return SERIALIZED[type(api_field.serializer)]
    return _model_field(model._meta.get_field(api_field.name))


def type_fields():
    """``{field name: schema}`` of every page type's ``api_fields``; a name
    shared by two types must answer the same JSON (a test checks it)."""
    fields = {}
    for model in api_page_models():
        for api_field in model.api_fields:
            fields.setdefault(api_field.name, _field(model, api_field))
    return fields


def api_page_models():
    return [model for model in get_page_models() if getattr(model, "api_fields", ())]


def page_types():
    return sorted(model._meta.label for model in get_page_models())


PAGE_REF = _object(
    {
        "id": INTEGER,
        "meta": _object(
            {"type": STRING, "detail_url": URL, "html_url": _nullable(STRING)}
        ),
        "title": STRING,
    },
    ["id"],
)
PAGE_META = _object(
    {
        "type": {"type": "string", "description": "Page type, `app.Model`."},
        "detail_url": URL,
        "html_url": _nullable({**URL, "description": "The page on the site."}),
        "slug": STRING,
        "show_in_menus": BOOLEAN,
        "seo_title": STRING,
        "search_description": STRING,
        "first_published_at": _nullable({"type": "string", "format": "date-time"}),
        "alias_of": _nullable(PAGE_REF),  # always null: aliases are not listed
        "parent": _nullable(PAGE_REF),
        "locale": LANGUAGE,
    }
)
FILE_META = _object(
    {
        "type": STRING,
        "detail_url": URL,
        "tags": {"type": "array", "items": STRING},
        "download_url": STRING,
    }
)


def _listing(item):
    return _object(
        {
            "meta": _object({"total_count": INTEGER}, ["total_count"]),
            "items": {"type": "array", "items": {"$ref": item}},
        },
        ["meta", "items"],
    )


def components():
    page = {"id": INTEGER, "meta": PAGE_META, "title": STRING, **type_fields()}
    return {
        "Page": _object(page),
        "PageListing": _listing("#/components/schemas/Page"),
        "Document": _object({"id": INTEGER, "meta": FILE_META, "title": STRING}),
        "DocumentListing": _listing("#/components/schemas/Document"),
        "Image": _object(
            {
                "id": INTEGER,
                "meta": FILE_META,
                "title": STRING,
                "width": INTEGER,
                "height": INTEGER,
            }
        ),
        "ImageListing": _listing("#/components/schemas/Image"),
        "Error": _object(
            {"message": {"type": "string", "description": "What is wrong (English)."}},
            ["message"],
        ),
    }


def _parameter(name, schema, description, **extra):
    return {**query_parameter(name, schema, description), **extra}


def common_parameters():
    limit = settings.WAGTAILAPI_LIMIT_MAX
    return [
        _parameter(
            "fields",
            STRING,
            "Fields to show, comma-separated: `*` all, `_` none, `-name` without "
            "one (e.g. `*,-body`). An unknown field answers 400.",
            example="*",
        ),
        _parameter(
            "limit",
            {"type": "integer", "minimum": 0, "maximum": limit, "default": 20},
            f"Items per answer (at most {limit}).",
        ),
        _parameter(
            "offset",
            {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
            "Items skipped.",
        ),
        _parameter(
            "order",
            STRING,
            "Field to order by (`-` before it: descending), several "
            "comma-separated, or `random`.",
            example="-id",
        ),
        _parameter("search", STRING, "Words to search for."),
        _parameter(
            "search_operator",
            {"type": "string", "enum": ["and", "or"]},
            "Whether all the words (`and`) or any (`or`) must match.",
        ),
        _parameter("title", STRING, "Exact title."),
    ]


PAGE_ID = {
    "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "enum": ["root"]}]
}


def page_parameters():
    return [
        _parameter(
            "type",
            {"type": "array", "items": {"type": "string", "enum": page_types()}},
            "Page types, comma-separated. With one type, its fields may be asked "
            "(`fields`) and its database fields used as filters (e.g. "
            "`year=2021`).",
            style="form",
            explode=False,
            example=["practices.PracticePage"],
        ),
        *common_parameters(),
        _parameter("locale", LANGUAGE, "Pages in this language only."),
        _parameter("slug", STRING, "Exact slug."),
        _parameter(
            "child_of", PAGE_ID, "Children of this page (`root`: the site's home)."
        ),
        _parameter("descendant_of", PAGE_ID, "Pages under this page."),
        _parameter("ancestor_of", {"type": "integer"}, "Pages above this page."),
        _parameter("translation_of", PAGE_ID, "Translations of this page."),
    ]


ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "Identifier.",
    "schema": {"type": "integer", "minimum": 0},
}


def _endpoint(name, schema_name, parameters, find):
    base = f"/api/v2/{name}/"
    errors = {
        "400": _json("An invalid parameter.", "Error"),
        "404": _json("No such public item.", "Error"),
    }
    return {
        base: {
            "get": {
                "operationId": f"{name}_listing",
                "summary": f"The public {name}, a page of them at a time.",
                "parameters": parameters,
                "responses": {
                    "200": _json("One page of the list.", f"{schema_name}Listing"),
                    **errors,
                },
            }
        },
        base + "{id}/": {
            "get": {
                "operationId": f"{name}_detail",
                "summary": f"One public {schema_name.lower()}, all its fields.",
                "parameters": [ID, *(p for p in parameters if p["name"] == "fields")],
                "responses": {"200": _json("The item.", schema_name), **errors},
            }
        },
        base + "find/": {
            "get": {
                "operationId": f"{name}_find",
                "summary": f"Redirects to the {schema_name.lower()}'s detail.",
                "parameters": find,
                "responses": {
                    "302": {
                        "description": "To the item's detail address.",
                        "headers": {"Location": {"schema": STRING}},
                    },
                    **errors,
                },
            }
        },
    }


def schema():
    id_find = [_parameter("id", {"type": "integer"}, "The item's identifier.")]
    page_find = [
        _parameter("html_path", STRING, "The page's path on the site, e.g. `/fr/…/`."),
        *id_find,
    ]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Passerelle read API",
            "version": "1.0.0",
            "description": "Wagtail's API v2: the hub's live public pages, "
            "documents and images, the same for anyone who asks (a session "
            "changes nothing). JSON only; errors are JSON `Error`s. The fields "
            "of practices, templates and training modules come with `type=` "
            "and `fields=*`; no personal data. A query parameter that is "
            "neither declared here nor a field of the `type` answers 400.",
        },
        "paths": {
            **_endpoint("pages", "Page", page_parameters(), page_find),
            **_endpoint("documents", "Document", common_parameters(), id_find),
            **_endpoint("images", "Image", common_parameters(), id_find),
        },
        "components": {"schemas": components()},
    }
