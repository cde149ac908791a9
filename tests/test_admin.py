"""The editing side: every page type is created and published through the admin's
own views in both languages, then visible at its URL; editors' rights; the
PracticePage tabs; the vocabularies as snippets; alt text on images.

Form data is built with Wagtail's helpers, as the admin's JavaScript would post it
(https://docs.wagtail.org/en/stable/advanced_topics/testing.html#form-data-helpers).
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import (
    Collection,
    Locale,
    Page,
    Site,
)
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from documents.models import HubImage
from home.models import HomePage
from practices.models import (
    CommuneRole,
    PracticeIndexPage,
    PracticePage,
    TemplateIndexPage,
    TemplatePage,
    TrainingIndexPage,
    TrainingPage,
)
from practices.publishing.sections import section_for
from programme.models import (
    Commune,
    DocumentKind,
    Partnership,
    Region,
    TargetPublic,
    Theme,
)
from tests.factories import (
    HubDocumentFactory,
    HubImageFactory,
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.workflow_helpers import shared_collection

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "ar"]


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def term(model, slug, language):
    return model.objects.get(slug=slug, locale__language_code=language)


def add_url(model, parent, **query):
    url = reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )
    return url + (f"?locale={query['locale']}" if query else "")


def publish(client, model, parent, data, **query):
    """POST the create form with "Publish"; the created page, checked live."""
    data = {**data, "action-publish": "action-publish"}
    response = client.post(add_url(model, parent, **query), data)
    assert response.status_code == 302, form_errors(response)
    page = model.objects.get(slug=data["slug"], locale=parent_locale(parent, query))
    assert page.live
    return page


def parent_locale(parent, query):
    if "locale" in query:
        return Locale.objects.get(language_code=query["locale"])
    return parent.locale


def form_errors(response):
    """The admin's error messages, to explain a failed POST."""
    page = soup(response)
    return [e.get_text(" ", strip=True) for e in page.select(".error-message")] or [
        m.get_text(" ", strip=True) for m in page.select(".messages li")
    ]


def choosable_document(language):
    """A document every admin role may choose, so attach (« Modèles partagés »,
    ``practices.publishing.roles``): the page forms refuse the others
    (``practices.attachment_choice``)."""
    return HubDocumentFactory(language=language, collection=shared_collection())


