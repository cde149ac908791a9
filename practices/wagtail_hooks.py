"""Admin registration: the translation editor, its review and sync, the pages
to translate, and the page chooser's scope."""

from wagtail import hooks

from .fiche_pdf.serving import serve_fiche_pdf
from .publishing import (
    collection_names,
    localize_update,
    page_history,
    resubmission_compare,
    rich_text_labels,
    translation_approval,
    translation_editor,
    translation_queue_views,
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
# Its « Publier » on a translation in review approves the workflow's step, as
# « Approuver » does, instead of cancelling it (translation_approval.py).
hooks.register("before_edit_page", translation_approval.publish_as_approval, order=-10)
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
# The document and image listings' collection column too, at Wagtail's URLs
# (publishing/collection_names.py).
hooks.register("register_admin_urls", collection_names.admin_urls)
# « Pages à traduire »: the translators' list, menu item and dashboard panel
# (publishing/translation_queue_views.py).
hooks.register("register_admin_urls", translation_queue_views.admin_urls)
hooks.register("register_admin_menu_item", translation_queue_views.menu_item)
hooks.register("construct_homepage_panels", translation_queue_views.dashboard_panel)
# The dashboard's « Comparer avec la version précédente » of a resubmission
# compares with the version submitted before (publishing/resubmission_compare.py;
# after localise_panels: its panel is the localised one, by name).
hooks.register("construct_homepage_panels", resubmission_compare.replace_panel)
# The page history's comparison too: our page viewset, Wagtail's but for its
# history view (publishing/page_history.py).
hooks.register("register_admin_viewset", page_history.page_viewset)
# « …/<fiche>/pdf/ » (practices/fiche_pdf/serving.py). Innermost (a high
# order): Wagtail's own on_serve_page hook, which checks the page's view
# restrictions, wraps it — whoever may not read the page gets no PDF of it.
hooks.register("on_serve_page", serve_fiche_pdf, order=100)
