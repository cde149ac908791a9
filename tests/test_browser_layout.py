"""Browser lane: the phone-first layout (#13, Build 1), in Debian's Chromium.

What only a browser shows: no page wider than the screen from 320 px up in
French and Arabic (a fiche's actors and indicators used to widen it to 527 px),
the results before the filters on a phone, the first search result reached in
at most five Tab presses after the skip link, a visible focus ring of the
site's own, and a fiche printed without the site's chrome.
"""

import pytest

from tests.factories import (
    PracticePageFactory,
    add_participation,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)
from tests.test_bidi_isolation import ARABIC_CONTACTS, PHONE
from tests.test_browser import browser_page, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LONG_ACTORS = (
    "Service de la jeunesse, des sports et de la participation citoyenne ; "
    "Direction des affaires sociales et culturelles (DASC)"
)
LONG_AUTHORITIES = "Préfecture-des-arrondissements-de-Tanger-Asilah-et-Fahs-Anjra"
ARABIC_ACTORS = "مصلحة الشباب والرياضة والمشاركة المواطنة ؛ مديرية الشؤون الاجتماعية"
FICHE = "/{lang}/pratiques/tanger/budget-participatif-des-jeunes/"
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def browser(browser_page):  # noqa: F811 (fixture)
    """Chromium's page (tests.test_browser), named once for this module."""
    return browser_page


@pytest.fixture
def fiche(site):  # noqa: F811 (fixture)
    """A practice whose actors, participants and indicators are long, in
    French and in Arabic."""
    practice = PracticePageFactory(
        title="Budget participatif des jeunes",
        commune="tanger",
        themes=["budget-participatif"],
        context="<p>Un quartier sans lieu pour les jeunes.</p>",
        objectives="<p>Donner la parole aux jeunes.</p>",
        actors_services=LONG_ACTORS,
        actors_associations="Association Horizons des jeunes de Beni Makada",
        actors_authorities=LONG_AUTHORITIES,
        results="<p>300 jeunes inscrits.</p>",
        indicators=[
            (
                "indicator",
                {
                    "label": "Projets proposés par les jeunes et soumis au vote",
                    "value": "74 propositions, 9 retenues",
                },
            )
        ],
        funding_own=150000,
        funding_external=1250000,
        contacts="jeunesse@example.org",
    )
    add_participation(practice, "youth", 1200)
    arabic = translate(practice, title="الميزانية التشاركية للشباب")
    arabic.actors_services = ARABIC_ACTORS
    arabic.save_revision().publish()
    return practice


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("width", [320, 390])
def test_fiche_never_scrolls_sideways_on_a_phone(
    fiche,
    live_server,
    browser,
    lang,
    width,
):
    """The actors, participants and indicators stack; the page is no wider
    than the screen, and the Arabic descriptions get the whole width."""
    browser.set_viewport_size({"width": width, "height": 844})
    browser.goto(live_server.url + FICHE.format(lang=lang))
    assert browser.evaluate(OVERFLOW) <= 0
    described = browser.locator("#acteurs dd").first.bounding_box()
    assert described["width"] > width * 0.8


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_listing_shows_results_before_the_closed_filters(
    fiche,
    live_server,
    browser,
    lang,
):
    """On a phone the first card is on the first screen and the filter panel,
    closed, comes after the results; a filter opens it and lands on them."""
    browser.set_viewport_size({"width": 390, "height": 844})
    browser.goto(live_server.url + f"/{lang}/pratiques/")
    assert browser.evaluate(OVERFLOW) <= 0
    card = browser.locator(".cards .card").first.bounding_box()
    panel = browser.locator("details.filters-panel")
    assert card["y"] + card["height"] < 844
    assert panel.bounding_box()["y"] > card["y"]
    assert panel.get_attribute("open") is None

    panel.locator("summary").click()
    browser.select_option("#filter-theme", "budget-participatif")
    browser.locator("form.filters button[type=submit]").click()
    browser.wait_for_url(
        lambda url: "theme=budget-participatif" in url and url.endswith("#resultats")
    )
    assert browser.locator("details.filters-panel").get_attribute("open") == ""
    heading = browser.locator("#resultats").bounding_box()
    assert -2 < heading["y"] < 200  # scrolled to the results, not the top


def tabs_to_first_result(page):
    """Tab presses after following the skip link until a search result (its
    title link) has the focus."""
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    for presses in range(1, 30):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.search-result')"):
            return presses
    return None


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("size", [(390, 844), (1280, 900)])
def test_first_search_result_within_five_tab_presses(
    fiche,
    live_server,
    browser,
    lang,
    size,
):
    """With a filter on (its panel open), the keyboard still reaches the first
    result in at most five Tab presses after the skip link."""
    width, height = size
    browser.set_viewport_size({"width": width, "height": height})
    query = "budget" if lang == "fr" else "الميزانية"
    browser.goto(
        live_server.url + f"/{lang}/search/?q={query}&theme=budget-participatif"
    )
    assert browser.locator(".search-result").count() >= 1
    assert browser.evaluate(OVERFLOW) <= 0
    presses = tabs_to_first_result(browser)
    assert presses is not None and presses <= 5


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_focus_ring_is_the_sites_own(fiche, live_server, browser, lang):
    """A link reached with the keyboard shows a 3 px solid outline."""
    browser.goto(live_server.url + f"/{lang}/")
    browser.keyboard.press("Tab")  # skip link
    browser.keyboard.press("Tab")  # the brand
    outline = browser.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert outline == ["solid", "3px"]


def test_fiche_prints_without_the_site_chrome(fiche, live_server, browser):
    """On paper: no header, « Sur cette page », language links or footer; the
    fiche's sections remain."""
    browser.goto(live_server.url + FICHE.format(lang="fr"))
    assert browser.locator("nav.on-this-page").is_visible()
    browser.emulate_media(media="print")
    for hidden in [
        ".site-header",
        "nav.on-this-page",
        ".site-footer",
        ".other-language",
    ]:
        assert not browser.locator(hidden).first.is_visible(), hidden
    assert browser.locator("#acteurs").is_visible()
    assert browser.locator("h1").is_visible()


# The left edge of the first and of the last two characters of a link's text.
EDGES = """(link) => {
    const text = link.firstChild;
    const edge = (start) => {
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, start + 2);
        return range.getBoundingClientRect().x;
    };
    return [edge(0), edge(text.length - 2)];
}"""


def test_phone_number_digits_run_left_to_right_in_arabic(site, live_server, browser):  # noqa: F811
    """Without an isolate the bidi algorithm lays the digit groups of « 05 39
    00 00 00 » out right to left in an Arabic sentence: « 00 00 00 39 05 »
    (issue #14)."""
    practice = PracticePageFactory(title="Guichet social", commune="tanger")
    arabic = translate(practice, title="الشباك الاجتماعي")
    arabic.contacts = ARABIC_CONTACTS
    arabic.save_revision().publish()
    browser.goto(live_server.url + arabic.url)
    phone = browser.locator('#contacts a[href^="tel:"]')
    assert phone.inner_text() == PHONE
    first, last = phone.evaluate(EDGES)
    assert first < last  # « 05 » on the left, the last « 00 » on the right
