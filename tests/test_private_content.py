"""Private content (issue #4, item 4): pages and documents restricted to partner
members reach nobody else — not through the pages, the listings, the search page,
the search API, autocomplete, nor any URL that serves a document or an image.

Four viewers throughout: an anonymous visitor, a logged-in user outside the
programme's groups ("outsider"), a partner member, a superuser.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import Client, RequestFactory
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from documents.views import serve_image_file
from documents.visibility import refused_collection_ids
from home.page_context import programme_figures
from hub import keys
from hub.visibility import visible_pages
from practices.publishing.roles import PARTNERS_KEY
from practices.publishing.sections import section_for
from programme.models import Commune
from search.facets import bump_version
from tests.factories import (
    HubDocumentFactory,
    HubImageFactory,
    PracticePageFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    pdf_bytes,
    translate,
)
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db

VIEWERS = ("anonymous", "outsider", "member", "superuser")
USERNAMES = {"outsider": "curieux", "member": "membre", "superuser": "chef"}
SEEING = {"anonymous": False, "outsider": False, "member": True, "superuser": True}


@pytest.fixture(autouse=True)
def fresh_index():
    """A facet index and caches that match this test's (rolled back) data."""
    cache.clear()
    bump_version()


@pytest.fixture
def partners():
    return role_group("partners")


@pytest.fixture
def clients(django_user_model, partners):
    """One client per viewer."""
    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(partners)
    found = {"anonymous": Client()}
    for name, user in (
        ("outsider", django_user_model.objects.create_user("curieux", password="x")),
        ("member", member),
        ("superuser", django_user_model.objects.create_superuser("chef", "", "x")),
    ):
        found[name] = Client()
        found[name].force_login(user)
    return found


