"""``donnees/`` under each language's prefix (hub/urls.py)."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalogue.jsonld", views.catalogue_view, name="catalogue"),
    path("<slug:name>.<str:fmt>", views.download, name="download"),
]