def practice_data(language, slug="cantine-solidaire"):
    """A complete fiche, with every tab filled in."""
    document = choosable_document(language)
    data = nested_form_data(
        {
            "title": "Cantine solidaire" if language == "fr" else "مطعم تضامني",
            "slug": slug,
            "summary": "Des repas pour les élèves.",
            "context": rich_text("<p>Des élèves sans repas à midi.</p>"),
            "objectives": rich_text("<p>Un repas par jour.</p>"),
            "body": streamfield(
                [
                    ("heading", "Étape 1"),
                    ("paragraph", rich_text("<p>Réunion des parents.</p>")),
                    ("step", {"title": "Achat", "period": "2020", "description": ""}),
                    ("testimony", {"quote": "Merci.", "author": "Aya"}),
                ]
            ),
            "actors_services": "Service social",
            "actors_associations": "Association des parents",
            "actors_authorities": "",
            "resources": rich_text("<p>Une cuisinière.</p>"),
            "funding_own": "50000",
            "funding_external": "",
            "contacts": "social@example.org",
            "results": rich_text("<p>200 repas par jour.</p>"),
            "participations": inline_formset(
                [
                    {
                        "target_public": term(TargetPublic, "youth", language).pk,
                        "count": "200",
                    }
                ]
            ),
            "indicators": streamfield(
                [("indicator", {"label": "Repas servis", "value": "200"})]
            ),
            "difficulties": rich_text("<p>Approvisionnement.</p>"),
            "lessons": rich_text("<p>Associer les parents.</p>"),
            "transferability": rich_text("<p>Une cuisine suffit.</p>"),
            "commune": term(Commune, "tanger", language).pk,
            "region": "",
            "partnership": term(Partnership, "molenbeek-tanger", language).pk,
            "tags": "cantine, école",
            "start_date": "2020-01-06",
            "end_date": "",
            "year": "2020",
            "status": "ongoing",
            "original_language": language,
            "attachments": inline_formset([{"document": document.pk}]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )
    data["themes"] = [term(Theme, "action-sociale-proximite", language).pk]
    data["target_publics"] = [term(TargetPublic, "youth", language).pk]
    return data


def template_data(language):
    document = choosable_document(language)
    data = nested_form_data(
        {
            "title": "Convention de partenariat type",
            "slug": "convention-type",
            "summary": "À adapter à chaque association.",
            "kind": term(DocumentKind, "partnership-agreement", language).pk,
            "year": "2022",
            "original_language": language,
            "body": streamfield([("paragraph", rich_text("<p>Remplir.</p>"))]),
            "attachments": inline_formset([{"document": document.pk}], min=1),
            "tags": "convention",
            "comments": inline_formset([]),
        }
    )
    data["themes"] = [term(Theme, "coordination-commune-associations", language).pk]
    return data


def training_data(language):
    document = choosable_document(language)
    data = nested_form_data(
        {
            "title": "Animer un budget participatif",
            "slug": "animer-budget-participatif",
            "summary": "Deux jours pour les agents.",
            "objectives": rich_text("<p>Conduire une assemblée.</p>"),
            "duration": "2 jours",
            "year": "2023",
            "original_language": language,
            "audience": "Agents communaux",
            "prerequisites": "",
            "body": streamfield([]),
            "sessions": streamfield(
                [
                    (
                        "session",
                        {"title": "Le cycle", "duration": "3 h", "description": ""},
                    ),
                    ("note", "Prévoir un projecteur."),
                ]
            ),
            "attachments": inline_formset([{"document": document.pk}]),
            "trainer_contacts": "formation@example.org",
            "tags": "animation",
            "comments": inline_formset([]),
        }
    )
    data["themes"] = [term(Theme, "budget-participatif", language).pk]
    data["target_publics"] = [term(TargetPublic, "women", language).pk]
    return data


def simple_page_data(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": rich_text("<p>Bienvenue.</p>"),
            "comments": inline_formset([]),
        }
    )


def index_of(model, language):
    return model.objects.get(locale__language_code=language)


def tanger_section(language):
    """Practices are created in their commune's section (Tanger's here)."""
    tanger = Commune.objects.get(slug="tanger", locale__language_code=language)
    return section_for(tanger, tanger.locale)


@pytest.mark.parametrize("language", LANGUAGES)
def test_superuser_publishes_practice(admin_client, language):
    """A full fiche posted from the admin is published under the index of its
    language, with its terms, participations, indicators and attachment."""
    parent = tanger_section(language)
    page = publish(admin_client, PracticePage, parent, practice_data(language))
    response = admin_client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert "Réunion des parents." in html
    assert "Repas servis" in html
    assert page.commune.locale.language_code == language
    assert page.region.slug == "tanger-tetouan-al-hoceima"
    assert page.attachments.count() == 1
    assert sorted(t.name for t in page.tags.all()) == ["cantine", "école"]
    assert page.ref


@pytest.mark.parametrize("language", LANGUAGES)
def test_superuser_publishes_template(admin_client, language):
    """A document template with its file is published and rendered."""
    parent = index_of(TemplateIndexPage, language)
    page = publish(admin_client, TemplatePage, parent, template_data(language))
    response = admin_client.get(page.url)
    assert response.status_code == 200
    assert len(soup(response).select("ul.attachments li")) == 1
    assert page.kind.locale.language_code == language


def test_template_requires_a_file(admin_client):
    """A template without any file is refused with an error, and not created."""
    data = template_data("fr")
    data.update(nested_form_data({"attachments": inline_formset([], min=1)}))
    parent = index_of(TemplateIndexPage, "fr")
    response = admin_client.post(
        add_url(TemplatePage, parent), {**data, "action-publish": "1"}
    )
    assert response.status_code == 200
    assert not TemplatePage.objects.filter(slug="convention-type").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_superuser_publishes_training(admin_client, language):
    """A training module with sessions is published and rendered."""
    parent = index_of(TrainingIndexPage, language)
    page = publish(admin_client, TrainingPage, parent, training_data(language))
    response = admin_client.get(page.url)
    assert response.status_code == 200
    sessions = soup(response).select("ol.sessions > li")
    assert [s.get_text(" ", strip=True)[:8] for s in sessions] == [
        "Le cycle",
        "Prévoir ",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("model", "slug"),
    [
        (PracticeIndexPage, "pratiques"),
        (TemplateIndexPage, "modeles"),
        (TrainingIndexPage, "formations"),
    ],
)
def test_superuser_publishes_index_page(admin_client, model, slug, language):
    """On a home page without it (one per home), each index page is created and
    published from the admin, and lists at its URL."""
    index_of(model, language).delete()
    home = HomePage.objects.get(locale__language_code=language)
    page = publish(admin_client, model, home, simple_page_data("Index recréé", slug))
    response = admin_client.get(f"/{language}/{slug}/")
    assert page.url == f"/{language}/{slug}/"
    assert response.status_code == 200
    assert soup(response).find("h1").get_text() == "Index recréé"


def test_index_page_is_limited_to_one_per_home(admin_client):
    """A second practice index under the same home is refused: the admin sends
    the user back to its dashboard and nothing is created."""
    home = HomePage.objects.get(locale__language_code="fr")
    data = {**simple_page_data("Doublon", "doublon"), "action-publish": "1"}
    response = admin_client.post(add_url(PracticeIndexPage, home), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not PracticeIndexPage.objects.filter(slug="doublon").exists()


@pytest.fixture
def empty_root():
    """An installation without site nor home page (the root only).

    Wagtail caches the sites' root paths outside the database, where the test's
    rollback does not reach: clear it after, or later tests build URLs from the
    sites of this one.
    """
    Site.objects.all().delete()
    HomePage.objects.all().delete()
    yield Page.get_first_root_node()
    Site.clear_site_root_paths_cache()


@pytest.mark.parametrize("language", LANGUAGES)
def test_superuser_publishes_home_page(admin_client, empty_root, language):
    """On an empty installation, a home page is created at the root in either
    language, published, made the site's root through the Sites admin, and
    then answers at /<language>/."""
    home = publish(
        admin_client,
        HomePage,
        empty_root,
        simple_page_data("Passerelle", "accueil"),
        locale=language,
    )
    response = admin_client.post(
        reverse("wagtailsites:add"),
        {
            "hostname": "localhost",
            "port": "80",
            "site_name": "Passerelle",
            "root_page": home.pk,
            "is_default_site": "on",
        },
    )
    assert response.status_code == 302, form_errors(response)
    response = admin_client.get(f"/{language}/")
    assert response.status_code == 200
    assert soup(response).find("h1").get_text() == "Passerelle"
    assert "Bienvenue." in response.content.decode()


def test_superuser_translates_practice_through_wagtail_localize(
    admin_client, django_capture_on_commit_callbacks
):
    """The admin's "Traduire" action (wagtail-localize) creates the Arabic draft,
    and publishing it from the translation editor puts it online."""
    practice = PracticePageFactory(commune="tanger", themes=["budget-participatif"])
    arabic_locale = Locale.objects.get(language_code="ar")
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=(practice.pk,)),
        {"locales": [arabic_locale.pk]},
    )
    assert response.status_code == 302
    arabic = PracticePage.objects.get(
        translation_key=practice.translation_key, locale=arabic_locale
    )
    assert not arabic.live
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=(arabic.pk,)),
            {"action": "publish"},
        )
    assert response.status_code == 302
    response = admin_client.get(arabic.url)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert "طنجة" in response.content.decode()


