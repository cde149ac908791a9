"""The workflow of translations, wherever the translated page sits.

A page wagtail-localize made from another locale goes to this workflow
(``HubPageMixin.get_workflow``), not to its section's. Kept apart from
``publishing.workflows``, which creates it, so that the page models can find it
without importing the publishing package (which imports the models).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Workflow

from hub import keys

TRANSLATION = _("Traduction : validation par la coordination")
# Found by key (hub.keys), never by its name: renamed in the admin, it still
# takes the translations.
TRANSLATION_KEY = "workflow:translation"


def translation_workflow():
    """None when it is deactivated: translations then follow their section's."""
    return keys.objects(Workflow, TRANSLATION_KEY).filter(active=True).first()