def restrict(page, *groups, kind=PageViewRestriction.GROUPS, password=""):
    """Restrict ``page`` as the admin's privacy dialog does: the restriction
    first, then its groups (a many-to-many set, saved afterwards)."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=password
    )
    restriction.groups.set(groups)
    return restriction


@pytest.fixture
def catalogue(partners):
    """A public practice, a private one (restricted itself) and one in a
    restricted commune section (an ancestor), all about "budget"."""
    public = PracticePageFactory(
        title="Budget ouvert",
        commune="tanger",
        themes=["budget-participatif"],
        tags=["budget"],
        year=2020,
    )
    private = PracticePageFactory(
        title="Budget confidentiel",
        commune="tanger",
        themes=["budget-participatif"],
        tags=["budget", "secret-partenaires"],
        year=2021,
    )
    restrict(private, partners)
    hidden_section = PracticePageFactory(
        title="Budget de section", commune="tiznit", tags=["budget"], year=2021
    )
    restrict(section_for(hidden_section.commune, hidden_section.locale), partners)
    bump_version()
    return {"public": public, "private": private, "section": hidden_section}


PRIVATE_TITLES = ("Budget confidentiel", "Budget de section")


def text(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser").get_text()


def shows_private(page_text):
    found = {title in page_text for title in PRIVATE_TITLES}
    assert len(found) == 1, "one private page shown, the other not"
    return found.pop()


# Pages themselves -------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS)
def test_private_page_is_served_only_to_those_who_may_see_it(
    clients, catalogue, viewer
):
    """Wagtail's PageViewRestriction: a refused viewer is sent to the login page
    and gets none of the content, whatever is added to the URL."""
    for page in (catalogue["private"], catalogue["section"]):
        for suffix in ("", "?format=json", "?preview=1&revision=1"):
            response = clients[viewer].get(page.url + suffix)
            if SEEING[viewer]:
                assert page.title in text(response)
            else:
                assert response.status_code == 302
                assert "/compte/connexion/" in response["Location"]
                assert page.title.encode() not in response.content


@pytest.mark.parametrize("viewer", ("anonymous", "outsider", "member"))
def test_admin_previews_and_revisions_are_closed_to_non_editors(
    clients, catalogue, viewer
):
    """Preview and revision URLs of the admin never show a private page to
    someone without admin access (partner members are not editors)."""
    page = catalogue["private"]
    revision = page.save_revision()
    for url in (
        f"/admin/pages/{page.pk}/edit/preview/",
        f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/api/main/pages/{page.pk}/",
    ):
        response = clients[viewer].get(url)
        assert response.status_code in (302, 403, 404), url
        assert page.title.encode() not in response.content


def test_password_restricted_pages_are_never_listed(clients, catalogue):
    """A shared password lets one read a page, not find it: not even a
    superuser gets it in listings or search."""
    page = PracticePageFactory(title="Budget à mot de passe", commune="tanger")
    restrict(page, kind=PageViewRestriction.PASSWORD, password="secret")
    bump_version()
    for viewer in VIEWERS:
        assert "mot de passe" not in text(clients[viewer].get("/fr/pratiques/"))
        answer = clients[viewer].get("/api/search/", {"q": "budget", "lang": "fr"})
        assert "mot de passe" not in answer.content.decode()


def test_login_restriction_admits_every_logged_in_user(clients):
    """ "Logged-in users" restrictions: any account sees the page listed."""
    page = PracticePageFactory(title="Budget interne", commune="tanger")
    restrict(page, kind=PageViewRestriction.LOGIN)
    bump_version()
    for viewer in VIEWERS:
        listed = "Budget interne" in text(clients[viewer].get("/fr/pratiques/"))
        found = clients[viewer].get("/api/search/", {"q": "budget", "lang": "fr"})
        titles = [r["title"] for r in found.json()["results"]]
        assert listed == ("Budget interne" in titles) == (viewer != "anonymous")


def test_privacy_helpers_answer_like_wagtail(
    catalogue, private_document, django_user_model
):
    """``visible_pages`` / ``refused_collection_ids`` (what every list asks):
    restricted itself or through an ancestor, for each viewer."""
    users = {"anonymous": None}
    for name in ("outsider", "member", "superuser"):
        users[name] = django_user_model.objects.create_user(
            USERNAMES[name] + "-helper",
            is_superuser=name == "superuser",
        )
    users["member"].groups.add(role_group("partners"))

    def sees(user, page):
        return visible_pages(Page.objects.filter(pk=page.pk), user).exists()

    for viewer, user in users.items():
        assert sees(user, catalogue["public"])
        assert sees(user, catalogue["private"]) == SEEING[viewer]
        assert sees(user, catalogue["section"]) == SEEING[viewer]
        refused = refused_collection_ids([private_document.collection_id], user)
        assert (not refused) == SEEING[viewer]


# Listings -----------------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS)
def test_listings_show_private_pages_only_to_those_who_may_see_them(
    clients, catalogue, viewer
):
    """Index, commune, tag and home pages: private practices (and the filter
    options only they carry) are there exactly for members and superusers."""
    client = clients[viewer]
    for url in (
        "/fr/pratiques/",
        "/fr/pratiques/?year=2021",
        "/fr/pratiques/tag/budget/",
        "/fr/",
    ):
        assert shows_private(text(client.get(url))) == SEEING[viewer], url
    commune = text(client.get("/fr/pratiques/commune/tanger/"))
    assert ("Budget confidentiel" in commune) == SEEING[viewer]
    tag_page = client.get("/fr/pratiques/tag/secret-partenaires/")
    # A tag only private pages carry does not exist for the others (404).
    assert tag_page.status_code == (200 if SEEING[viewer] else 404)
    assert (b"Budget confidentiel" in tag_page.content) == SEEING[viewer]
    options = BeautifulSoup(client.get("/fr/pratiques/").content, "html.parser")
    tag_values = {o.get("value") for o in options.select("select[name=tag] option")}
    assert ("secret-partenaires" in tag_values) == SEEING[viewer]
    # Nor a term only private pages use: Tiznit (the restricted section's).
    commune_values = {
        o.get("value") for o in options.select("select[name=commune] option")
    }
    assert ("tiznit" in commune_values) == SEEING[viewer]


def test_home_page_figures_count_only_visible_practices(
    clients, catalogue, django_user_model
):
    """The home page's practice count leaves out what the viewer may not see."""
    locale = catalogue["public"].locale
    anonymous = programme_figures(locale)["practices"]
    member = django_user_model.objects.get(username="membre")
    assert programme_figures(locale, member)["practices"] == anonymous + 2


def test_related_practices_leave_private_ones_out(clients, catalogue):
    """A public fiche never links to a private one as a "close practice"."""
    for viewer in VIEWERS:
        page_text = text(clients[viewer].get(catalogue["public"].url))
        assert "Budget confidentiel" not in page_text


