"""Translating pages into Arabic: the admin's copy and wagtail-localize's sync.

Terms must end up pointing at the Arabic vocabulary (``HubPageMixin.localise_terms``)
because wagtail-localize copies many-to-many links as they are.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from practices.models import PracticePage
from programme.models import Commune, DocumentKind, Partnership, Region
from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    add_participation,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "الميزانية التشاركية للشباب"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def practice():
    """A French practice with terms of every kind, a participation and a file."""
    page = PracticePageFactory(
        title="Budget participatif des jeunes",
        commune="tanger",
        partnership="molenbeek-tanger",
        themes=["budget-participatif", "participation-citoyenne"],
        target_publics=["youth"],
        tags=["budget"],
        attachments=1,
    )
    add_participation(page, "youth", 250)
    return page


@pytest.fixture
def arabic(practice):
    return translate(practice, title=ARABIC_TITLE)


def test_translation_renders_right_to_left(client, arabic):
    """The published Arabic copy answers under /ar/ with dir="rtl"."""
    response = client.get(arabic.url)
    assert arabic.url.startswith("/ar/pratiques/")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert soup(response).find("h1").get_text() == ARABIC_TITLE


def test_translation_shares_translation_key(practice, arabic):
    """Both versions are the same content for Wagtail (same translation key)."""
    assert arabic.translation_key == practice.translation_key
    assert arabic.locale.language_code == "ar"
    assert [p.pk for p in practice.get_translations()] == [arabic.pk]


def test_translation_gets_its_own_ref(practice, arabic):
    """Each language version has its own ref (imports address them apart)."""
    assert arabic.ref
    assert arabic.ref != practice.ref
    assert arabic.ref.endswith("-ar")


def test_translation_points_themes_and_publics_at_arabic_terms(arabic):
    """Many-to-many terms are re-pointed to the Arabic vocabulary."""
    assert {t.locale.language_code for t in arabic.themes.all()} == {"ar"}
    assert {t.slug for t in arabic.themes.all()} == {
        "budget-participatif",
        "participation-citoyenne",
    }
    assert [p.name for p in arabic.target_publics.all()] == ["الشباب"]


def test_translation_points_commune_region_partnership_at_arabic_terms(arabic):
    """Single terms (commune, region, partnership) are re-pointed too."""
    assert arabic.commune.name == "طنجة"
    assert arabic.commune.locale.language_code == "ar"
    assert arabic.region.locale.language_code == "ar"
    assert arabic.partnership.locale.language_code == "ar"


def test_translation_shows_arabic_terms(client, arabic):
    """The Arabic page shows Arabic term names, linked to the Arabic index."""
    article = soup(client.get(arabic.url)).select_one("article")
    assert article.select_one("p.meta a")["href"] == "/ar/pratiques/commune/tanger/"
    assert "طنجة" in article.select_one("p.meta").get_text()
    chips = {a.get_text(): a["href"] for a in article.select("ul.chips a")}
    assert chips["الميزانية التشاركية"] == "/ar/pratiques/?theme=budget-participatif"
    assert "Budget participatif" not in chips


def test_translation_participations_name_arabic_publics(client, arabic):
    """Participants by public are copied and name the Arabic public."""
    publics = [p.target_public for p in arabic.participations.all()]
    assert [p.locale.language_code for p in publics] == ["ar"]
    assert "الشباب" in soup(client.get(arabic.url)).find("dl").get_text()


def test_translation_keeps_attachments_and_tags(client, practice, arabic):
    """Attachments and free tags are carried over to the translation."""
    article = soup(client.get(arabic.url)).select_one("article")
    assert len(article.select("ul.attachments li")) == 1
    assert [t.name for t in arabic.tags.all()] == ["budget"]


def test_french_page_switcher_links_to_translation(client, practice, arabic):
    """Once translated, the French page's switcher and hreflang lead to it."""
    page = soup(client.get(practice.url))
    link = page.select_one("nav.language-switcher a[lang=ar]")
    assert link["href"] == arabic.url
    assert "pas encore traduite" not in link.parent.get_text()
    alternate = page.select_one('link[rel="alternate"][hreflang="ar"]')
    assert alternate["href"] == "http://testserver" + arabic.url


def test_arabic_page_switcher_links_back_to_french(client, practice, arabic):
    """The Arabic page's switcher leads back to the French original."""
    page = soup(client.get(arabic.url))
    link = page.select_one("nav.language-switcher a[lang=fr]")
    assert link["href"] == practice.url


def test_translation_is_listed_on_arabic_index_only(client, practice, arabic):
    """The translation appears on the Arabic index, not on the French one."""
    arabic_titles = soup(client.get("/ar/pratiques/")).select("li.card h3 a")
    french_titles = soup(client.get("/fr/pratiques/")).select("li.card h3 a")
    assert [a.get_text() for a in arabic_titles] == [ARABIC_TITLE]
    assert [a.get_text() for a in french_titles] == [practice.title]


