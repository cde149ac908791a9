"""``hub.localize``: French names whatever the request's language, terms in a
page's locale, translations told from originals."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hub.localize import in_french, is_translation, locale_of, localised
from practices.models import PracticePage
from programme.models import Theme
from tests.factories import PracticePageFactory, translate

pytestmark = pytest.mark.django_db


def test_in_french_whatever_the_active_language():
    with translation.override("ar"):
        assert in_french(_("Arabe")) == "Arabe"
        assert str(_("Arabe")) != "Arabe"


def test_localised_finds_the_term_in_the_locale_or_keeps_it():
    french = Theme.objects.create(name="Budget", slug="budget", locale=locale_of("fr"))
    arabic = french.copy_for_translation(locale_of("ar"))
    arabic.name = "ميزانية"
    arabic.save()
    assert localised(french, locale_of("ar").pk) == arabic
    assert localised(arabic, locale_of("fr").pk) == french
    assert localised(None, locale_of("ar").pk) is None
    lonely = Theme.objects.create(name="Seul", slug="seul", locale=locale_of("fr"))
    assert localised(lonely, locale_of("ar").pk) == lonely


def test_only_what_wagtail_localize_translated_is_a_translation():
    """A page copied into Arabic by hand is an Arabic original; one
    wagtail-localize made (a ``Translation`` targets it) is a translation."""
    from wagtail_localize.operations import translate_object

    french = PracticePageFactory(title="Cantine solidaire")
    assert not is_translation(french)
    assert not is_translation(translate(PracticePageFactory(title="Budget")))
    translate_object(french, [locale_of("ar")])
    arabic = PracticePage.objects.get(
        translation_key=french.translation_key, locale=locale_of("ar")
    )
    assert is_translation(arabic)