# Search ------------------------------------------------------------------------


def api(client, **params):
    response = client.get("/api/search/", {"lang": "fr", **params})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("viewer", VIEWERS)
def test_search_api_results_and_counts_follow_the_viewer(clients, catalogue, viewer):
    """Results, count and every facet count include private pages only for
    those who may see them; browsing (no query) too."""
    for params in ({"q": "budget"}, {}):
        data = api(clients[viewer], **params).json()
        titles = {r["title"] for r in data["results"]}
        assert bool(titles & set(PRIVATE_TITLES)) == SEEING[viewer]
        assert data["count"] == (3 if SEEING[viewer] else 1)
        assert data["facets"]["commune"] == (
            {"tanger": 2, "tiznit": 1} if SEEING[viewer] else {"tanger": 1}
        )
        assert ("secret-partenaires" in data["facets"]["tag"]) == SEEING[viewer]


def test_search_api_answers_for_logged_in_users_are_never_shared(clients, catalogue):
    """What a member sees must not land in a shared cache for the next visitor."""
    assert "public" in api(clients["anonymous"], q="budget")["Cache-Control"]
    for viewer in ("outsider", "member"):
        control = api(clients[viewer], q="budget")["Cache-Control"]
        assert "private" in control and "public" not in control
        assert "Cookie" in api(clients[viewer], q="budget")["Vary"]


def test_filtering_on_a_private_tag_finds_nothing_for_outsiders(clients, catalogue):
    """A guessed filter value does not reveal that private pages carry it."""
    for viewer in VIEWERS:
        data = api(clients[viewer], tag="secret-partenaires").json()
        assert data["count"] == (1 if SEEING[viewer] else 0)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_search_page_results_badges_and_filters(clients, catalogue, viewer):
    """The HTML search page: private results only for members, marked
    "Réservé aux partenaires"; counts and filters follow."""
    response = clients[viewer].get("/fr/search/", {"q": "budget"})
    page_text = text(response)
    assert shows_private(page_text) == SEEING[viewer]
    assert ("Réservé aux partenaires" in page_text) == SEEING[viewer]
    html = BeautifulSoup(response.content, "html.parser")
    badges = html.select(".search-result .private-badge")
    assert len(badges) == (2 if SEEING[viewer] else 0)
    assert ("secret-partenaires" in response.content.decode()) == SEEING[viewer]


def test_translation_links_leave_private_translations_out(clients, partners):
    """A public fiche whose Arabic translation is private: "all languages"
    results do not link to (or pick) the private translation for outsiders."""
    page = PracticePageFactory(title="Budget bilingue", commune="tanger")
    arabic = translate(page, title="ميزانية خاصة")
    restrict(arabic, partners)
    bump_version()
    for viewer in VIEWERS:
        data = api(clients[viewer], q="budget", lang="all").json()
        result = next(r for r in data["results"] if r["ref"] == page.ref)
        urls = [t["url"] for t in result["translations"]]
        assert (arabic.url in urls) == SEEING[viewer]
        assert "ميزانية خاصة" not in str(data) or SEEING[viewer]


def test_related_tags_leave_private_tags_out(clients, catalogue):
    """With no result, the suggested tags come from visible pages only."""
    for viewer in VIEWERS:
        page_text = text(clients[viewer].get("/fr/search/", {"q": "introuvable"}))
        assert ("secret-partenaires" in page_text) == SEEING[viewer]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_autocomplete_suggests_private_titles_only_to_members(
    clients, catalogue, viewer
):
    response = clients[viewer].get("/api/search/autocomplete/", {"q": "budg"})
    titles = {s["title"] for s in response.json()["suggestions"]}
    assert "Budget ouvert" in titles
    assert bool(titles & set(PRIVATE_TITLES)) == SEEING[viewer]
    shared = "public" in response["Cache-Control"]
    assert shared == (viewer == "anonymous")


def test_search_follows_restriction_changes_at_once(clients, partners):
    """Restricting, opening to a group, and lifting the restriction are seen by
    the next search (the index is invalidated by the restriction's signals)."""
    page = PracticePageFactory(title="Budget changeant", commune="tanger")
    bump_version()

    def found(viewer):
        data = api(clients[viewer], q="budget").json()
        return "Budget changeant" in {r["title"] for r in data["results"]}

    assert found("anonymous")
    restriction = restrict(page)  # groups: none yet
    assert not found("anonymous") and not found("member")
    restriction.groups.set([partners])
    assert found("member") and not found("outsider")
    restriction.delete()
    assert found("anonymous")


