"""Admin registration: the translation editor, its review and sync, and the
page chooser's scope."""

from wagtail import hooks

from .publishing import (
    localize_update,
    rich_text_labels,
    translation_editor,
    translation_review,
)
from .publishing.chooser_scope import hide_unreadable_drafts
from .publishing.dashboard_names import localise_panels
from .publishing.submit_label import localise_submit_item

# Before wagtail-localize's own hook (order 0), which replaces the editor of a
# translation: take the translation editor's "Submit" (translation_review.py).
# What translators may open at all is the page policy's business
# (practices/publishing/translator_scope.py, installed in apps.py).
hooks.register("before_edit_page", translation_review.submit_translation, order=-10)
hooks.register("insert_editor_js", translation_editor.direction_script)
# Draftail's editable areas named after their field's label (rich_text_labels.py).
hooks.register("insert_editor_js", rich_text_labels.label_script)
# Before wagtail-localize's URLs: its "Sync translated pages" without publishing
# for those who may not publish (practices/publishing/localize_update.py).
hooks.register("register_admin_urls", localize_update.admin_urls)
# Other people's drafts stay out of the page chooser (publishing/chooser_scope.py).
hooks.register("construct_page_chooser_queryset", hide_unreadable_drafts)
# « Submit to <workflow> » names the workflow in the reader's language
# (publishing/submit_label.py).
hooks.register("construct_page_action_menu", localise_submit_item)
# The dashboard's workflow panels too (publishing/dashboard_names.py).
hooks.register("construct_homepage_panels", localise_panels)
