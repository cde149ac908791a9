"""RSS and Atom feeds (issue #16, item 1): per language, narrowed like the lists,
public live content only, parsed by a well-kept feed parser."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import PageViewRestriction

from practices.models import PracticeIndexPage
from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    translate,
)
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db


def read(url, status=200):
    response = Client().get(url)
    assert response.status_code == status, url
    if status != 200:
        return response
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.fixture
def content():
    participation = PracticePageFactory(
        title="Conseil des jeunes",
        summary="Les jeunes siègent au conseil.",
        commune="tanger",
        themes=["participation-citoyenne"],
        target_publics=["youth"],
    )
    translate(participation, title="مجلس الشباب")
    other = PracticePageFactory(
        title="Accueil des migrants", commune="tiznit", themes=["accueil-migrants"]
    )
    private = PracticePageFactory(
        title="Budget réservé", commune="tanger", themes=["participation-citoyenne"]
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([role_group("partners")])
    draft = PracticePageFactory(
        title="Brouillon", commune="tanger", themes=["participation-citoyenne"]
    )
    draft.unpublish()
    template = TemplatePageFactory(
        title="Modèle de convention", themes=["participation-citoyenne"]
    )
    training = TrainingPageFactory(title="Animer un conseil")
    return locals()


def titles(feed):
    return {entry.title for entry in feed.entries}


def test_rss_lists_the_live_public_content_of_the_language(content):
    feed = read("/fr/flux/rss/")
    assert feed.version == "rss20"
    assert titles(feed) == {
        "Conseil des jeunes",
        "Accueil des migrants",
        "Modèle de convention",
        "Animer un conseil",
    }
    entry = next(e for e in feed.entries if e.title == "Conseil des jeunes")
    assert entry.link == content["participation"].full_url
    assert entry.id == content["participation"].full_url
    assert entry.summary == "Les jeunes siègent au conseil."
    assert entry.published_parsed
    assert {tag.term for tag in entry.tags} >= {"Participation citoyenne"}
    assert titles(read("/ar/flux/rss/")) == {"مجلس الشباب"}


def test_atom_has_the_required_elements(content):
    feed = read("/fr/flux/atom/?theme=participation-citoyenne")
    assert feed.version == "atom10"
    assert feed.feed.title.startswith("Passerelle")
    assert feed.feed.id and feed.feed.updated_parsed
    assert feed.feed.author == "Passerelle"  # required unless every entry has one
    assert any(link.rel == "self" for link in feed.feed.links)
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated_parsed and entry.link


def test_filters_narrow_like_the_lists(content):
    theme = read("/fr/flux/rss/?theme=participation-citoyenne")
    assert titles(theme) == {"Conseil des jeunes", "Modèle de convention"}
    assert "Participation citoyenne" in theme.feed.title
    practices = read("/fr/flux/rss/?type=practice&theme=participation-citoyenne")
    assert titles(practices) == {"Conseil des jeunes"}
    assert titles(read("/fr/flux/rss/?commune=tiznit")) == {"Accueil des migrants"}
    assert titles(read("/fr/flux/rss/?public=youth")) == {"Conseil des jeunes"}
    region = "/fr/flux/rss/?region=souss-massa"
    assert titles(read(region)) == {"Accueil des migrants"}


@pytest.mark.parametrize(
    "query",
    ["type=poeme", "theme=inconnu", "commune=molenbeek-saint-jean", "kind=x"],
)
def test_an_unknown_filter_is_not_found(content, query):
    read(f"/fr/flux/rss/?{query}", status=404)


def test_nothing_private_whoever_asks(content, django_user_model):
    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(role_group("partners"))
    client = Client()
    client.force_login(member)
    feed = feedparser.parse(client.get("/fr/flux/rss/").content)
    assert "Budget réservé" not in titles(feed)
    assert "Brouillon" not in titles(feed)


def feed_link(url, kind="application/rss+xml"):
    soup = BeautifulSoup(Client().get(url).content, "html.parser")
    links = soup.head.find_all("link", rel="alternate", type=kind)
    assert len(links) == 1, url
    return links[0]["href"]


def test_lists_link_the_feed_that_mirrors_them(content):
    index = PracticeIndexPage.objects.get(locale__language_code="fr")
    href = feed_link(index.url + "?theme=participation-citoyenne&sort=recent")
    assert href == "/fr/flux/rss/?type=practice&theme=participation-citoyenne"
    assert titles(read(href)) == {"Conseil des jeunes"}
    atom = feed_link(index.url, "application/atom+xml")
    assert atom == "/fr/flux/atom/?type=practice"
    assert feed_link("/fr/") == "/fr/flux/rss/"
    commune = feed_link(index.url + "commune/tiznit/")
    assert commune == "/fr/flux/rss/?type=practice&commune=tiznit"
    assert titles(read(commune)) == {"Accueil des migrants"}
    arabic = PracticeIndexPage.objects.get(locale__language_code="ar")
    assert feed_link(arabic.url) == "/ar/flux/rss/?type=practice"


def test_queries_do_not_grow_with_the_items(content, django_assert_max_num_queries):
    """The locale, the site (for full URLs), and per type the pages with their
    communes or kinds, their themes and their publics: 11 for the three types,
    whatever the number of items."""
    PracticePageFactory.create_batch(
        8,
        commune="tanger",
        themes=["participation-citoyenne"],
        target_publics=["women"],
    )
    with django_assert_max_num_queries(11):
        read("/fr/flux/rss/")
