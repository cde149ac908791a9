"""Browser lane: the coordination's report « Recherches des agents » (search
query report, issue #17) in the French and Arabic admin: axe finds nothing in
it, each table reads in the admin's direction and each query in its own."""

import datetime

import pytest
from django.urls import reverse

from search.models import SearchQueryDay
from tests.page_tour import axe_violations, describe
from tests.test_browser import browser_page  # noqa: F401 (fixture)
from tests.test_browser_translation_editor import direction, log_in
from tests.workflow_helpers import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_report_in_both_admin_languages(
    live_server,
    browser_page,  # noqa: F811
    django_user_model,
):
    today = datetime.date.today()
    for query, language, misses in (
        ("budget participatif", "fr", 0),
        ("potager collectif", "fr", 2),
        ("بستان جماعي", "fr", 1),  # typed in the French interface
        ("الميزانية", "ar", 0),
    ):
        SearchQueryDay.objects.create(
            query_string=query, language=language, day=today, hits=2, misses=misses
        )
    for admin_language, page_direction in (("fr", "ltr"), ("ar", "rtl")):
        user = make_user(
            django_user_model, f"coord-{admin_language}", language=admin_language
        )
        user.is_superuser = True
        user.save()
        browser_page.context.clear_cookies()
        log_in(browser_page, live_server, user)
        browser_page.goto(live_server.url + reverse("search_query_report"))
        table = browser_page.locator("table.listing").first
        assert direction(table) == page_direction
        arabic = browser_page.locator("bdi", has_text="بستان جماعي").first
        assert direction(arabic) == "rtl"
        french = browser_page.locator("bdi", has_text="potager collectif").first
        assert direction(french) == "ltr"
        violations = axe_violations(browser_page)
        assert not violations, describe(violations)
