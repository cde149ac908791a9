"""« Communes partenaires »: every partner commune by partnership and region,
each linking to its commune page; commune pages lead back to it, Belgian ones
list their Moroccan partner's practices, and no commune page offers a region
filter (a commune has one region)."""

import pytest

from programme.models import Commune
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.parsed_pages import parsed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_partner_commune_links_to_its_page(client, language):
    PracticePageFactory(commune="tanger", language=language)
    page = parsed(client.get(f"/{language}/pratiques/communes/"))
    links = {a["href"] for a in page.select("main ul.communes a")}
    slugs = Commune.objects.filter(locale__language_code=language).values_list(
        "slug", flat=True
    )
    assert slugs  # Moroccan and Belgian communes of the programme
    assert links == {f"/{language}/pratiques/commune/{slug}/" for slug in slugs}
    for href in links:  # each leads to a commune page
        assert client.get(href).status_code == 200


def test_partnerships_are_grouped_by_region_with_practice_counts(client):
    PracticePageFactory.create_batch(2, commune="tanger")
    page = parsed(client.get("/fr/pratiques/communes/"))
    assert page.h1.get_text() == "Communes partenaires"
    region = next(h for h in page("h2") if h.get_text() == "Tanger-Tétouan-Al Hoceïma")
    rows = region.find_next_sibling("ul")("li")
    tanger = next(li for li in rows if li.a.get_text() == "Tanger")
    text = " ".join(tanger.get_text().split())
    assert "Tanger (2 pratiques) – Molenbeek-Saint-Jean" in text
    assert "Belgique" in text


def test_the_index_is_linked_from_home_and_commune_pages(client):
    PracticePageFactory(commune="tanger")
    home = parsed(client.get("/fr/"))
    assert home.select_one('a[href="/fr/pratiques/communes/"]')
    commune = parsed(client.get("/fr/pratiques/commune/tanger/"))
    crumbs = [a["href"] for a in commune.select("nav.breadcrumb a")]
    assert crumbs == ["/fr/", "/fr/pratiques/", "/fr/pratiques/communes/"]


def test_arabic_index_is_in_arabic(client):
    page = parsed(client.get("/ar/pratiques/communes/"))
    assert page.h1.get_text() == "الجماعات الشريكة"
    assert page.html["dir"] == "rtl"


def test_a_belgian_commune_lists_its_moroccan_partners_practices(client):
    PracticePageFactory(title="Budget des jeunes", commune="tanger")
    page = parsed(client.get("/fr/pratiques/commune/molenbeek-saint-jean/"))
    assert "Pratiques de la commune partenaire, Tanger" in page.get_text()
    assert [a.get_text() for a in page.select("li.card h3 a")] == ["Budget des jeunes"]


def test_a_commune_without_practices_says_so(client):
    PracticePageFactory(commune="tiznit")
    page = parsed(client.get("/fr/pratiques/commune/tanger/"))
    assert "Aucune pratique publiée pour cette commune." in page.get_text()
    assert not page.select("form.filters")


def test_commune_pages_offer_no_region_filter(client):
    PracticePageFactory(commune="tanger", region="tanger-tetouan-al-hoceima")
    page = parsed(client.get("/fr/pratiques/commune/tanger/"))
    assert page.select("form.filters select")  # the other filters are there
    assert not page.select("#filter-region")
    index = parsed(client.get("/fr/pratiques/"))
    assert index.select("#filter-region")


def test_the_index_costs_the_same_queries_whatever_the_practices(
    client, django_assert_max_num_queries
):
    """Three queries of its own (partnerships, counts, unpaired communes): no
    query per commune or per practice."""
    PracticePageFactory(commune="tanger")
    client.get("/fr/pratiques/communes/")
    with django_assert_max_num_queries(12) as few:
        client.get("/fr/pratiques/communes/")
    PracticePageFactory.create_batch(3, commune="tiznit")
    PracticePageFactory.create_batch(2, commune="figuig")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/fr/pratiques/communes/")
