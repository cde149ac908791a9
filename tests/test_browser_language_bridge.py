"""Browser lane (issue #13): an agent filters the French practice list, switches
to Arabic and finds the same filters applied; the Arabic list tells of the
practice that exists in French only and leads back to it."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import PracticePageFactory, translate
from tests.test_browser import browser_page, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.usefixtures("site")
def test_switching_language_keeps_the_filters(live_server, browser_page):  # noqa: F811
    translated = PracticePageFactory(
        title="Budget des jeunes", commune="tanger", themes=["budget-participatif"]
    )
    translate(translated, title="ميزانية الشباب")
    PracticePageFactory(
        title="Budget des quartiers", commune="tanger", themes=["budget-participatif"]
    )
    PracticePageFactory(title="Égalité", themes=["egalite-femmes-hommes"])

    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto(live_server.url + "/fr/pratiques/")
    browser_page.locator("details.filters-panel summary").click()  # a phone: folded
    browser_page.select_option("select[name=theme]", "budget-participatif")
    browser_page.locator("form.filters [type=submit]").first.click()
    browser_page.wait_for_url("**theme=budget-participatif**")

    browser_page.locator(".language-switcher a[hreflang=ar]").click()
    browser_page.wait_for_url("**/ar/pratiques/**")
    query = parse_qs(urlsplit(browser_page.url).query)
    assert query["theme"] == ["budget-participatif"]
    assert browser_page.locator("select[name=theme]").input_value() == (
        "budget-participatif"
    )
    assert browser_page.locator("ul.cards h2, ul.cards h3").all_inner_texts() == [
        "ميزانية الشباب"
    ]
    hint = browser_page.locator(".other-language-hint a")
    assert hint.inner_text().strip() == "ممارسة أخرى متاحة بالفرنسية فقط"
    hint.click()
    browser_page.wait_for_url("**/fr/pratiques/**")
    assert parse_qs(urlsplit(browser_page.url).query)["theme"] == [
        "budget-participatif"
    ]
    overflow = browser_page.evaluate(
        "document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0
