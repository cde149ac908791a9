"""System checks of the practices app, registered in ``PracticesConfig.ready()``.

The content-type registry (``content_types``) names page models by label; a
hub page model added without registering it would be left out of imports,
exports, search and the site skeleton without a word: ``manage.py check`` (and
so every ``runserver``, ``migrate`` and test run) says so instead.
"""

from django.apps import apps
from django.core import checks

from . import content_types
from .models.base import HubPageMixin


def check_content_types(app_configs=None, **kwargs):
    """Every concrete ``HubPageMixin`` model is a registered content type, and
    every registered content type names existing models, its page model a
    ``HubPageMixin``."""
    errors, registered = [], set()
    for content_type in content_types.registered():
        try:
            model, _index = content_type.model, content_type.index_model
        except LookupError as error:
            errors.append(
                checks.Error(
                    f"Content type {content_type.key!r} names no model: {error}",
                    obj=content_type.key,
                    id="practices.E003",
                )
            )
            continue
        registered.add(model)
        if not issubclass(model, HubPageMixin):
            errors.append(
                checks.Error(
                    f"{content_type.model_label} is registered as content type "
                    f"{content_type.key!r} but is not a HubPageMixin page.",
                    obj=model,
                    id="practices.E002",
                )
            )
    for model in apps.get_models():
        if issubclass(model, HubPageMixin) and model not in registered:
            errors.append(
                checks.Error(
                    f"{model._meta.label} is a HubPageMixin page but no registered "
                    "content type.",
                    hint="Add it to practices.content_types.CONTENT_TYPES.",
                    obj=model,
                    id="practices.E001",
                )
            )
    return errors
