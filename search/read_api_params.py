"""The read API's (``read_api.py``) parameters that Wagtail hands on to the
database or the search backend unchecked: each is a 500 there (found by
schemathesis, tests/test_read_api_contract.py). Here they answer Wagtail's own
JSON 400 instead.

* a field filter whose value the field cannot read (``?start_date=abc``), or on
  a relation of many (``?themes=…``: Wagtail only knows foreign keys and tags);
* ``search_operator`` other than ``and`` / ``or``;
* an ``offset`` past what the database can count (SQLite: 64 bits);
* ``find/?id=`` that is not an id.
"""

from django.core.exceptions import ValidationError
from taggit.managers import TaggableManager
from wagtail.api.v2.utils import BadRequestError

MAX_OFFSET = 10**9
OPERATORS = ("and", "or")


class CheckedParameters:
    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        query = self.request.GET
        if query.get("search_operator", "and") not in OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if _integer(query.get("offset", "0")) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        filters = set(self.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in query.items():
            if name in filters and name != "locale":
                _check_filter(queryset.model._meta.get_field(name), value)

    def find_object(self, queryset, request):
        if "id" in request.GET and not 0 < _integer(request.GET["id"]) < 2**63:
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)


def _integer(value):
    """``value`` as Wagtail reads it (``int``), or 0 when it is none."""
    try:
        return int(value)
    except ValueError:
        return 0


def _check_filter(field, value):
    if isinstance(field, TaggableManager):
        return  # Wagtail filters tags by name
    if field.many_to_many or field.one_to_many or not field.concrete:
        raise BadRequestError(f"cannot filter by {field.name}")
    try:
        field.to_python(value)
    except ValidationError as error:
        raise BadRequestError(
            f"'{value}' is not a valid value for {field.name}"
        ) from error
