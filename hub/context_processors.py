"""Navigation shared by every page: the index pages of the active language."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale, Page


def navigation(request):
    def index_pages():
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return []
        return list(
            Page.objects.live()
            .in_menu()
            .filter(locale=locale, depth=3)
            .order_by("path")
        )

    return {"nav_pages": SimpleLazyObject(index_pages)}
