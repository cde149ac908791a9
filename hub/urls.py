"""The site's URLconf: each app's URLs are included by name, so that ``hub``, the
bottom layer, imports none of the apps above it (docs/architecture.md)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub import password_throttling
from hub.robots import robots_txt
from hub.sitemap import sitemap

urlpatterns = [
    # /healthz and /readyz for probes: no language prefix, before everything.
    path("", include("hub.health_urls")),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    # Versions, thumbnails, the document view with corrected headers, image
    # files (documents/urls.py): before Wagtail's document URLs.
    path("", include("documents.urls")),
    # Before Wagtail's own: its shared-password forms, throttled per client address.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        password_throttling.document_password,
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("search.api_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("compte/alertes/", include("alerts.urls")),  # follows, digests (#16)
    path("compte/", include("hub.accounts")),  # member login / logout / account
    path("confidentialite/", include("hub.privacy_notice")),  # personal data
    path("partager/", include("practices.share.urls")),  # « Partager une pratique »
    path("adapter/", include("practices.adaptation.urls")),  # adopt and adapt
    path("flux/", include("practices.feed_urls")),  # RSS and Atom feeds
    path("donnees/", include("opendata.urls")),  # open data (CSV, JSON, DCAT-AP)
    path("contact/", include("portal.contact_urls")),  # write to a contact person
    path("", include("results.urls")),  # /<lang>/resultats/: results in figures
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/"
        "<int:page_id>/",
        password_throttling.page_password,
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"