def test_translated_template_points_kind_at_arabic_term(client):
    """A translated template's document kind and themes are the Arabic ones."""
    template = TemplatePageFactory(
        kind="call-for-projects", themes=["budget-participatif"], attachments=1
    )
    arabic = translate(template, title="طلب مشاريع نموذجي")
    assert arabic.kind.locale.language_code == "ar"
    assert {t.locale.language_code for t in arabic.themes.all()} == {"ar"}
    assert "طلب مشاريع" in soup(client.get(arabic.url)).select_one("p.meta").get_text()


def test_translated_training_points_publics_at_arabic_terms(client):
    """A translated training module's publics are the Arabic ones."""
    training = TrainingPageFactory(target_publics=["women", "migrants"])
    arabic = translate(training, title="تكوين")
    assert {p.locale.language_code for p in arabic.target_publics.all()} == {"ar"}
    assert client.get(arabic.url).status_code == 200


def localize(page, django_capture_on_commit_callbacks):
    """Translate ``page`` into Arabic through wagtail-localize's own machinery,
    falling back to the source text for strings nobody translated yet.

    wagtail-localize publishes in ``transaction.on_commit``: run those callbacks.
    """
    source, _created = TranslationSource.get_or_create_from_instance(page)
    with django_capture_on_commit_callbacks(execute=True):
        translation, _created = source.create_or_update_translation(
            Locale.objects.get(language_code="ar"), publish=True, fallback=True
        )
    return type(page).objects.get(pk=translation.pk)


def test_wagtail_localize_translation_renders(
    client, practice, django_capture_on_commit_callbacks
):
    """A translation made by wagtail-localize is live and renders in Arabic."""
    arabic = localize(practice, django_capture_on_commit_callbacks)
    assert arabic.live
    assert arabic.translation_key == practice.translation_key
    response = client.get(arabic.url)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_wagtail_localize_translation_has_arabic_terms_and_own_ref(
    practice, django_capture_on_commit_callbacks
):
    """wagtail-localize's copy also ends up with Arabic terms and a fresh ref."""
    arabic = localize(practice, django_capture_on_commit_callbacks)
    assert arabic.ref != practice.ref
    assert arabic.commune.locale.language_code == "ar"
    assert {t.locale.language_code for t in arabic.themes.all()} == {"ar"}
    assert {p.locale.language_code for p in arabic.target_publics.all()} == {"ar"}


def test_wagtail_localize_sync_updates_translation(
    client, practice, django_capture_on_commit_callbacks
):
    """After a change to the French source, syncing again updates the Arabic
    page (the source text stands in until translated) without a second page."""
    localize(practice, django_capture_on_commit_callbacks)
    practice.summary = "Résumé révisé après la deuxième édition."
    practice.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(practice)
    source.update_from_db()
    arabic = localize(practice, django_capture_on_commit_callbacks)
    assert PracticePage.objects.filter(locale__language_code="ar").count() == 1
    assert "Résumé révisé" in client.get(arabic.url).content.decode()


def test_submitting_for_translation_leaves_arabic_vocabulary_intact(
    admin_client, practice
):
    """The admin's "Traduire" action must not overwrite the existing Arabic terms
    the page points at (commune, region, partnership) with their French names:
    term links are re-pointed by the page itself, not re-translated."""
    arabic_locale = Locale.objects.get(language_code="ar")
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=(practice.pk,)),
        {"locales": [arabic_locale.pk]},
    )
    assert response.status_code == 302
    assert Commune.objects.get(slug="tanger", locale=arabic_locale).name == "طنجة"
    region = Region.objects.get(slug="tanger-tetouan-al-hoceima", locale=arabic_locale)
    assert region.name == "جهة طنجة تطوان الحسيمة"
    partnership = Partnership.objects.get(slug="molenbeek-tanger", locale=arabic_locale)
    assert partnership.name == "طنجة – مولنبيك سان جان"
    arabic = PracticePage.objects.get(
        translation_key=practice.translation_key, locale=arabic_locale
    )
    assert arabic.commune.name == "طنجة"


def test_submitting_template_for_translation_leaves_arabic_kind_intact(admin_client):
    """Same for a template's document kind."""
    template = TemplatePageFactory(kind="call-for-projects", attachments=1)
    arabic_locale = Locale.objects.get(language_code="ar")
    admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=(template.pk,)),
        {"locales": [arabic_locale.pk]},
    )
    kind = DocumentKind.objects.get(slug="call-for-projects", locale=arabic_locale)
    assert kind.name == "طلب مشاريع"
