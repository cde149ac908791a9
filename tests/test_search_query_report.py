"""What agents miss (issue #17, item 4): the searches of the site are counted per
day and interface language, with how many found nothing, and nothing about who
searched; the coordination reads the most frequent queries and the queries with
no result per language and month in the admin's Reports menu, and adds a
promotion or a glossary pair from a row in one click (Wagtail's forms, filled)."""

import datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from search.models import SearchQueryDay
from tests.test_search_glossary import fresh_indexes  # noqa: F401
from tests.test_search_page import html, make_page
from tests.workflow_helpers import PASSWORD, make_user, role_group

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/search-queries/"


@pytest.fixture(autouse=True)
def no_repeat_guard():
    """The same search from the same client is counted once a minute: each test
    starts with a fresh guard."""
    cache.clear()


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(html(response), "html.parser")


def search(client, language, query):
    cache.clear()  # each search counts, as if from another visitor
    assert client.get(f"/{language}/search/", {"q": query}).status_code == 200


@pytest.fixture
def searched(client):
    make_page("Budget participatif des jeunes", summary="Tanger")
    make_page("الميزانية التشاركية للشباب", language="ar", summary="طنجة")
    for _ in range(3):
        search(client, "fr", "budget")
    search(client, "fr", "potager collectif")
    search(client, "fr", "Potager  collectif")
    search(client, "ar", "الميزانية")
    search(client, "ar", "بستان جماعي")


def test_searches_are_counted_per_language_without_who_searched(searched):
    rows = {
        (row.query_string, row.language): (row.hits, row.misses)
        for row in SearchQueryDay.objects.all()
    }
    assert rows == {
        ("budget", "fr"): (3, 0),
        ("potager collectif", "fr"): (2, 2),
        ("الميزانية", "ar"): (1, 0),
        ("بستان جماعي", "ar"): (1, 1),
    }
    fields = {field.name for field in SearchQueryDay._meta.get_fields()}
    assert fields == {"id", "query_string", "language", "day", "hits", "misses"}


def tables(page):
    """Each report table's caption -> its rows' cells."""
    return {
        " ".join(table.caption.get_text().split()): [
            [" ".join(td.get_text().split()) for td in tr.select("td")]
            for tr in table.select("tbody tr")
        ]
        for table in page.select("table")
    }


@pytest.mark.usefixtures("searched")
def test_the_coordination_reads_the_report_per_language_and_month(
    client, django_user_model
):
    user = make_user(django_user_model, "coord", role_group("coordinators"))
    client.login(username=user.username, password=PASSWORD)
    menu = client.get("/admin/")
    assert REPORT in html(menu)
    page = soup(client.get(REPORT))
    found = tables(page)
    frequent_fr = found["Recherches les plus fréquentes — français"]
    assert [row[:2] for row in frequent_fr] == [
        ["budget", "3"],
        ["potager collectif", "2"],
    ]
    assert [row[:2] for row in found["Recherches sans résultat — français"]] == [
        ["potager collectif", "2"]
    ]
    assert [row[:2] for row in found["Recherches sans résultat — arabe"]] == [
        ["بستان جماعي", "1"]
    ]
    assert page.find("bdi", string="بستان جماعي")["dir"] == "rtl"
    # Another month: nothing.
    last_year = (datetime.date.today() - datetime.timedelta(days=400)).strftime("%Y-%m")
    empty = tables(soup(client.get(REPORT, {"month": last_year})))
    assert all(rows == [] for rows in empty.values())


@pytest.mark.usefixtures("searched")
def test_one_click_to_a_filled_promotion_or_glossary_form(client, django_user_model):
    user = make_user(django_user_model, "coord", role_group("coordinators"))
    client.login(username=user.username, password=PASSWORD)
    page = soup(client.get(REPORT))
    promote = page.find("a", string=lambda s: s and "Ajouter une promotion" in s)
    form = soup(client.get(promote["href"]))
    assert form.select_one("input[name=query_string]")["value"] == "budget"
    action = form.select_one("form[method=post]")["action"]
    assert action == reverse("wagtailsearchpromotions:add")
    links = page.find_all("a", string=lambda s: s and "Ajouter au glossaire" in s)
    french = soup(client.get(links[0]["href"]))
    assert french.select_one("input[name=french]")["value"] == "budget"
    arabic = next(
        soup(client.get(link["href"]))
        for link in links
        if "arabic=" in link["href"] and "%D8%A8%D8%B3%D8%AA" in link["href"]
    )
    assert arabic.select_one("input[name=arabic]")["value"] == "بستان جماعي"
    assert arabic.select_one("input[name=french]").get("value", "") == ""


@pytest.mark.usefixtures("searched")
def test_the_report_speaks_arabic(client, django_user_model):
    user = make_user(
        django_user_model, "coord-ar", role_group("coordinators"), language="ar"
    )
    client.login(username=user.username, password=PASSWORD)
    page = soup(client.get(REPORT))
    assert "عمليات البحث دون نتيجة — العربية" in tables(page)
    assert page.find("a", string=lambda s: s and "إضافة إلى مسرد المصطلحات" in s)


@pytest.mark.usefixtures("searched")
def test_only_the_coordination_sees_the_report(client, django_user_model):
    user = make_user(django_user_model, "translator", role_group("translators"))
    client.login(username=user.username, password=PASSWORD)
    assert REPORT not in html(client.get("/admin/"))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "budget" not in response.content.decode()


def test_the_daily_purge_erases_old_counts(settings):
    """``purge_personal_data`` erases the counts older than the retention the
    privacy notice quotes, as it does for Wagtail's query log."""
    settings.SEARCH_QUERIES_RETENTION_DAYS = 30
    today = datetime.date.today()
    for days in (0, 31):
        SearchQueryDay.objects.create(
            query_string="budget",
            language="fr",
            day=today - datetime.timedelta(days=days),
            hits=1,
        )
    call_command("purge_personal_data", stdout=StringIO())
    assert list(SearchQueryDay.objects.values_list("day", flat=True)) == [today]
