"""``{{ workflow.name|localized_name }}``: a stored French name in the reader's
language (practices/publishing/display_names.py), for the admin templates we
override (practices/templates/wagtailadmin/)."""

from django import template
from wagtail.admin.templatetags.wagtailadmin_tags import (
    workflow_status_with_date as wagtail_status,
)

from ..publishing.display_names import LocalisedStep
from ..publishing.display_names import localized_name as _localized_name

register = template.Library()


@register.filter
def localized_name(name):
    return _localized_name(name) if name else name


@register.simple_tag
def workflow_status_with_date(workflow_state):
    """Wagtail's tag of the same name (``wagtailadmin_tags``, which the
    overridden status panel loads before this library), the step named in the
    reader's language: « Sent to <step> 2 hours ago »."""
    return wagtail_status(LocalisedStep(workflow_state))
