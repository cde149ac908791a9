"""Navigation shared by every page: the index pages of the active language
(read only when the header's cached navigation is rebuilt)."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page


def navigation(request):
    def index_pages():
        # The active language's locale joined, not read first: routing has
        # read it already (a second identical query otherwise).
        try:
            language = get_supported_content_language_variant(get_language())
        except LookupError:
            return []
        return list(
            Page.objects.live()
            .in_menu()
            .filter(locale__language_code=language, depth=3)
            .order_by("path")
        )

    return {"nav_pages": SimpleLazyObject(index_pages)}
