"""What must hold on the demo content (``load_demo``): the results dashboard
matches the seed (issue #15), and the demo — as loaded, then with private
content and every block — survives export → import into an empty site → export
(issue #9, item 11).

Loading the demo takes about 15 s, so it is loaded once for the module, in a
transaction rolled back when the module is done, instead of once per test; each
test runs in its own savepoint, so what one does (the round trips empty the hub)
is undone before the next. One xdist group: a single worker loads it.
(tests/test_search_ranking.py loads it too; it runs in the engine lanes alone.)
"""

import json
from collections import Counter, defaultdict
from io import StringIO

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from wagtail.models import CollectionViewRestriction

from documents.models import HubImage
from practices.blocks import narrative_blocks
from practices.models import PracticePage, TemplatePage
from programme.models import Commune, TargetPublic
from tests.test_export import (
    DEMO_FILE,
    STEP,
    add_private_content_and_every_block,
    exported,
    round_trip,
)
from tests.test_results import PUBLICS, as_rows, dashboard, name

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_content")]


@pytest.fixture(scope="module")
def demo_media(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once (its files in this module's MEDIA_ROOT)."""
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            call_command("load_demo", stdout=StringIO())
            yield media
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def on_the_demo(demo_media, settings):
    settings.MEDIA_ROOT = demo_media
    cache.clear()  # no page or figure cached by an earlier test


def demo_records():
    return [
        json.loads(line) for line in DEMO_FILE.read_text().splitlines() if line.strip()
    ]


def test_the_demo_dashboard_matches_the_seed(client):
    """From the demo as `make run` loads it: every commune's participants per
    public are the sums of its practices in practices/demo/practices.jsonl
    (each practice once, whatever its languages), and the 2026 objective
    counts its communes."""
    records = demo_records()
    originals = [
        r for r in records if r["type"] == "practice" and "translation_of" not in r
    ]
    assert all(r.get("visibility", "public") == "public" for r in originals)
    expected = defaultdict(Counter)
    for r in originals:
        expected[name(Commune, r["commune"])].update(r["participants"])
    rows = dashboard(client)["participants-commune"]["rows"]
    assert rows == as_rows(expected, str)
    reached = {
        public: {r["commune"] for r in originals if r["participants"].get(public)}
        for public in PUBLICS
    }
    assert dashboard(client)["objectif-2026"]["rows"] == {
        name(TargetPublic, p): [len(reached[p]), 10] for p in PUBLICS
    }


def test_export_of_the_demo_data_round_trips(tmp_path):
    """The demo content (loaded through the importer) survives export → import
    into an empty site → export, byte for byte."""
    first, second = round_trip(tmp_path)
    assert first == second
    assert len(first["export.jsonl"].splitlines()) == len(demo_records())


def test_demo_with_private_content_and_every_block_round_trips(tmp_path, client):
    """The demo plus private pages, a partners-only document and image and a
    body with every block type: export → import into an empty site → export
    gives the same bytes; every page, attachment and image says who may see
    it; after the import the private ones are private again."""
    add_private_content_and_every_block()
    first, second = round_trip(tmp_path)
    assert first == second
    records = {r["ref"]: r for r in exported(tmp_path / "a/export.jsonl")}
    assert len(records) == len(demo_records())
    assert records["tanger-budget-participatif-jeunes"]["visibility"] == "partners"
    assert records["tanger-guichet-orientation-migrants-ar"]["visibility"] == {
        "groups": ["editor:tanger", "reviewer:tanger"]
    }
    assert records["tanger-guichet-orientation-migrants"]["visibility"] == "public"
    assert records["figuig-tisserandes-diaspora"]["visibility"] == "login"
    assert records["tiznit-centre-ecoute-femmes"]["visibility"] == {
        "groups": ["partners"]
    }
    attachment = records["modele-fiche-projet"]["attachments"][0]
    assert attachment["visibility"] == "partners"
    body = records["chefchaouen-conseil-jeunes"]["body"]
    assert {b["type"] for b in body} == {name for name, _b in narrative_blocks()}
    assert body[2] == {
        "type": "step",
        "value": STEP,
    }
    assert body[4] == {
        "type": "testimony",
        "value": {"quote": "« Enfin écoutés »", "author": "Fatima, 19 ans"},
    }
    assert body[6]["value"] == {
        "path": "images/chefchaouen-conseil-jeunes-1.jpg",
        "title": "Vote public",
        "description": "Urne et bulletins",
        "visibility": "public",
        "alt_text": "Vote",
    }
    assert body[7]["value"]["visibility"] == "partners"
    assert body[7]["value"]["decorative"] is True
    assert "images/chefchaouen-conseil-jeunes-2.jpg" in first
    sessions = records["formation-accessibilite-universelle"]["sessions"]
    assert sessions[-1] == {"note": "Pause déjeuner"}

    # Imported into the empty site, private is private again.
    page = PracticePage.objects.get(ref="tanger-budget-participatif-jeunes")
    assert client.get(page.url).status_code == 302  # to the login page
    template = TemplatePage.objects.get(ref="modele-fiche-projet")
    document = template.attachments.first().document
    assert CollectionViewRestriction.objects.filter(
        collection__in=document.collection.get_ancestors(inclusive=True)
    ).exists()
    image = HubImage.objects.get(title="Atelier")
    assert image.collection.get_view_restrictions().exists()
    assert HubImage.objects.get(title="Vote public").collection.is_root()
