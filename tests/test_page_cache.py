"""The anonymous full-page cache (hub/page_cache.py) and what retires it
(hub/page_cache_invalidation.py): correct first.

Every test turns the cache on (it is off outside production) with an empty
cache. What a visitor sees after each kind of change is asserted on the page
itself — a cached page that outlives its change fails here — and what is never
stored: a member's page, a private page, a form with a CSRF token, messages.
"""

import os
import re
import socket
import uuid
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from hub import page_cache
from practices.models import PracticePage
from practices.publishing.sections import section_for
from programme.models import Commune, Theme
from search.models import GlossaryEntry
from tests.conftest import require_service
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    locale,
    pdf_bytes,
    translate,
)
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db

INDEX = "/fr/pratiques/"
REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_PROXY_SECONDS = 0
    cache.clear()


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.get(page_cache.HEADER)


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def publish(page):
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


@pytest.fixture
def practice():
    return PracticePageFactory(
        title="Budget participatif des jeunes",
        commune="tanger",
        themes=["budget-participatif"],
    )


# --- what is stored and what is served -----------------------------------------


def test_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, practice, django_assert_num_queries
):
    first, state = get(client, practice.url)
    assert (first.status_code, state) == (200, "miss")
    with django_assert_num_queries(0):
        second, state = get(client, practice.url)
    assert state == "hit"
    assert second.content == first.content
    assert "Budget participatif des jeunes" in text(second)


def test_stored_pages_tell_browsers_and_proxies_to_revalidate(client, practice):
    response, _ = get(client, practice.url)
    control = {d.strip() for d in response["Cache-Control"].split(",")}
    assert control == {"public", "max-age=0", "must-revalidate"}
    assert response["ETag"] and response["Last-Modified"]
    hit, state = get(client, practice.url)
    assert state == "hit" and hit["ETag"] == response["ETag"]


def test_a_proxy_may_keep_pages_when_the_operator_says_so(client, practice, settings):
    settings.PAGE_CACHE_PROXY_SECONDS = 300
    response, _ = get(client, practice.url)
    assert "s-maxage=300" in response["Cache-Control"]


def test_revalidation_answers_not_modified(client, practice):
    response, _ = get(client, practice.url)
    again = client.get(practice.url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_each_language_and_encoding_has_its_own_copy(client, practice):
    arabic = translate(practice, title="الميزانية التشاركية للشباب")
    fr, _ = get(client, practice.url)
    ar, _ = get(client, arabic.url)
    assert "الميزانية التشاركية للشباب" in text(ar)
    assert "الميزانية التشاركية للشباب" not in fr.content.decode()
    gzipped, state = get(client, practice.url, accept_encoding="gzip")
    assert state == "miss" and gzipped["Content-Encoding"] == "gzip"
    plain, state = get(client, practice.url)
    assert state == "hit" and not plain.has_header("Content-Encoding")
    assert plain.content == fr.content


def test_answers_in_the_browsers_language_are_kept_apart(client, practice):
    """The search API has no language prefix: the browser's Accept-Language
    chooses, and each language gets its own copy."""
    url = "/api/search/?q=budget&lang=fr"
    french, _ = get(client, url)
    arabic, state = get(client, url, accept_language="ar")
    assert state == "miss"
    assert (french["Content-Language"], arabic["Content-Language"]) == ("fr", "ar")
    again, state = get(client, url, accept_language="ar")
    assert (state, again["Content-Language"]) == ("hit", "ar")


def test_head_requests_are_answered_without_the_cache(client, practice):
    get(client, practice.url)
    response = client.head(practice.url)
    assert response.status_code == 200
    assert response[page_cache.HEADER] == "bypass"


# --- never shared ----------------------------------------------------------------


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user("membre", password="x")
    user.groups.add(role_group("partners"))
    return user


def test_a_members_pages_are_never_stored_nor_served_from_the_cache(
    client, member, practice
):
    get(client, practice.url)
    logged_in = Client()
    logged_in.force_login(member)
    for _ in range(2):
        response, state = get(logged_in, practice.url)
        assert state == "bypass"
        assert "private" in response["Cache-Control"]
        assert response.status_code == 200
    _, state = get(client, practice.url)
    assert state == "hit"


def test_a_members_view_of_a_listing_never_reaches_anonymous_visitors(
    client, member, practice
):
    private = PracticePageFactory(title="Budget confidentiel", commune="tanger")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([role_group("partners")])
    logged_in = Client()
    logged_in.force_login(member)
    assert "Budget confidentiel" in text(logged_in.get(INDEX))
    response, state = get(client, INDEX)
    assert state == "miss"
    assert "Budget confidentiel" not in text(response)


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
)
def test_private_pages_are_never_stored(client, practice, kind):
    restriction = PageViewRestriction.objects.create(
        page=practice, restriction_type=kind
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([role_group("partners")])
    for _ in range(2):
        response, state = get(client, practice.url)
        assert response.status_code == 302
        assert state == "bypass"
        assert "no-cache" in response["Cache-Control"]


def test_password_pages_keep_their_form_and_token_to_themselves(client, practice):
    PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.PASSWORD, password="sésame"
    )
    for _ in range(2):
        response, state = get(client, practice.url)
        assert state == "bypass"
        assert "csrfmiddlewaretoken" in text(response)
        assert "private" in response["Cache-Control"]
    other = Client()
    form, _ = get(other, practice.url)
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(text(form)) is not None


