"""The content-type registry (``practices.content_types``) and its system check:
one list of the hub's page types, in one order, that every other place reads."""

import pytest
from django.core import checks
from wagtail.models import Locale, Page

from home.models import HomePage
from practices import content_types
from practices.checks import check_content_types
from practices.content_types import HubContentType
from practices.models import (
    CommuneSectionPage,
    HubPageMixin,
    PracticeIndexPage,
    PracticePage,
    TemplatePage,
    TrainingIndexPage,
    TrainingPage,
)
from tests.factories import PracticePageFactory


def test_keys_and_models_in_registry_order():
    assert content_types.KEYS == ("practice", "template", "training")
    assert content_types.models() == (PracticePage, TemplatePage, TrainingPage)
    assert [t.key for t in content_types.registered()] == list(content_types.KEYS)


def test_get_by_key():
    training = content_types.get("training")
    assert training.model is TrainingPage
    assert training.index_model is TrainingIndexPage
    assert (training.figure, training.workflow, training.trainers_edit) == (
        "trainings",
        "resource",
        True,
    )
    with pytest.raises(KeyError):
        content_types.get("page")


def test_of_a_model_or_a_page():
    assert content_types.of(TemplatePage).key == "template"
    assert content_types.of(HomePage) is None
    assert content_types.of(Page) is None
    assert content_types.of(None) is None


@pytest.mark.django_db
def test_of_a_page_read_from_the_database():
    page = PracticePageFactory()
    assert content_types.of(PracticePage.objects.get(pk=page.pk)).key == "practice"
    # A generic Page is no content type: only its specific page is.
    assert content_types.of(Page.objects.get(pk=page.pk)) is None


@pytest.mark.django_db
def test_index_page_of_each_type_and_locale():
    for code in ("fr", "ar"):
        locale = Locale.objects.get(language_code=code)
        page = content_types.index_page("practice", locale)
        assert isinstance(page, PracticeIndexPage)
        assert page.locale == locale
        for content_type in content_types.registered():
            index = content_type.index_page(locale)
            assert isinstance(index, content_type.index_model)
    fr = Locale.objects.get(language_code="fr")
    slugs = [t.index_page(fr).slug for t in content_types.registered()]
    assert slugs == [t.index_slug for t in content_types.registered()]


def test_the_project_passes_the_check():
    assert check_content_types() == []
    assert not [
        e for e in checks.run_checks() if e.id and e.id.startswith("practices.")
    ]


def test_check_reports_an_unregistered_hub_page_model(monkeypatch):
    without_training = content_types.CONTENT_TYPES[:2]
    monkeypatch.setattr(content_types, "CONTENT_TYPES", without_training)
    errors = check_content_types()
    assert [(e.id, e.obj) for e in errors] == [("practices.E001", TrainingPage)]


def register(monkeypatch, key, model_label):
    """Add a content type to the registry for one test."""
    extra = HubContentType(
        key,
        model_label,
        "practices.PracticeIndexPage",
        key,
        key,
        key,
        "resource",
        False,
    )
    registry = (*content_types.CONTENT_TYPES, extra)
    monkeypatch.setattr(content_types, "CONTENT_TYPES", registry)


def test_check_reports_a_registered_model_that_is_no_hub_page(monkeypatch):
    assert not issubclass(CommuneSectionPage, HubPageMixin)
    register(monkeypatch, "section", "practices.CommuneSectionPage")
    errors = check_content_types()
    assert [(e.id, e.obj) for e in errors] == [("practices.E002", CommuneSectionPage)]


def test_check_reports_a_label_that_names_no_model(monkeypatch):
    register(monkeypatch, "missing", "practices.MissingPage")
    errors = check_content_types()
    assert [(e.id, e.obj) for e in errors] == [("practices.E003", "missing")]
