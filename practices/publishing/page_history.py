"""The page's history (« Historique »): the « Comparer avec la version
précédente » of a submitted version compares with the version submitted
before it, what the reviewers saw last (resubmission_compare.py), rather than
with the revision just before it — the editor's last save, an autosave or the
reviewer's comment revision, which showed « aucune différence ».

Page views are routed through a page viewset (``page_viewset_registry``):
``register_admin_viewset`` registers ours for every page type, Wagtail's own
but for its history view, in place of Wagtail's default one (registered first,
``order=-1``).
"""

from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.admin.viewsets.pages import PageViewSet

from .resubmission_compare import submitted_before_each


class SubmissionAwareHistoryView(PageHistoryView):
    def get_table(self, object_list):
        entries = list(object_list)  # the page's entries, read once
        submitted_before = submitted_before_each(self.object)
        for entry in entries:
            # Wagtail's link reads ``previous_revision_id`` (an annotation).
            earlier = submitted_before.get(entry.revision_id)
            if earlier is not None:
                entry.previous_revision_id = earlier
        return super().get_table(entries)


def page_viewset():
    """``register_admin_viewset``."""
    return PageViewSet(history_view_class=SubmissionAwareHistoryView)