def test_moving_a_page_into_a_private_section_hides_it(clients, partners):
    """Privacy follows the tree: a page moved under a restricted section."""
    page = PracticePageFactory(title="Budget déménagé", commune="tanger")
    target = section_for(
        Commune.objects.get(slug="tiznit", locale=page.locale), page.locale
    )
    restrict(target, partners)
    bump_version()
    assert "Budget déménagé" in api(clients["anonymous"], q="budget").content.decode()
    page.move(target, pos="last-child")
    assert (
        "Budget déménagé" not in api(clients["anonymous"], q="budget").content.decode()
    )
    assert "Budget déménagé" in api(clients["member"], q="budget").content.decode()


# Documents -------------------------------------------------------------------------


@pytest.fixture
def private_collection():
    """The "Membres partenaires" collection made by ensure_roles."""
    collection = keys.get(Collection, PARTNERS_KEY)
    assert collection.get_view_restrictions().exists()
    return collection


@pytest.fixture
def private_document(private_collection):
    return HubDocumentFactory(
        title="Convention secrète",
        collection=private_collection,
        file__data=pdf_bytes("Clause zorglubienne des partenaires"),
    )


def document_urls(document):
    version = document.versions.get()
    return {
        "wagtail": document.url,
        "version": version.url,
        "thumbnail": document.thumbnail_url,
    }


@pytest.mark.parametrize("viewer", VIEWERS)
def test_private_document_urls_answer_by_viewer(clients, private_document, viewer):
    """Wagtail's serve view, every version and the thumbnail of a private
    document a public fiche attaches (and lists as reserved): the login page
    for anonymous visitors, a clear 403 page for outsiders, the bytes for
    members and superusers."""
    PracticePageFactory(commune="tanger", attachments=[private_document])
    for name, url in document_urls(private_document).items():
        assert url, name
        response = clients[viewer].get(url)
        if SEEING[viewer]:
            assert response.status_code == 200, name
        elif viewer == "anonymous":
            assert response.status_code == 302, name
            assert "/compte/connexion/" in response["Location"]
        else:
            assert response.status_code == 403, name
            assert "Réservé aux partenaires" in response.content.decode()
            assert b"%PDF" not in response.content
    private_document.refresh_from_db()
    expected = 2 if SEEING[viewer] else 0  # the file and its version: counted
    assert private_document.download_count == expected


def test_commune_private_collections_refuse_outsiders(clients, django_user_model):
    """A "<Commune> — réservé aux partenaires" collection: same rules."""
    collection = Collection.objects.filter(
        name__endswith="réservé aux partenaires"
    ).first()
    document = HubDocumentFactory(title="Budget interne", collection=collection)
    PracticePageFactory(commune="tanger", attachments=[document])
    assert clients["outsider"].get(document.url).status_code == 403
    assert clients["member"].get(document.url).status_code == 200


def test_password_protected_documents_keep_wagtails_password_form(clients):
    """A collection behind a shared password: Wagtail's password form, for
    logged-in users too (not our 403 page), and never the file."""
    collection = Collection.get_first_root_node().add_child(name="Mot de passe")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="secret",
    )
    document = HubDocumentFactory(collection=collection)
    TemplatePageFactory(attachments=[document])
    for viewer in VIEWERS:
        response = clients[viewer].get(document.url)
        assert response.status_code == 200
        assert b'name="password"' in response.content
        assert b"%PDF" not in response.content


@pytest.mark.parametrize("viewer", VIEWERS)
def test_document_files_are_never_served_from_media(clients, private_document, viewer):
    """The stored file guessed under /media/ is not served (only images are),
    whatever the viewer."""
    for name in (private_document.file.name, private_document.versions.get().file.name):
        response = clients[viewer].get(f"/media/{name}")
        assert response.status_code == 404
        assert b"%PDF" not in response.content


