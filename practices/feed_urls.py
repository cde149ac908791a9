"""``flux/rss/`` and ``flux/atom/`` under each language's prefix (hub/urls.py)."""

from django.urls import path

from .feeds import HubAtomFeed, HubFeed

app_name = "feeds"
urlpatterns = [
    path("rss/", HubFeed(), name="rss"),
    path("atom/", HubAtomFeed(), name="atom"),
]
