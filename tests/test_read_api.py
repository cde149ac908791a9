"""The read API, Wagtail's API v2 at /api/v2/ (issue #16, item 5): public live
content only, whoever asks and whatever the filter; the fiche's fields; no
personal data; a clear 4xx for bad input, never a 500."""

import pytest
from django.test import Client
from wagtail.models import Collection, PageViewRestriction

from hub import keys
from practices.publishing.roles import PARTNERS_KEY
from tests.factories import (
    HubDocumentFactory,
    HubImageFactory,
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    add_participation,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db

PRACTICES = "/api/v2/pages/?type=practices.PracticePage"


@pytest.fixture
def clients(django_user_model):
    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(role_group("partners"))
    partner, superuser = Client(), Client()
    partner.force_login(member)
    superuser.force_login(django_user_model.objects.create_superuser("chef", "", "x"))
    return {"anonymous": Client(), "partner": partner, "superuser": superuser}


@pytest.fixture
def content():
    return make_content()


def make_content():
    """Public, partners-only and draft pages, documents and images (each
    private one has « zorglub », « brouillon » or « attente » in its title)."""
    partners_only = keys.get(Collection, PARTNERS_KEY)
    public_document = HubDocumentFactory(title="Guide public")
    private_document = HubDocumentFactory(
        title="Convention zorglub", collection=partners_only
    )
    draft_document = HubDocumentFactory(title="Pièce du brouillon")
    photo = HubImageFactory(title="Photo publique")
    unused = HubImageFactory(title="Photo en attente")
    public = PracticePageFactory(
        title="Conseil des jeunes",
        commune="tanger",
        themes=["participation-citoyenne"],
        target_publics=["youth"],
        tags=["jeunesse"],
        contacts="Mme Amrani, 06 00 00 00 00",
        attachments=[public_document, private_document],
        body=[("image", {"image": photo, "alt_text": "", "decorative": True})],
    )
    add_participation(public, "youth", 40)
    arabic = translate(public, title="مجلس الشباب")
    private = PracticePageFactory(title="Budget zorglub", commune="tanger")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([role_group("partners")])
    draft = PracticePageFactory(
        title="Brouillon zorglub", commune="tiznit", attachments=[draft_document]
    )
    draft.unpublish()
    template = TemplatePageFactory(title="Modèle de convention", kind="charter")
    training = TrainingPageFactory(
        title="Formation au budget",
        target_publics=["youth"],
        video_url="https://video.example/budget",
    )
    return locals()


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    return response.json()


def titles(data):
    return {item.get("title") for item in data["items"]}


@pytest.mark.parametrize("viewer", ["anonymous", "partner", "superuser"])
def test_pages_are_the_live_public_ones_whoever_asks(content, clients, viewer):
    client = clients[viewer]
    assert titles(get(client, PRACTICES)) == {"Conseil des jeunes", "مجلس الشباب"}
    for hidden in ("private", "draft"):
        get(client, f"/api/v2/pages/{content[hidden].pk}/", status=404)
    data = get(client, "/api/v2/pages/?search=zorglub")
    assert data["items"] == []
    assert "zorglub" not in str(get(client, "/api/v2/pages/?limit=100"))


def test_locale_filter(content, clients):
    data = get(clients["anonymous"], PRACTICES + "&locale=ar")
    assert titles(data) == {"مجلس الشباب"}
    assert {item["meta"]["locale"] for item in data["items"]} == {"ar"}


def test_a_fiche_has_its_fields_and_no_personal_data(content, clients):
    url = f"/api/v2/pages/{content['public'].pk}/"
    data = get(clients["anonymous"], url)
    assert data["summary"] == content["public"].summary
    assert data["commune"] == {"slug": "tanger", "name": "Tanger"}
    assert data["themes"][0]["slug"] == "participation-citoyenne"
    assert data["tags"] == [{"slug": "jeunesse", "name": "jeunesse"}]
    assert data["participations"] == [
        {"target_public": {"slug": "youth", "name": "Jeunes"}, "count": 40}
    ]
    assert [a["title"] for a in data["attachments"]] == ["Guide public"]
    assert data["body"][0]["type"] == "image"
    assert "contacts" not in data and "owner" not in data["meta"]
    assert "Amrani" not in str(data)
    get(clients["anonymous"], PRACTICES + "&fields=contacts", status=400)


def test_documents_are_the_published_public_ones(content, clients):
    for viewer in ("anonymous", "partner"):
        data = get(clients[viewer], "/api/v2/documents/")
        assert titles(data) == {"Guide public"}, viewer
        for hidden in ("private_document", "draft_document"):
            get(clients[viewer], f"/api/v2/documents/{content[hidden].pk}/", 404)
    assert get(clients["partner"], "/api/v2/documents/?search=zorglub")["items"] == []
    assert get(clients["partner"], "/api/v2/images/?search=attente")["items"] == []


def test_images_are_those_a_public_page_shows(content, clients):
    assert titles(get(clients["partner"], "/api/v2/images/")) == {"Photo publique"}
    get(clients["anonymous"], f"/api/v2/images/{content['unused'].pk}/", 404)


@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "offset=-1",
        "type=practices.Nothing",
        "type=nothing",
        "order=contacts",
        "fields=contacts",
        "locale=xx",
        "child_of=abc",
        "descendant_of=999999",
        "search=%00",
        "fields=*,-nothing",
    ],
)
def test_bad_input_is_a_clear_client_error(content, clients, query):
    response = clients["anonymous"].get(f"/api/v2/pages/?{query}")
    assert 400 <= response.status_code < 500 or response.status_code == 200, query
    if response.status_code != 200:
        assert "message" in response.json()


def test_find_does_not_reveal_a_private_page(content, clients):
    path = content["private"].url
    response = clients["partner"].get(f"/api/v2/pages/find/?html_path={path}")
    assert response.status_code == 404


def test_a_browser_gets_json_too(content, clients):
    response = clients["anonymous"].get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    assert "default-src 'none'" in response["Content-Security-Policy"]


# What schemathesis found (tests/test_read_api_contract.py) ---------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/find/?id=null",
        "/api/v2/documents/find/?id=null",
        "/api/v2/images/find/?id=1.5",
        "/api/v2/pages/find/?id=99999999999999999999999",
        "/api/v2/pages/?offset=99999999999999999999999",
        "/api/v2/pages/?offset=%C2%B2",  # "²": a digit to str.isdigit, not to int
        "/api/v2/pages/?search=a&search_operator=xx",
        "/api/v2/pages/?first_published_at=abc",
        "/api/v2/pages/?type=practices.PracticePage&start_date=abc",
        "/api/v2/pages/?type=practices.PracticePage&themes=abc",
        "/api/v2/pages/?type=practices.PracticePage&participations=1",
        "/api/v2/pages/?type=practices.PracticePage&attachments=x",
    ],
)
def test_a_bad_value_is_a_json_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "message" in response.json()


@pytest.mark.parametrize(
    "url", ["/api/v2/pages/-1/", "/api/v2/documents/x/", "/api/v2/nothing/"]
)
def test_another_address_under_the_api_is_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"message": "not found"}
