"""Structured indicators (issue #15): the old free-text values are read as a
number and a unit — by the data migration (pages and every revision), the
importer and the block itself — and nothing that cannot be read is lost."""

import json
import re
from decimal import Decimal
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation
from wagtail.models import Revision

from practices.indicator_text import parse_indicator_value, structured_indicator
from practices.models import PracticePage
from programme.models import TargetPublic
from tests.factories import PracticePageFactory, translate

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


READ = [
    ("120", "120", ""),
    ("4 130", "4130", ""),
    ("4\u202f130", "4130", ""),
    ("45 %", "45", "%"),
    ("44 ٪", "44", "٪"),
    ("1,4 km", "1.4", "km"),
    ("1,2 million de dirhams", "1200000", "dirhams"),
    ("2,1 millions MAD", "2100000", "MAD"),
    ("320.000 درهم", "320000", "درهم"),
    ("1,2 مليون درهم", "1200000", "درهم"),
    ("3 أشهر", "3", "أشهر"),
    ("١٢٠", "120", ""),
]
KEPT = [
    "7 sur 9",
    "environ 640",
    "حوالي 640",
    "25 (13 filles, 12 garçons)",
    "509 / 412",
    "× 2,4",
    "+38 %",
    "12 % (41 % avant)",
    "23 من 58",
]


@pytest.mark.parametrize(("text", "value", "unit"), READ)
def test_a_number_and_its_unit_are_read(text, value, unit):
    assert parse_indicator_value(text) == (Decimal(value), unit)


@pytest.mark.parametrize("text", KEPT)
def test_what_is_not_a_number_and_a_unit_stays_whole_in_the_note(text):
    indicator = structured_indicator({"label": "L", "value": text})
    assert indicator["value"] is None and indicator["note"] == text


def test_the_old_form_becomes_the_structured_one():
    """Every key of the block, the number as Wagtail stores a decimal."""
    old = {"label": "Votants de 16 à 30 ans", "value": "4 130"}
    new = structured_indicator(old)
    block = PracticePage.indicators.field.stream_block.child_blocks["indicator"]
    assert set(new) == set(block.child_blocks)
    assert (new["label"], new["value"], new["unit"]) == (old["label"], "4130", "")
    assert not any(new[k] for k in ("baseline", "target", "year", "note"))


OLD_STREAM = [
    {"type": "indicator", "id": "a", "value": {"label": "Femmes", "value": "45 %"}},
    {"type": "indicator", "id": "b", "value": {"label": "Projets", "value": "7 sur 9"}},
]