def test_csrf_pages_outside_the_exempt_paths_are_never_stored(
    client, settings, practice
):
    """Even where no path rule applies, reading the CSRF token keeps the page
    out of the cache (and private): checked on a page the rules do not exempt."""
    settings.PAGE_CACHE_EXEMPT = []
    page_cache.exempt_patterns.cache_clear()
    try:
        url = "/fr/compte/connexion/"
        first = client.get(url)
        second = client.get(url)
    finally:
        page_cache.exempt_patterns.cache_clear()
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert {first[page_cache.HEADER], second[page_cache.HEADER]} == {"bypass"}
    assert "private" in second["Cache-Control"]


def test_a_visitor_with_messages_waiting_gets_a_fresh_page(client, practice):
    get(client, practice.url)
    client.cookies["messages"] = "pending"
    _, state = get(client, practice.url)
    assert state == "bypass"


def test_a_visitor_with_a_session_is_never_served_a_stored_page(client, practice):
    """Whoever entered a page password, or logged in, has a session cookie."""
    get(client, practice.url)
    client.cookies["sessionid"] = "whatever"
    _, state = get(client, practice.url)
    assert state == "bypass"


def test_the_admin_is_never_cached(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response[page_cache.HEADER] == "bypass"


# --- retired by every change -----------------------------------------------------


def cached_twice(client, url):
    first, _ = get(client, url)
    second, state = get(client, url)
    assert state == "hit"
    return text(second)


def test_publishing_a_page_shows_it_in_the_listings_at_once(client, practice):
    assert "Nouvelle fiche de Tiznit" not in cached_twice(client, INDEX)
    draft = PracticePageFactory(title="Nouvelle fiche de Tiznit", commune="tiznit")
    draft.unpublish()  # a draft, as a partner leaves it for review
    assert "Nouvelle fiche de Tiznit" not in cached_twice(client, INDEX)
    publish(PracticePage.objects.get(pk=draft.pk))
    response, state = get(client, INDEX)
    assert state == "miss"
    assert "Nouvelle fiche de Tiznit" in text(response)


def test_editing_and_republishing_a_page_shows_the_new_text(client, practice):
    cached_twice(client, practice.url)
    practice.title = "Budget des jeunes, deuxième édition"
    response, _ = get(client, publish(practice).url)
    assert "Budget des jeunes, deuxième édition" in text(response)


def test_a_saved_draft_keeps_the_cache(client, practice):
    cached_twice(client, practice.url)
    practice.title = "Brouillon pas encore relu"
    practice.save_revision()
    response, state = get(client, practice.url)
    assert state == "hit"
    assert "Brouillon pas encore relu" not in text(response)


def test_unpublishing_a_page_removes_it_at_once(client, practice):
    url = practice.url
    cached_twice(client, url)
    assert practice.title in cached_twice(client, INDEX)
    practice.unpublish()
    assert client.get(url).status_code == 404
    assert practice.title not in text(client.get(INDEX))


def test_moving_a_page_serves_it_at_its_new_address_only(client, practice):
    old_url = practice.url
    cached_twice(client, old_url)
    tiznit = Commune.objects.get(slug="tiznit", locale=practice.locale)
    practice.move(section_for(tiznit, practice.locale), pos="last-child")
    practice = PracticePage.objects.get(pk=practice.pk)
    assert practice.url != old_url
    moved = client.get(old_url)  # Wagtail's redirect from the old address
    assert (moved.status_code, moved["Location"]) == (301, practice.url)
    assert client.get(practice.url).status_code == 200


def test_deleting_a_page_removes_it_at_once(client, practice):
    url, title = practice.url, practice.title
    cached_twice(client, url)
    cached_twice(client, INDEX)
    Page.objects.get(pk=practice.pk).delete()
    assert client.get(url).status_code == 404
    assert title not in text(client.get(INDEX))


@pytest.mark.parametrize("on", ["page", "section"])
def test_making_a_page_private_hides_it_at_once(client, practice, on):
    url = practice.url
    cached_twice(client, url)
    assert practice.title in cached_twice(client, INDEX)
    target = (
        practice if on == "page" else section_for(practice.commune, practice.locale)
    )
    restriction = PageViewRestriction.objects.create(
        page=target, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([role_group("partners")])
    assert client.get(url).status_code == 302
    assert practice.title not in text(client.get(INDEX))


def test_lifting_a_restriction_shows_the_page_at_once(client, practice):
    restriction = PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.LOGIN
    )
    assert practice.title not in cached_twice(client, INDEX)
    restriction.delete()
    assert practice.title in text(client.get(INDEX))
    assert client.get(practice.url).status_code == 200


def test_publishing_a_translation_links_it_from_the_original_at_once(client, practice):
    page = cached_twice(client, practice.url)
    draft = translate(practice, title="الميزانية التشاركية للشباب", publish=False)
    assert cached_twice(client, practice.url) == page
    publish(draft)
    response, state = get(client, practice.url)
    assert state == "miss"
    assert draft.url in text(response)


def test_renaming_a_theme_shows_the_new_name_at_once(client, practice):
    assert "Budget participatif" in cached_twice(client, practice.url)
    theme = Theme.objects.get(slug="budget-participatif", locale=locale("fr"))
    theme.name = "Budgets citoyens"
    theme.save()
    assert "Budgets citoyens" in text(client.get(practice.url))


def test_a_glossary_entry_changes_search_results_at_once(client, practice):
    url = "/fr/search/?lang=all&q=%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9"  # ميزانية
    before = cached_twice(client, url)
    assert practice.title not in before
    GlossaryEntry.objects.create(french="budget", arabic="ميزانية")
    response, state = get(client, url)
    assert state == "miss"
    assert practice.title in text(response)


def test_replacing_a_document_shows_the_new_file_at_once(client):
    document = HubDocumentFactory(title="Guide du budget")
    practice = PracticePageFactory(commune="tanger", attachments=[document])
    before = cached_twice(client, practice.url)
    document.title = "Guide du budget, édition 2027"
    new_file = ContentFile(pdf_bytes("Nouvelle édition"), name="guide-2027.pdf")
    document.file.save("guide-2027.pdf", new_file, save=False)
    document.save()
    after = text(client.get(practice.url))
    assert after != before
    assert "Guide du budget, édition 2027" in after


def test_changes_without_a_signal_last_at_most_page_cache_seconds(
    client, practice, settings
):
    """A QuerySet.update sends no signal: the page stays until it expires, or
    until the operator expires every cached page."""
    cached_twice(client, practice.url)
    PracticePage.objects.filter(pk=practice.pk).update(title="Changé en masse")
    assert "Changé en masse" not in text(client.get(practice.url))
    call_command("expire_cached_pages", stdout=StringIO())
    assert "Changé en masse" in text(client.get(practice.url))


# --- the cache out of reach --------------------------------------------------------


def test_the_cache_out_of_reach_is_no_error_for_a_reader(settings, rf):
    """Redis down: the page cache neither fails nor stores; the page is rendered
    (/readyz reports the cache; the rest of the hub needs it too)."""
    with socket.socket() as sock:  # a local port nobody listens at
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    rendered = []

    def render(request):
        rendered.append(request)
        return HttpResponse("<p>Une fiche</p>")

    middleware = page_cache.PageCacheMiddleware(render)
    for _ in range(2):
        response = middleware(rf.get("/fr/pratiques/"))
        assert (response.status_code, response.content) == (200, b"<p>Une fiche</p>")
        assert response[page_cache.HEADER] == "bypass"
    assert len(rendered) == 2


# --- through a real Redis (CI's SQLite lane) ----------------------------------------


def test_pages_go_through_redis_and_are_retired_there(
    client, settings, django_assert_num_queries
):
    """The production cache: responses pickled into Redis, served back without a
    query, retired by a publish — with keys of this test only (no flush: another
    test process may be using the same database)."""
    require_service(REDIS_URL, "REDIS_URL is not set (no Redis to cache in)", "redis")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-page-cache-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    practice = PracticePageFactory(title="Budget des quartiers", commune="tanger")
    first, state = get(client, practice.url, accept_encoding="gzip")
    assert state == "miss"
    with django_assert_num_queries(0):
        second, state = get(client, practice.url, accept_encoding="gzip")
    assert state == "hit" and second.content == first.content
    practice.title = "Budget des quartiers, bilan"
    publish(practice)
    third, state = get(client, practice.url)
    assert state == "miss"
    assert "Budget des quartiers, bilan" in text(third)
