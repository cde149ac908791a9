"""The facet table (``practices.facets``): the index pages' filters and the
search's facets, filters, labels and OpenAPI parameters are all read from it."""

import pytest
from bs4 import BeautifulSoup
from django.utils.translation import override

from practices import facets, listing
from programme.models import Commune, DocumentKind, Region, TargetPublic, Theme
from search import facets as search_facets
from search import openapi, params, views


def names(table):
    return [facet.name for facet in table]


ORDER = ["type", "language", "theme", "region", "commune", "public", "kind", "tag"]
ORDER += ["year"]


def test_the_table_in_its_order():
    assert names(facets.FACETS) == ORDER
    assert facets.get("public").page_field == "target_publics"
    with pytest.raises(KeyError):
        facets.get("colour")


def test_vocabularies_resolve_to_their_models():
    models = {f.name: f.vocabulary_model for f in facets.FACETS if f.vocabulary}
    assert models == {
        "theme": Theme,
        "region": Region,
        "commune": Commune,
        "public": TargetPublic,
        "kind": DocumentKind,
    }


def test_index_page_filters_come_from_the_table():
    assert list(listing.FILTERS) == names(facets.on_index_pages())
    # Every facet but the search's type and language.
    assert list(listing.FILTERS) == names(facets.FACETS)[2:]
    for name, facet in listing.FILTERS.items():
        assert facet is facets.get(name)
    assert listing.FILTERS["year"].lookup == "year"
    assert listing.FILTERS["public"].lookup == "target_publics__slug"


def test_search_facets_come_from_the_table():
    assert search_facets.FACETS == tuple(names(facets.in_search()))
    # Every facet of the index pages is a facet of the search too.
    assert set(names(facets.on_index_pages())) <= set(search_facets.FACETS)
    assert search_facets.TERM_FIELDS == {
        "theme": "themes",
        "public": "target_publics",
    }
    assert search_facets.VOCABULARIES == {
        "theme": Theme,
        "region": Region,
        "commune": Commune,
        "public": TargetPublic,
        "kind": DocumentKind,
    }
    assert names(search_facets.FIELD_FACETS) == ["region", "commune", "kind", "year"]


def test_search_parameters_come_from_the_table():
    # Language is counted but chosen by the ``lang`` scope, not by a filter.
    assert params.FILTERS == tuple(names(facets.search_filters()))
    # Every facet, "kind" included, but language.
    assert params.FILTERS == ("type", *ORDER[2:])
    # Terms and tags: all but type, language and year.
    assert params.SLUG_FILTERS == tuple(ORDER[2:-1])


def test_search_labels_are_the_tables():
    assert views.FILTER_LABELS == {
        name: facets.get(name).label for name in params.FILTERS
    }


def test_openapi_is_described_by_the_table():
    declared = {p["name"]: p for p in openapi.parameters()}
    for facet in facets.search_filters():
        assert declared[facet.name]["description"].startswith(facet.description)
    assert "kind" in declared
    counted = openapi.RESPONSE["properties"]["facets"]["properties"]
    assert list(counted) == names(facets.in_search())


def test_only_moroccan_communes_are_commune_values():
    """The commune facet's own rule, read by the index pages and the search."""
    assert facets.get("commune").term_filter() == {"country": "MA"}
    assert facets.get("commune").term_filter("commune") == {"commune__country": "MA"}
    assert all(
        not facet.term_filter() for facet in facets.FACETS if facet.name != "commune"
    )


def test_every_label_is_translated():
    for facet in facets.FACETS:
        with override("fr"):
            french = str(facet.label)
        with override("ar"):
            arabic = str(facet.label)
        assert arabic != french, facet.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language"),
    [("/fr/modeles/", "fr"), ("/ar/modeles/", "ar")],
)
def test_index_page_labels_its_filters_from_the_table(client, url, language):
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    labels = {
        label["for"].removeprefix("filter-"): label.get_text()
        for label in page.select("form.filters label")
    }
    with override(language):
        expected = {
            name: str(facets.get(name).label) for name in ("kind", "theme", "tag")
        }
    assert {name: labels.get(name) for name in expected} == expected
