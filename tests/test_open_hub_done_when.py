"""Issue #16's « Done when », as one story: a new practice published in French
on the theme « Participation citoyenne » appears in the theme's feed, in the
sitemap (with its Arabic alternate once translated), in the open-data CSV, in
/api/v2/pages/ and in the next digest of a member who follows the theme; its
PDF opens with the right script and direction. Each part has its own tests
(test_feeds, test_sitemap, test_open_data, test_read_api, test_alerts,
test_fiche_pdf); this one checks they meet on the same publication."""

import feedparser
import pytest
from django.test import Client

from practices.fiche_pdf import stored
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)
from tests.test_alerts import digests, follow, logged_in, member
from tests.test_fiche_pdf import downloaded, text_and_fonts
from tests.test_open_data import read_csv
from tests.test_sitemap import read_sitemap

pytestmark = pytest.mark.django_db

THEME = "participation-citoyenne"
TITLE = "Comité citoyen de quartier"
ARABIC_TITLE = "لجنة المواطنين في الحي"


def test_a_new_practice_on_a_followed_theme_travels_everywhere(django_user_model):
    agent = member(django_user_model, "amina")
    follow(logged_in(agent), "theme", THEME)

    page = PracticePageFactory(title=TITLE, commune="figuig", themes=[THEME])
    page.save_revision().publish()  # as the admin publishes it
    page.refresh_from_db()
    client = Client()

    feed = feedparser.parse(client.get(f"/fr/flux/rss/?theme={THEME}").content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == [TITLE]

    assert page.full_url in read_sitemap()
    arabic = translate(page, title=ARABIC_TITLE)
    assert read_sitemap()[page.full_url] == {
        "fr": page.full_url,
        "ar": arabic.full_url,
        "x-default": page.full_url,
    }

    rows = {row["title"]: row for row in read_csv("/fr/donnees/pratiques.csv")}
    assert rows[TITLE]["themes"] == THEME
    assert rows[TITLE]["url"] == page.full_url

    listed = client.get("/api/v2/pages/?type=practices.PracticePage&locale=fr").json()
    assert TITLE in [item["title"] for item in listed["items"]]

    digest = digests()["amina@example.org"]
    assert TITLE in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    try:
        text, fonts = text_and_fonts(downloaded(client.get(arabic.url + "pdf/")))
        assert ARABIC_TITLE in text  # logical order: the title as typed
        assert fonts
        assert TITLE in text_and_fonts(downloaded(client.get(page.url + "pdf/")))[0]
    finally:
        for built in (page, arabic):  # the S3 lane's bucket keeps nothing
            stored.delete_all_but(built.pk)
