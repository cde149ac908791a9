"""/<lang>/resultats/ and its tables as CSV (inside ``i18n_patterns``)."""

from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("resultats/", views.dashboard, name="dashboard"),
    path("resultats/<slug:slug>.csv", views.table_download, name="table_csv"),
]
