"""The names people read of the programme's groups, workflows, tasks and
collections, in their language.

They are stored under their French names (roles.py, workflows.py): stable, and
an administrator may rename them. Wagtail shows the stored name as it is
(``{{ workflow.name }}``, ``group.name``…), so an Arabic admin would read
« Tanger — rédaction ». ``localized_name`` maps a stored name back to the
label it was made from, in the active language — the commune part of
« Tanger — rédaction » through the commune's own translation — and leaves any
other name (one typed or renamed in the admin) as it is. Used by the admin
template overrides (``localized_name`` filter, practices/templatetags), the
submit button, the users' forms and filters, and the workflow e-mails.
"""

from django.utils.translation import get_language
from wagtail.models import Locale

from hub.localize import in_french, localised
from programme.models import Commune

from ..models.roles import ROLE_CHOICES
from ..translation_workflow import TRANSLATION
from .roles import (
    COORDINATORS,
    PARTNERS,
    PRIVATE_SUFFIX,
    PROGRAMME_COLLECTION,
    SHARED_COLLECTION,
    TRAINERS,
    TRANSLATORS,
)
from .workflows import COMMUNE_REVIEW, COORDINATION, PRACTICE, RESOURCE

LABELS = [COORDINATORS, TRANSLATORS, TRAINERS, PARTNERS, SHARED_COLLECTION]
LABELS += [PROGRAMME_COLLECTION]
LABELS += [PRACTICE, RESOURCE, COMMUNE_REVIEW, COORDINATION, TRANSLATION]
# What follows a commune's name: « Tanger — rédaction », « Tanger — réservé… ».
SUFFIXES = [label for _role, label in ROLE_CHOICES] + [PRIVATE_SUFFIX]
SEPARATOR = " — "


def _by_french(labels):
    return {in_french(label): label for label in labels}


def localized_name(name):
    """The stored ``name`` as the active language reads it."""
    name = str(name)
    label = _by_french(LABELS).get(name)
    if label is not None:
        return str(label)
    commune, separator, suffix = name.rpartition(SEPARATOR)
    if separator:
        label = _by_french(SUFFIXES).get(suffix)
        # « Documents du programme — réservé aux partenaires » too.
        translated = _labelled(commune) if label is not None else None
        return f"{translated}{SEPARATOR}{label}" if translated else name
    return _commune(name) or name


def _labelled(name):
    """A fixed label or a commune called ``name`` in French, in the active
    language; None if neither."""
    label = _by_french(LABELS).get(name)
    return str(label) if label is not None else _commune(name)


def _commune(name):
    """The name of the commune called ``name`` in French, in the active
    language; None if no commune is called so."""
    french = Commune.objects.filter(locale__language_code="fr", name=name).first()
    if french is None:
        return None
    language = (get_language() or "fr").split("-")[0]
    locale = Locale.objects.filter(language_code=language).first()
    return localised(french, locale.pk).name if locale else french.name


class _Wrapper:
    """Reads as the wrapped object, but for what a subclass sets."""

    def __init__(self, wrapped):
        self._wrapped = wrapped

    def __getattr__(self, attribute):
        if attribute == "_wrapped":  # not yet set (a copy being made)
            raise AttributeError(attribute)
        return getattr(self._wrapped, attribute)


class Localised(_Wrapper):
    """``obj`` (a workflow, task, group, collection) as templates and labels
    read it: ``name`` in the language active when it is read."""

    @property
    def name(self):
        return localized_name(self._wrapped.name)

    def __str__(self):
        return self.name


class LocalisedStep(_Wrapper):
    """A workflow state whose current step (``current_task_state.task``) is
    ``Localised``."""

    def __init__(self, workflow_state):
        super().__init__(workflow_state)
        task_state = workflow_state.current_task_state
        self.current_task_state = task_state and _TaskStateOf(task_state)


class _TaskStateOf(_Wrapper):
    def __init__(self, task_state):
        super().__init__(task_state)
        self.task = Localised(task_state.task)
