"""The workflow of translations, wherever the translated page sits.

A page wagtail-localize made from another locale goes to this workflow
(``HubPageMixin.get_workflow``), not to its section's. Kept apart from
``publishing.workflows``, which creates it, so that the page models can find it
without importing the publishing package (which imports the models).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Workflow

from hub.localize import in_french

TRANSLATION = _("Traduction : validation par la coordination")


def translation_workflow():
    return Workflow.objects.filter(name=in_french(TRANSLATION), active=True).first()