def _store_old_indicators(page):
    """What the database held before the migration: the page's and its
    revisions' indicators in the old form."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE practices_practicepage SET indicators = %s WHERE page_ptr_id = %s",
            [json.dumps(OLD_STREAM), page.pk],
        )
    for revision in Revision.page_revisions.filter(object_id=str(page.pk)):
        revision.content["indicators"] = json.dumps(OLD_STREAM)
        revision.save(update_fields=["content"])


def _run_data_migration():
    executor = MigrationExecutor(connection)
    key = ("practices", "0002_structured_indicators")
    migration = executor.loader.get_migration(*key)
    apps = executor.loader.project_state(key, at_end=True).apps
    # The operation's own code, on this database (it alters no table: the
    # schema editor it is given goes unused, and SQLite refuses one inside the
    # test's transaction).
    migration.operations[-1].code(apps, None)


def test_the_migration_converts_pages_and_every_revision():
    page = PracticePageFactory(title="Ancienne fiche")
    page.save_revision()  # an older revision
    page.title = "Brouillon"
    page.save_revision()  # the latest, a draft
    _store_old_indicators(page)

    _run_data_migration()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indicators FROM practices_practicepage WHERE page_ptr_id = %s",
            [page.pk],
        )
        stored = json.loads(cursor.fetchone()[0])
    revisions = Revision.page_revisions.filter(object_id=str(page.pk))
    assert revisions.count() == 2
    for stream in [stored] + [json.loads(r.content["indicators"]) for r in revisions]:
        first, second = (block["value"] for block in stream)
        assert (first["value"], first["unit"], first["note"]) == ("45", "%", "")
        assert (second["value"], second["note"]) == (None, "7 sur 9")
    # The draft opens in the editor and reads as the structured form.
    draft = revisions.order_by("-pk").first().as_object()
    assert draft.indicators[0].value["value"] == Decimal(45)


def test_old_json_left_anywhere_is_read_in_the_new_form():
    """A revision or a translation source not migrated (or written before)
    still reads: the block converts the old form when it loads it."""
    page = PracticePageFactory()
    _store_old_indicators(page)
    page = PracticePage.objects.get(pk=page.pk)
    values = [dict(block.value) for block in page.indicators]
    assert values[0]["value"] == Decimal(45) and values[0]["unit"] == "%"
    assert values[1]["value"] is None and values[1]["note"] == "7 sur 9"


@pytest.fixture
def measured():
    return PracticePageFactory(
        title="Centre d'écoute",
        commune="tanger",
        indicators=[
            (
                "indicator",
                {
                    "label": "Femmes reçues",
                    "value": Decimal(1870),
                    "unit": "femmes",
                    "baseline": Decimal(400),
                    "target": Decimal(2000),
                    "year": 2023,
                    "target_public": "women",
                },
            ),
            ("indicator", {"label": "Réussite", "value": None, "note": "7 sur 9"}),
        ],
    )


def test_the_fiche_shows_value_unit_baseline_target_year_and_public(client, measured):
    page = soup(client.get(measured.url))
    first, second = page.select("div.indicator")
    dd = first.select_one("dd").get_text(" ", strip=True)
    assert dd.startswith("1\xa0870 femmes")
    for text in ("départ : 400", "objectif : 2\xa0000", "année : 2023", "Femmes"):
        assert text in dd
    assert second.select_one("dd").get_text(strip=True) == "7 sur 9"


def test_the_arabic_translation_names_the_arabic_public(client, measured):
    arabic = translate(measured, "ar", title="مركز الاستماع")
    with translation.override("ar"):
        page = soup(client.get(arabic.url))
    dd = page.select("div.indicator")[0].select_one("dd").get_text(" ", strip=True)
    assert "النساء" in dd and "Femmes" not in dd
    assert "1.870" in dd  # grouped as written in Morocco


def test_the_editor_refuses_an_indicator_with_neither_value_nor_note():
    from wagtail.blocks import StructBlockValidationError

    block = PracticePage.indicators.field.stream_block.child_blocks["indicator"]
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Femmes formées", "unit": "femmes"}))


def test_wagtail_localize_offers_the_texts_and_keeps_numbers_and_public(
    client, measured, django_capture_on_commit_callbacks
):
    """Translators get the label, unit and note to translate; the numbers and
    the public (a slug) are copied, and the Arabic page names the Arabic term."""
    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(measured)
    texts = set(
        StringSegment.objects.filter(source=source).values_list(
            "string__data", flat=True
        )
    )
    assert {"Femmes reçues", "femmes", "7 sur 9"} <= texts
    assert not {"women", "1870", "2023"} & texts
    with django_capture_on_commit_callbacks(execute=True):
        arabic, _created = source.create_or_update_translation(
            Locale.objects.get(language_code="ar"), publish=True, fallback=True
        )
    arabic = PracticePage.objects.get(pk=arabic.pk)
    first = arabic.indicators[0].value
    assert (first["value"], first["target_public"]) == (Decimal(1870), "women")
    with translation.override("ar"):
        page = soup(client.get(arabic.url))
    assert "النساء" in page.select("div.indicator")[0].get_text()


def test_the_editor_opens_a_fiche_with_structured_indicators(admin_client, measured):
    from django.urls import reverse

    with translation.override("fr"):
        response = admin_client.get(
            reverse("wagtailadmin_pages:edit", args=(measured.pk,))
        )
    assert response.status_code == 200
    # The blocks' definitions are JSON in an attribute (\u00e9 for é).
    html = re.sub(
        r"\\u([0-9a-f]{4})",
        lambda m: chr(int(m[1], 16)),
        unescape(response.content.decode()),
    )
    for label in ("Valeur de départ", "Objectif", "Unité", "Personnes à besoins"):
        assert label in html, label


STRUCTURED = {
    "label": "Femmes formées",
    "value": 120,
    "unit": "femmes",
    "baseline": 40,
    "target": 150.5,
    "year": 2023,
    "target_public": "Femmes",  # a name or a slug, as every term of a record
    "note": "deux sessions",
}


def test_the_importer_takes_both_forms_and_the_exporter_writes_the_structured_one(
    tmp_path,
):
    from tests.import_helpers import export_file, import_file, practice, write_jsonl

    old = {"label": "Votants", "value": "4 130"}
    kept = {"label": "Projets", "value": "7 sur 9"}
    import_file(write_jsonl(tmp_path, [practice(indicators=[STRUCTURED, old, kept])]))
    page = PracticePage.objects.get(ref="p1")
    first, second, third = (dict(block.value) for block in page.indicators)
    assert first["target"] == Decimal("150.5") and first["target_public"] == "women"
    assert (second["value"], second["note"]) == (Decimal(4130), "")
    assert (third["value"], third["note"]) == (None, "7 sur 9")
    export_file(tmp_path / "out/export.jsonl")
    [record] = [
        json.loads(line)
        for line in (tmp_path / "out/export.jsonl").read_text().splitlines()
    ]
    assert record["indicators"] == [
        {**STRUCTURED, "target_public": "women"},
        {"label": "Votants", "value": 4130},
        {"label": "Projets", "note": "7 sur 9"},
    ]


@pytest.mark.parametrize(
    ("indicator", "words"),
    [
        ({"label": "L", "value": "beaucoup", "unit": "x"}, "nombre attendu"),
        ({"label": "L", "value": 3, "year": 1789}, "1789"),
        ({"label": "L", "value": 3, "target_public": "touristes"}, "touristes"),
        ({"label": "L", "value": 3, "colour": "bleu"}, "colour"),
        ({"label": "L", "unit": "%"}, "value"),
    ],
)
def test_the_importer_reports_a_bad_structured_indicator(tmp_path, indicator, words):
    from tests.import_helpers import import_failing, practice, write_jsonl

    stderr, _message = import_failing(
        write_jsonl(tmp_path, [practice(indicators=[indicator])])
    )
    assert "indicators" in stderr and words in stderr, stderr
    assert not PracticePage.objects.filter(ref="p1").exists()


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("fr", Decimal("1200000"), "1\xa0200\xa0000"),
        ("ar", Decimal("1200000"), "1.200.000"),
        ("fr", Decimal("1.4"), "1,4"),
        ("ar", Decimal("6.3"), "6,3"),
        ("fr", "Infinity", "Infinity"),
        ("fr", "texte", "texte"),
    ],
)
def test_numbers_are_written_as_the_language_writes_them(language, value, shown):
    from hub.templatetags.hub_tags import number

    with translation.override(language):
        assert number(value) == shown


def test_the_editor_offers_the_publics_in_the_page_language(admin_user, measured):
    """On the Arabic fiche, the indicator's public is chosen among the Arabic
    terms, whatever the editor's interface language; the shared block is left
    as it was (other forms, other threads)."""
    arabic = translate(measured, "ar", title="مركز الاستماع")

    def choices(block):
        target = block.child_blocks["indicator"].child_blocks["target_public"]
        return {label for value, label in target.field.choices if value}

    with translation.override("fr"):
        form_class = arabic.get_edit_handler().get_form_class()
        form = form_class(instance=arabic, for_user=admin_user)
        assert choices(form.fields["indicators"].block) == set(
            TargetPublic.objects.filter(locale=arabic.locale).values_list(
                "name", flat=True
            )
        )
        assert "Femmes" in choices(PracticePage.indicators.field.stream_block)