@pytest.fixture
def editor(client, django_user_model):
    """Tanger's commune editor (practices.publishing.roles), logged in."""
    user = django_user_model.objects.create_user(
        username="salma", email="salma@example.org", password="x"
    )
    user.groups.add(
        CommuneRole.objects.get(commune__slug="tanger", role="editor").group
    )
    client.force_login(user)
    return user


def test_editor_without_publish_right_only_saves_a_draft(client, editor):
    """A commune editor's "publish" saves a draft: nothing goes online without
    review."""
    data = {**practice_data("fr"), "action-publish": "action-publish"}
    response = client.post(add_url(PracticePage, tanger_section("fr")), data)
    assert response.status_code == 302
    page = PracticePage.objects.get(slug="cantine-solidaire")
    assert not page.live
    assert page.owner == editor
    assert client.get("/fr/pratiques/tanger/cantine-solidaire/").status_code == 404


def test_editor_cannot_reach_snippet_admin_without_rights(client, editor):
    """Vocabularies are managed by administrators, not by editors."""
    response = client.get(reverse("wagtailsnippets_programme_theme:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_practice_edit_screen_shows_its_tabs(admin_client):
    """The fiche's edit screen is split into the tabs editors expect."""
    practice = PracticePageFactory()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(practice.pk,)))
    assert response.status_code == 200
    tabs = [t.get_text(" ", strip=True) for t in soup(response).select('[role="tab"]')]
    for label in ["Fiche", "Acteurs et moyens", "Résultats", "Classement"]:
        assert any(tab.startswith(label) for tab in tabs), tabs


