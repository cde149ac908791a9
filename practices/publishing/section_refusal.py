"""An editor refused their commune's section is told to add a practice there.

Sections are structure (practices/models/sections.py): a commune's editors
only add practices under theirs, so opening its editor gets Wagtail's general
refusal and the dashboard, with no word on what they may do. For whoever may
add under the refused section, this middleware adds that practices are added
with Wagtail's « Ajouter une sous-page » (« إضافة صفحة فرعية » in its Arabic
admin: the labels quoted are those its admin shows). Listed after Django's
MessageMiddleware, which stores the message on the way out.
"""

from django.utils.translation import gettext_lazy as _

from ..models import CommuneSectionPage
from .page_refusal import RefusalExplanationMiddleware


class SectionRefusalMiddleware(RefusalExplanationMiddleware):
    def explanation(self, request, page):
        section = page.type(CommuneSectionPage).first()
        if section is None:
            return None
        if not section.specific.permissions_for_user(request.user).can_add_subpage():
            return None
        return (
            _(
                "Cette section est la structure de l'espace de votre commune : "
                "ajoutez-y une pratique avec « Ajouter une sous-page »."
            ),
        )
