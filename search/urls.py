"""The search page, in the visitor's language (inside ``i18n_patterns``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search, name="search"),
]
