"""Admin registration: the vocabularies as translatable snippets, in one menu;
document versions kept on file replacement; downloads counted."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions import EditAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .downloads import count_download
from .models import (
    Commune,
    DocumentKind,
    HubDocument,
    Partnership,
    Region,
    TargetPublic,
    Theme,
)
from .publishing import localize_update, translation_editor, translation_review
from .publishing.chooser_scope import hide_unreadable_drafts


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]
    ordering = ["name"]


class RegionViewSet(TermViewSet):
    model = Region
    icon = "site"
    list_filter = ["country"]


class CommuneViewSet(TermViewSet):
    model = Commune
    icon = "home"
    list_display = ["name", "country", "region", "population_total", "locale"]
    list_filter = ["country", "region"]


class PartnershipViewSet(TermViewSet):
    model = Partnership
    icon = "link"
    list_display = ["name", "moroccan_commune", "belgian_commune", "since", "locale"]


class ThemeViewSet(TermViewSet):
    model = Theme
    icon = "tag"


class TargetPublicViewSet(TermViewSet):
    model = TargetPublic
    icon = "group"


class DocumentKindViewSet(TermViewSet):
    model = DocumentKind
    icon = "doc-full"


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Référentiels")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        RegionViewSet,
        CommuneViewSet,
        PartnershipViewSet,
        ThemeViewSet,
        TargetPublicViewSet,
        DocumentKindViewSet,
    )


register_snippet(VocabularyGroup)


class KeepEarlierFilesEditAction(EditAction):
    """Wagtail's document edit, except that a replaced file is kept.

    ``BaseDocumentForm.save`` deletes the previous file from storage when a new
    one is uploaded; it stays listed and downloadable as an earlier version
    (``practices.models.versions``), so the form is told there is none to delete.
    The editor is recorded as the new version's uploader. Wagtail's edit view
    saves through the "edit" action registered for the model (``register_actions``
    hook, see ``wagtail/actions/registry.py``).
    """

    def _save_instance(self):
        if self.form is not None and "file" in self.form.changed_data:
            self.form.original_file = None
            self.instance.file_replaced_by = self.user
        super()._save_instance()


@hooks.register("register_actions")
def register_document_actions(registry):
    registry.register(HubDocument, KeepEarlierFilesEditAction)


# After Wagtail's own hook (order 0), which refuses private documents: only
# downloads that are actually served are counted.
hooks.register("before_serve_document", count_download, order=100)

# Before wagtail-localize's own hook (order 0), which replaces the editor of a
# translation: take the translation editor's "Submit" (translation_review.py).
# What translators may open at all is the page policy's business
# (practices/publishing/translator_scope.py, installed in apps.py).
hooks.register("before_edit_page", translation_review.submit_translation, order=-10)
hooks.register("insert_editor_js", translation_editor.direction_script)
# Before wagtail-localize's URLs: its "Sync translated pages" without publishing
# for those who may not publish (practices/publishing/localize_update.py).
hooks.register("register_admin_urls", localize_update.admin_urls)
# Other people's drafts stay out of the page chooser (publishing/chooser_scope.py).
hooks.register("construct_page_chooser_queryset", hide_unreadable_drafts)
