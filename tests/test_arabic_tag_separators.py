"""Tags typed with the Arabic comma « ، » or semicolon « ؛ », as the share form's
own Arabic example shows, are separate tags wherever tags are read from text:
the share form, the admin's tag field and the importer (issue #14, bug 1)."""

import pytest
from taggit.utils import parse_tags

from practices.models import PracticePage
from tests.import_helpers import import_file, practice, write_jsonl
from tests.test_admin import practice_data, publish, tanger_section
from tests.test_share_form import (  # noqa: F401 (fixtures)
    created,
    editor,
    editor_client,
    filled,
    isolated_media_root,
)

pytestmark = pytest.mark.django_db

TYPED = "الميزانية التشاركية، الشباب"
EXPECTED = ["الشباب", "الميزانية التشاركية"]


def names(page):
    return sorted(tag.name for tag in page.tags.all())


@pytest.mark.parametrize(
    "typed",
    [TYPED, "الميزانية التشاركية ، الشباب", "الميزانية التشاركية؛ الشباب"],
)
def test_taggit_parser_splits_on_arabic_separators(typed):
    assert sorted(parse_tags(typed)) == EXPECTED


def test_latin_commas_and_quotes_still_work():
    assert sorted(parse_tags('écoute, "budget, participatif"، الشباب')) == [
        "budget, participatif",
        "écoute",
        "الشباب",
    ]
    assert parse_tags("") == []


def test_share_form_splits_on_the_arabic_comma(editor_client):  # noqa: F811
    page = created(editor_client, filled(tags=TYPED))
    assert names(page.get_latest_revision_as_object()) == EXPECTED


def test_admin_splits_on_the_arabic_comma(admin_client):
    data = {**practice_data("ar"), "tags": TYPED}
    page = publish(admin_client, PracticePage, tanger_section("ar"), data)
    assert names(page) == EXPECTED


def test_importer_splits_on_the_arabic_comma(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    import_file(write_jsonl(tmp_path, [practice(tags=[TYPED, "écoute؛ budget"])]))
    page = PracticePage.objects.get()
    assert names(page) == sorted(["budget", "écoute", *EXPECTED])
