"""The JSON API: outside ``i18n_patterns``, its language is the explicit ``lang``."""

from django.urls import path

from . import api, autocomplete

urlpatterns = [
    path("api/search/", api.search, name="search-api"),
    path("api/search/openapi.json", api.openapi, name="search-api-openapi"),
    path(
        "api/search/autocomplete/",
        autocomplete.autocomplete,
        name="search-autocomplete",
    ),
]
