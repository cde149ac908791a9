"""Accessible names for Wagtail's rich text editors.

Draftail's editable area (``role="textbox"``) has no accessible name: screen
readers announce a nameless text box, and axe reports it (aria-input-field-name,
serious) on every page editor. The script points each one at its field's label
(``practices/static/practices/admin/rich-text-labels.js``).
"""

from django.templatetags.static import static
from django.utils.html import format_html


def label_script():
    """``insert_editor_js``: on the page editors (create, edit)."""
    return format_html(
        '<script src="{}" defer></script>',
        static("practices/admin/rich-text-labels.js"),
    )
