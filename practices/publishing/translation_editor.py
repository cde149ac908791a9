"""Right-to-left text in wagtail-localize's translation editor.

Its React editor shows the source text and the translation fields without
``dir`` or ``lang``: in an Arabic translation, Arabic is typed into fields laid
out left-to-right (a known gap upstream). The script marks the source text and
the target fields with the direction and language of their locale
(``practices/static/practices/admin/translation-direction.js``).
"""

from django.templatetags.static import static
from django.utils.html import format_html


def direction_script():
    """``insert_editor_js``: wagtail-localize's editor outputs it too."""
    return format_html(
        '<script src="{}" defer></script>',
        static("practices/admin/translation-direction.js"),
    )
