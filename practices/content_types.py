"""The hub's content types — practice, template, training — named once.

Everything that needs "the three kinds of content" asks here: the ``type`` of
the import/export format, the search's ``type`` facet and the API's enum, the
site skeleton's index pages, the home page's figures, the publishing workflows
and roles. The registry's order is the order everywhere.

A leaf module: it names models by their label and resolves them only when asked
(``apps.get_model``), so modules that load before the app registry is ready
(``search.params``, model modules) can import it. ``checks.py`` makes sure that
every hub page model is registered here, and nothing else.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class HubContentType:
    # Import/export "type", search "type" facet and API enum, promotions.
    key: str
    model_label: str
    index_label: str
    # The index page of the site skeleton (home.site_structure.ensure_site).
    index_slug: str
    index_title: Promise
    # The key of its count in the home page's figures.
    figure: str
    # Which publishing workflow its index gets: "practice" or "resource".
    workflow: str
    # Trainers may add and change pages under its index (publishing.roles).
    trainers_edit: bool

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def index_model(self):
        return apps.get_model(self.index_label)

    def index_page(self, locale):
        """The index page that holds pages of this type in ``locale``."""
        return self.index_model.objects.get(locale=locale)


CONTENT_TYPES = (
    HubContentType(
        key="practice",
        model_label="practices.PracticePage",
        index_label="practices.PracticeIndexPage",
        index_slug="pratiques",
        index_title=_("Bonnes pratiques"),
        figure="practices",
        workflow="practice",
        trainers_edit=False,
    ),
    HubContentType(
        key="template",
        model_label="practices.TemplatePage",
        index_label="practices.TemplateIndexPage",
        index_slug="modeles",
        index_title=_("Modèles de documents"),
        figure="templates",
        workflow="resource",
        trainers_edit=True,
    ),
    HubContentType(
        key="training",
        model_label="practices.TrainingPage",
        index_label="practices.TrainingIndexPage",
        index_slug="formations",
        index_title=_("Formations"),
        figure="trainings",
        workflow="resource",
        trainers_edit=True,
    ),
)
KEYS = tuple(content_type.key for content_type in CONTENT_TYPES)
_BY_KEY = {content_type.key: content_type for content_type in CONTENT_TYPES}
_BY_MODEL_LABEL = {
    content_type.model_label: content_type for content_type in CONTENT_TYPES
}


def registered():
    """Every content type, in the registry's order."""
    return CONTENT_TYPES


def get(key):
    """The content type of ``key``; KeyError for an unknown one (callers that
    read keys from outside check them against ``KEYS`` first)."""
    return _BY_KEY[key]


def of(model_or_page):
    """The content type of a page model or of a (specific) page, or None for
    any other kind of page."""
    meta = getattr(model_or_page, "_meta", None)
    return _BY_MODEL_LABEL.get(meta.label) if meta is not None else None


def models():
    """The page models of the content types, in the registry's order."""
    return tuple(content_type.model for content_type in registered())


def index_page(key, locale):
    """The index page that holds pages of type ``key`` in ``locale``."""
    return get(key).index_page(locale)
