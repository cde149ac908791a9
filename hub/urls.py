from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub import password_throttling
from hub.views import serve_image_file
from practices import downloads
from search import api as search_api
from search import autocomplete as search_autocomplete
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's document URLs, whose "<id>/<anything>" pattern would take
    # them: every version of a document (byte ranges supported) and its thumbnail.
    path(
        "documents/<int:document_id>/v<int:number>/<str:filename>",
        downloads.serve_version,
        name="document-version",
    ),
    path(
        "documents/<int:document_id>/apercu/<str:checksum>.webp",
        downloads.serve_thumbnail,
        name="document-thumbnail",
    ),
    # Before Wagtail's own: its shared-password forms, throttled per client address.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        password_throttling.document_password,
    ),
    # Wagtail's document view, its headers corrected (downloads.serve_document).
    re_path(
        r"^documents/(\d+)/(.*)$", downloads.serve_document, name="wagtaildocs_serve"
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Only image files are served from MEDIA_ROOT; documents always go through Wagtail's
# serve view (``/documents/``) so that download headers and privacy rules apply.
urlpatterns += [
    re_path(
        r"^media/(?P<path>(?:images|original_images)/[^/]+)$",
        serve_image_file,
        {"document_root": settings.MEDIA_ROOT},
    ),
]

# The JSON API is outside i18n_patterns: its language is the explicit ``lang``.
urlpatterns += [
    path("api/search/", search_api.search, name="search-api"),
    path("api/search/openapi.json", search_api.openapi, name="search-api-openapi"),
    path(
        "api/search/autocomplete/",
        search_autocomplete.autocomplete,
        name="search-autocomplete",
    ),
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("compte/", include("hub.accounts")),  # member login / logout
    path("partager/", include("practices.share.urls")),  # « Partager une pratique »
    path("adapter/", include("practices.adaptation.urls")),  # adopt and adapt
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