def test_images_of_private_collections_are_served_to_members_only(
    clients, private_collection, django_user_model
):
    """Images: a partners-only collection keeps its originals and renditions
    from others (404, as for a missing file); members get them, never cached
    publicly; other images stay public.

    Refusals go through the URL; files are read by calling the view, whose
    Cache-Control no middleware has made private for a logged-in viewer."""
    private = HubImageFactory(collection=private_collection)
    public = HubImageFactory()
    rendition = private.get_rendition("width-100")
    private_names = (private.file.name, rendition.file.name)
    users = {"anonymous": AnonymousUser()}
    for name in ("outsider", "member", "superuser"):
        users[name] = django_user_model.objects.get(username=USERNAMES[name])
    for viewer in VIEWERS:
        for name in private_names:
            if not SEEING[viewer]:
                response = clients[viewer].get(f"/media/{name}")
                assert response.status_code == 404, (viewer, name)
                continue
            response = serve_image(users[viewer], name)
            assert response.status_code == 200
            assert response["Cache-Control"] == "private"
        response = serve_image(users[viewer], public.file.name)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]


def serve_image(user, name):
    request = RequestFactory().get(f"/media/{name}")
    request.user = user
    return serve_image_file(request, name)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_public_pages_list_private_attachments_without_title_or_link(
    clients, private_document, viewer
):
    """A public fiche or template attaching a private document: outsiders see
    "Document réservé aux partenaires" (no title, link, thumbnail, excerpt);
    members see the document as usual."""
    public_document = HubDocumentFactory(title="Guide public")
    practice = PracticePageFactory(
        title="Fiche ouverte",
        commune="tanger",
        attachments=[public_document, private_document],
    )
    template = TemplatePageFactory(
        title="Modèle ouvert", attachments=[public_document, private_document]
    )
    for page in (practice, template):
        response = clients[viewer].get(page.url)
        page_text = text(response)
        links = {
            a["href"]
            for a in BeautifulSoup(response.content, "html.parser").select(
                "a[download]"
            )
        }
        assert "Guide public" in page_text
        assert ("Convention secrète" in page_text) == SEEING[viewer]
        assert (
            private_document.url in links
            or any(f"/documents/{private_document.pk}/" in link for link in links)
        ) == SEEING[viewer]
        assert ("Document réservé aux partenaires" in page_text) != SEEING[viewer]
        assert "zorglubienne" not in page_text or SEEING[viewer]


def test_private_document_text_never_makes_a_public_page_findable(
    clients, private_document, private_collection
):
    """Words found only in a private attachment find nothing, for anyone; moving
    the document to a public collection (or back) re-indexes the page."""
    page = PracticePageFactory(
        title="Fiche avec annexe", commune="tanger", attachments=[private_document]
    )
    bump_version()

    def finds(viewer):
        data = api(clients[viewer], q="zorglubienne").json()
        return page.ref in {r["ref"] for r in data["results"]}

    assert not any(finds(viewer) for viewer in VIEWERS)
    private_document.collection = Collection.get_first_root_node()
    private_document.save()
    assert finds("anonymous")
    private_document.collection = private_collection
    private_document.save()
    assert not finds("anonymous")


def test_restricting_a_collection_reindexes_the_pages_attaching_it(clients):
    """A restriction added to a collection removes its documents' words from
    the pages' search text at once."""
    collection = Collection.get_first_root_node().add_child(name="Bientôt privé")
    document = HubDocumentFactory(
        collection=collection, file__data=pdf_bytes("Mot zorglubesque unique")
    )
    page = PracticePageFactory(commune="tanger", attachments=[document])
    bump_version()

    def finds():
        data = api(clients["anonymous"], q="zorglubesque").json()
        return page.ref in {r["ref"] for r in data["results"]}

    assert finds()
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert not finds()


def test_language_switcher_hides_a_private_translation(clients, partners):
    """On a public fiche whose Arabic version is private, the switcher shows
    Arabic as "not translated yet" (no link to its URL) to those who may not see
    it, and links it for those who may."""
    page = PracticePageFactory(title="Budget bilingue", commune="tanger")
    arabic = translate(page, title="ميزانية خاصة")
    restrict(arabic, partners)
    for viewer in VIEWERS:
        html = clients[viewer].get(page.url).content.decode()
        nav = BeautifulSoup(html, "html.parser").select_one("nav.language-switcher")
        hrefs = [a.get("href") for a in nav.find_all("a")]
        assert (arabic.url in hrefs) == SEEING[viewer], viewer
        assert (arabic.url in html) == SEEING[viewer], viewer
