"""Password guessing on Wagtail's shared-password forms (issue #9, item 9): a
page, or a collection of documents, restricted by a shared password answers
at most 5 wrong passwords per client address; the fifth and every later try
(even the right password) get a translated 429 page saying how long to wait,
never a 500. Other addresses — clients told apart behind the proxy — and other
restrictions are not affected.
"""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)

pytestmark = pytest.mark.django_db

PASSWORD = "phrase partagée"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def no_earlier_failures():
    """The counts live in the (local-memory) cache, which outlives a test."""
    cache.clear()


@pytest.fixture
def page_form():
    """A practice behind a shared password: its form's URL and return URL."""
    page = PracticePageFactory(title="Budget à mot de passe", commune="tanger")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    url = f"/{{lang}}/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    return url, page.url


@pytest.fixture
def document_form():
    """A document in a collection behind a shared password."""
    collection = Collection.get_first_root_node().add_child(name="Mot de passe")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    document = HubDocumentFactory(collection=collection)
    return f"/documents/authenticate_with_password/{restriction.pk}/", document.url


FORMS = ("page_form", "document_form")


def post(client, form, password, lang="fr", **meta):
    url, return_url = form
    meta.setdefault("REMOTE_ADDR", "203.0.113.7")
    return client.post(
        url.format(lang=lang),
        {"password": password, "return_url": return_url},
        HTTP_ACCEPT_LANGUAGE=lang,
        **meta,
    )


def fail(client, form, times, **meta):
    return [post(client, form, "mauvais", **meta).status_code for _ in range(times)]


@pytest.mark.parametrize("name", FORMS)
def test_right_password_opens(request, name):
    form = request.getfixturevalue(name)
    response = post(Client(), form, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == form[1]


@pytest.mark.parametrize("name", FORMS)
def test_fifth_wrong_password_locks_that_address_out(request, name):
    """Four refusals show the form again; the fifth, and then even the right
    password, answer 429 with a clear page; another address still opens."""
    form = request.getfixturevalue(name)
    client = Client()
    assert fail(client, form, 4) == [200] * 4
    locked = post(client, form, "encore faux")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Trop de mots de passe refusés" in text
    assert "Vous pourrez réessayer dans 15 minutes." in text
    assert int(locked["Retry-After"]) == 15 * 60
    assert post(client, form, PASSWORD).status_code == 429
    assert post(Client(), form, PASSWORD, REMOTE_ADDR="198.51.100.9").status_code == (
        302
    )


def test_lockout_page_speaks_arabic(page_form):
    client = Client()
    fail(client, page_form, 4, lang="ar")
    response = post(client, page_form, "خطأ", lang="ar")
    assert response.status_code == 429
    text = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in text
    assert "يمكنكم إعادة المحاولة" in text


def test_each_restriction_counts_on_its_own(page_form, document_form):
    client = Client()
    fail(client, page_form, 5)
    assert post(client, document_form, PASSWORD).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_clients_behind_the_proxy_are_throttled_separately(page_form):
    """Everyone arrives from the proxy's address: the client's, read from
    X-Forwarded-For, is what is throttled."""
    locked_out = Client()
    fail(locked_out, page_form, 5, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1")
    again = post(
        locked_out,
        page_form,
        PASSWORD,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.1",
    )
    assert again.status_code == 429
    # A forged address to the left of the one the proxy wrote changes nothing.
    forged = post(
        locked_out,
        page_form,
        PASSWORD,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.77, 192.0.2.1",
    )
    assert forged.status_code == 429
    colleague = post(
        Client(),
        page_form,
        PASSWORD,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.2",
    )
    assert colleague.status_code == 302


def test_unknown_restriction_is_a_404_not_a_500(page_form):
    response = Client().post(
        "/fr/_util/authenticate_with_password/999999/1/", {"password": "x"}
    )
    assert response.status_code == 404
    # Outside the language prefix, Django's LocaleMiddleware first tries the
    # path under /fr/ (a redirect), which is not found either.
    response = Client().post(
        "/documents/authenticate_with_password/999999/", follow=True
    )
    assert response.status_code == 404
