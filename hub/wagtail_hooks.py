"""Admin registration: text fields follow their text's direction (dir="auto")."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def text_direction_script():
    """French typed in the Arabic admin, and Arabic in the French one, each laid
    out in its own direction (hub/static/hub/admin/text-direction.js)."""
    return format_html(
        '<script src="{}" defer></script>', static("hub/admin/text-direction.js")
    )
