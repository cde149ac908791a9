"""The map of the partnerships (programme.partnership_map): an inline SVG drawn
from the communes' coordinates over Natural Earth's outline, one link per
commune, labels in the page's language, a legend that lists the partnerships
with links (the screen readers' way through the map), its source stated; on
the communes index and, its partnership highlighted, on a commune page."""

import json
import re

import pytest
from defusedxml import ElementTree

from programme.map_outline import build
from programme.models import Commune, Partnership
from programme.partnership_map import OUTLINE_FILE
from tests.parsed_pages import parsed

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
INDEX = "/{}/pratiques/communes/"


def svgs(client, url):
    """The page and its map's panels, each parsed as XML from the response
    itself (so each is well-formed SVG, its attributes as sent)."""
    response = client.get(url)
    page = parsed(response)
    assert page.select_one("figure.partnership-map") is not None
    html = response.content.decode()
    panels = re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)
    return page, [ElementTree.fromstring(svg) for svg in panels]


def links(panels):
    return [a for svg in panels for a in svg.iter(f"{SVG}a")]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_each_commune_is_one_link_of_valid_svg(client, language):
    _page, panels = svgs(client, INDEX.format(language))
    assert [svg.tag for svg in panels] == [
        f"{SVG}svg"
    ] * 3  # Maroc, Belgique, Bruxelles
    hrefs = [a.get("href") for a in links(panels)]
    slugs = Commune.objects.filter(locale__language_code=language).values_list(
        "slug", flat=True
    )
    assert len(slugs) == 20
    assert sorted(hrefs) == sorted(
        f"/{language}/pratiques/commune/{slug}/" for slug in slugs
    )
    for svg in panels:  # the panel's own units, scaled by the page (CSS)
        assert svg.get("viewBox").startswith("0 0 400 ")
        assert svg.get("width") is None


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_labels_are_in_the_page_language(client, language):
    _page, panels = svgs(client, INDEX.format(language))
    labels = {
        text.text
        for a in links(panels)
        for text in a.iter(f"{SVG}text")
        if text.get("class") == "map-label"
    }
    names = set(
        Commune.objects.filter(locale__language_code=language).values_list(
            "name", flat=True
        )
    )
    assert labels == names
    if language == "ar":
        assert "طنجة" in labels


def marker_and_label(panels, slug):
    link = next(a for a in links(panels) if a.get("href").endswith(f"/{slug}/"))
    circle = link.find(f"{SVG}circle")
    label = next(t for t in link.iter(f"{SVG}text") if t.get("class") == "map-label")
    return float(circle.get("cx")), float(circle.get("cy")), label


def test_geography_is_not_mirrored_but_labels_read_the_other_way(client):
    """Tanger is at the same place in both languages; its label is on the side
    its language reads towards (after the marker), anchored accordingly."""
    _page, french = svgs(client, INDEX.format("fr"))
    _page, arabic = svgs(client, INDEX.format("ar"))
    fr_x, fr_y, fr_label = marker_and_label(french, "tanger")
    ar_x, ar_y, ar_label = marker_and_label(arabic, "tanger")
    assert (fr_x, fr_y) == (ar_x, ar_y)
    assert float(fr_label.get("x")) > fr_x and fr_label.get("text-anchor") == "start"
    assert float(ar_label.get("x")) < ar_x and ar_label.get("text-anchor") == "start"
    # Tanger is north-west of Figuig, Tiznit south-west of Tanger.
    figuig_x, figuig_y, _label = marker_and_label(french, "figuig")
    tiznit_x, tiznit_y, _label = marker_and_label(french, "tiznit")
    assert fr_x < figuig_x and fr_y < figuig_y
    assert tiznit_x < fr_x and tiznit_y > fr_y


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_legend_lists_the_ten_partnerships_with_links(client, language):
    page, panels = svgs(client, INDEX.format(language))
    items = page.select("figure.partnership-map ol.map-legend > li")
    assert (
        len(items)
        == Partnership.objects.filter(locale__language_code=language).count()
        == 10
    )
    for item in items:
        assert len(item("a")) == 2
    if language == "fr":
        first = " ".join(items[0].get_text().split())
        assert first == "Tanger – Molenbeek-Saint-Jean"  # the oldest, since 2008
    # The same links as the map, so the list can stand in for it.
    assert sorted(a["href"] for li in items for a in li("a")) == sorted(
        a.get("href") for a in links(panels)
    )
    # The number of Tanger's partnership is the same on both markers.
    numbers = {
        a.get("href").rsplit("/", 2)[1]: a.find(f"{SVG}text").text
        for a in links(panels)
    }
    assert numbers["tanger"] == numbers["molenbeek-saint-jean"] == "1"