def test_practice_edit_form_saves_changes(admin_client):
    """Editing an existing fiche through the edit view publishes the change."""
    practice = PracticePageFactory(commune="tanger")
    data = practice_data("fr", slug=practice.slug)
    data["title"] = "Titre modifié"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(practice.pk,)),
        {**data, "action-publish": "action-publish"},
    )
    assert response.status_code == 302, form_errors(response)
    assert "Titre modifié" in admin_client.get(practice.url).content.decode()


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (Region, "Souss-Massa"),
        (Commune, "Tiznit"),
        (Partnership, "Tanger – Molenbeek-Saint-Jean"),
        (Theme, "Budget participatif"),
        (TargetPublic, "Personnes à besoins spécifiques"),
        (DocumentKind, "Appel à projets"),
    ],
)
def test_snippet_admin_lists_vocabulary(admin_client, model, name):
    """Each vocabulary has its snippet listing showing its terms."""
    url = reverse(
        f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list"
    )
    response = admin_client.get(url, {"locale": "fr"})
    assert response.status_code == 200
    assert name in response.content.decode()


def test_snippet_admin_lists_arabic_terms(admin_client):
    """The vocabulary listing switches to the Arabic terms."""
    url = reverse("wagtailsnippets_programme_theme:list")
    response = admin_client.get(url, {"locale": "ar"})
    assert "الميزانية التشاركية" in response.content.decode()


def png_upload(name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_image_upload_without_alt_text_is_refused(admin_client):
    """Uploading an image without its alternative text shows an error and
    stores nothing."""
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Atelier",
            "file": png_upload(),
            "description": "",
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert form_errors(response) == ["Champ requis."]
    assert not HubImage.objects.filter(title="Atelier").exists()


def test_image_upload_with_alt_text_is_stored(admin_client):
    """With its alternative text, the image is stored."""
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Atelier",
            "file": png_upload(),
            "description": "Des femmes autour d'une table de travail",
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, form_errors(response)
    image = HubImage.objects.get(title="Atelier")
    assert image.description == "Des femmes autour d'une table de travail"


def test_image_edit_form_requires_alt_text(admin_client):
    """Emptying the alternative text in the image edit form is refused."""
    image = HubImageFactory()
    response = admin_client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": image.title,
            "description": "",
            "collection": image.collection_id,
        },
    )
    assert response.status_code == 200
    assert form_errors(response) == ["Champ requis."]
    image.refresh_from_db()
    assert image.description
