"""The JSON API: outside ``i18n_patterns``, its language is the explicit ``lang``."""

from django.urls import path, re_path

from . import api, autocomplete
from .read_api import not_found, router

urlpatterns = [
    path("api/search/", api.search, name="search-api"),
    path("api/search/openapi.json", api.openapi, name="search-api-openapi"),
    path(
        "api/search/autocomplete/",
        autocomplete.autocomplete,
        name="search-autocomplete",
    ),
    path("api/v2/openapi.json", api.read_api_document, name="read-api-openapi"),
    path("api/v2/", router.urls),  # Wagtail's read API, public content only
    re_path(r"^api/v2/", not_found),
]