def test_the_map_is_hidden_from_screen_readers_who_get_the_list(client):
    page, _panels = svgs(client, INDEX.format("fr"))
    figure = page.select_one("figure.partnership-map")
    assert figure.select_one(".map-panels")["aria-hidden"] == "true"
    assert {a["tabindex"] for a in figure.select(".map-panels a")} == {"-1"}
    assert not figure.select("ol.map-legend a[tabindex]")


@pytest.mark.parametrize(
    ("language", "credit"),
    [("fr", "Fond de carte : Natural Earth"), ("ar", "خلفية الخريطة: Natural Earth")],
)
def test_the_figure_states_its_source(client, language, credit):
    page, _panels = svgs(client, INDEX.format(language))
    caption = page.select_one("figure.partnership-map figcaption").get_text()
    assert credit in caption
    assert "world-atlas 2.0.2" in caption and "1:50m" in caption


def test_a_commune_page_highlights_its_partnership(client):
    page, panels = svgs(client, "/fr/pratiques/commune/tiznit/")
    highlighted = {
        a.get("href") for a in links(panels) if "map-highlighted" in a.get("class")
    }
    assert highlighted == {
        "/fr/pratiques/commune/tiznit/",
        "/fr/pratiques/commune/anderlecht/",
    }
    legend = page.select("ol.map-legend > li.map-highlighted")
    assert [" ".join(li.get_text().split()) for li in legend] == ["Tiznit – Anderlecht"]


def test_the_outline_file_has_both_countries_and_names_its_source():
    outline = json.loads(OUTLINE_FILE.read_text(encoding="utf-8"))
    assert "Natural Earth" in outline["source"]
    assert "world-atlas 2.0.2" in outline["source"]
    panels = {panel["key"]: panel for panel in outline["panels"]}
    assert panels["morocco"]["countries"]["Morocco"].startswith("M")
    assert panels["belgium"]["countries"]["Belgium"].startswith("M")
    # Framed on the partners: from 28.5°N, so no southern limit is drawn.
    assert panels["morocco"]["frame"]["south"] == 28.5


def test_every_commune_has_coordinates_inside_its_panel():
    """The demo's and the seed's communes are all drawn (none left off)."""
    communes = Commune.objects.all()
    assert communes.count() == 40  # 20 communes, French and Arabic
    assert not communes.filter(latitude__isnull=True).exists()
    assert not communes.filter(longitude__isnull=True).exists()


def test_the_builder_decodes_arcs_clips_and_simplifies():
    """The outline script on a tiny topology: a square of two arcs (the second
    used reversed), half outside the frame, cut at the frame's edge."""
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[0, 0], [4, 0], [0, 4]]],
        "objects": {
            "countries": {
                "geometries": [
                    {
                        "type": "Polygon",
                        "properties": {"name": "Square"},
                        "arcs": [[0, ~1]],
                    }
                ]
            }
        },
    }
    arcs = build.decode_arcs(topology)
    assert arcs[0] == [(0, 0), (4, 0), (4, 4)]
    ring = build.ring_points([0, ~1], arcs)
    assert ring == [(0, 0), (4, 0), (4, 4), (4, 0), (0, 0)]
    square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    assert build.clip(square, 2, 10) == [(0, 0), (2, 0), (2, 4), (0, 4)]
    line = [(0, 0), (1, 0.01), (2, 0), (3, 0.01), (4, 0)]
    assert build.simplify(line, 0.5) == [(0, 0), (4, 0)]


def test_the_tag_works_on_any_page(rf):
    """``{% partnership_map %}`` on a page that is not the practice index (the
    programme's page): the links still lead to the commune pages."""
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("ar"):
        html = Template("{% load map_tags %}{% partnership_map %}").render(
            Context({"request": rf.get("/ar/")})
        )
    assert html.count('href="/ar/pratiques/commune/') == 40  # map and legend
    assert "طنجة" in html
