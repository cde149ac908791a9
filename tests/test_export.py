"""export_practices writes the import format: export → import into an empty
site → export gives the same bytes, attachments included."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail.rich_text import RichText

from practices.models import HubDocument, PracticePage
from practices.site_structure import index_page
from tests.import_helpers import (
    export_file,
    hub_pages,
    import_file,
    practice,
    write_jsonl,
    write_rich_file,
)

pytestmark = pytest.mark.django_db

DEMO_FILE = Path(__file__).resolve().parents[1] / "practices/demo/practices.jsonl"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def empty_the_hub():
    """Delete every fiche and document, as in a site that has only its skeleton."""
    for page in hub_pages():
        page.delete()
    HubDocument.objects.all().delete()


def tree(directory):
    """Relative path → bytes of every file under ``directory``."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(Path(directory).rglob("*"))
        if p.is_file()
    }


def round_trip(tmp_path):
    """Export A, empty the hub, import A, export B; returns both folders."""
    export_file(tmp_path / "a/export.jsonl")
    empty_the_hub()
    import_file(tmp_path / "a/export.jsonl")
    export_file(tmp_path / "b/export.jsonl")
    return tree(tmp_path / "a"), tree(tmp_path / "b")


def exported(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines()]


def test_round_trip_gives_identical_bytes(tmp_path):
    """Originals in both languages, translations both ways and attachments come
    back byte for byte."""
    import_file(write_rich_file(tmp_path / "source"))
    first, second = round_trip(tmp_path)
    assert first == second
    assert "attachments/convention-1.docx" in first
    source = tmp_path / "source/files/convention.docx"
    assert first["attachments/convention-1.docx"] == source.read_bytes()


def test_round_trip_keeps_translation_links(tmp_path):
    """After the round trip the Arabic page is again a translation of its source."""
    import_file(write_rich_file(tmp_path / "source"))
    round_trip(tmp_path)
    source = PracticePage.objects.get(ref="budget-tanger")
    arabic = PracticePage.objects.get(ref="budget-tanger-ar")
    assert arabic.translation_key == source.translation_key
    assert arabic.locale.language_code == "ar"


def test_export_order_originals_then_translations(tmp_path):
    """Originals come first, then translations, each by type and ref, so that an
    import always meets a source before its translations."""
    import_file(write_rich_file(tmp_path / "source"))
    export_file(tmp_path / "export.jsonl")
    refs = [
        (r["ref"], r.get("translation_of")) for r in exported(tmp_path / "export.jsonl")
    ]
    assert refs == [
        ("budget-tanger", None),
        ("tiznit-femmes", None),
        ("convention", None),
        ("formation-budget", None),
        ("budget-tanger-ar", "budget-tanger"),
        ("tiznit-femmes-fr", "tiznit-femmes"),
        ("convention-ar", "convention"),
    ]


def test_export_twice_gives_the_same_file(tmp_path):
    """Two exports of the same site are identical (no dates, no random order)."""
    import_file(write_rich_file(tmp_path / "source"))
    export_file(tmp_path / "one/export.jsonl")
    export_file(tmp_path / "two/export.jsonl")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_export_lines_are_readable_records(tmp_path):
    """Each line is one record, Arabic written as is, keys in the format's order,
    inherited values written out on translations."""
    import_file(write_rich_file(tmp_path / "source"))
    out = export_file(tmp_path / "export.jsonl")
    assert "7 fiche(s) exportée(s)" in out
    text = (tmp_path / "export.jsonl").read_text(encoding="utf-8")
    assert "الميزانية التشاركية للأحياء" in text and "\\u06" not in text
    records = exported(tmp_path / "export.jsonl")
    arabic = next(r for r in records if r["ref"] == "budget-tanger-ar")
    assert list(arabic)[:5] == ["ref", "type", "language", "translation_of", "title"]
    assert arabic["commune"] == "tanger" and arabic["year"] == 2022


def test_export_copies_attachments_beside_the_file(tmp_path):
    """Attachments land in attachments/ next to the export, named by ref."""
    import_file(write_rich_file(tmp_path / "source"))
    export_file(tmp_path / "out/export.jsonl")
    template = next(
        r for r in exported(tmp_path / "out/export.jsonl") if r["ref"] == "convention"
    )
    assert template["attachments"] == [
        {
            "path": "attachments/convention-1.docx",
            "title": "Convention (Word)",
            "language": "fr",
        },
        {"path": "attachments/convention-2.pdf", "title": "Guide", "language": "fr-ar"},
    ]
    copied = tmp_path / "out/attachments/convention-2.pdf"
    assert copied.read_bytes() == (tmp_path / "source/files/guide.pdf").read_bytes()


def test_unpublished_pages_are_not_exported(tmp_path):
    """Only live pages are exported; a translation whose original is not is
    written as an original, which it becomes when imported."""
    import_file(write_rich_file(tmp_path / "source"))
    PracticePage.objects.get(ref="budget-tanger").unpublish()
    export_file(tmp_path / "export.jsonl")
    records = {r["ref"]: r for r in exported(tmp_path / "export.jsonl")}
    assert "budget-tanger" not in records
    assert "translation_of" not in records["budget-tanger-ar"]
    assert list(records).index("budget-tanger-ar") < list(records).index(
        "tiznit-femmes-fr"
    )


def test_page_made_in_the_admin_is_exported_with_its_own_ref(tmp_path):
    """A fiche created in the admin has a generated ref and is exported too."""
    parent = index_page("practice", Locale.objects.get(language_code="fr"))
    page = parent.add_child(instance=PracticePage(title="Écrite à la main"))
    page.save_revision().publish()
    export_file(tmp_path / "export.jsonl")
    assert exported(tmp_path / "export.jsonl") == [
        {
            "ref": page.ref,
            "type": "practice",
            "language": "fr",
            "title": "Écrite à la main",
            "status": "completed",
        }
    ]


def test_headings_from_the_admin_are_escaped_and_round_trip(tmp_path):
    """A heading block typed in the admin is exported as escaped HTML, stable
    across a round trip."""
    import_file(write_jsonl(tmp_path, [practice()]))
    page = PracticePage.objects.get(ref="p1")
    page.body = [("heading", "Coûts & recettes"), ("paragraph", RichText("<p>x</p>"))]
    page.save_revision().publish()
    first, second = round_trip(tmp_path)
    assert first == second
    assert (
        '"body": "<h3>Coûts &amp; recettes</h3><p>x</p>"'
        in first["export.jsonl"].decode()
    )


def test_line_separators_inside_text_survive(tmp_path):
    """U+2028 and U+0085 inside a text are not line breaks of the format."""
    summary = "Avant\u2028après\x85fin"
    import_file(write_jsonl(tmp_path, [practice(summary=summary)]))
    assert PracticePage.objects.get(ref="p1").summary == summary
    first, second = round_trip(tmp_path)
    assert first == second


def test_export_of_the_demo_data_round_trips(tmp_path):
    """The demo content (loaded through the importer) survives export → import
    into an empty site → export, byte for byte."""
    if not DEMO_FILE.exists():
        pytest.skip("practices/demo/practices.jsonl is not written yet")
    call_command("load_demo", "--no-users", stdout=StringIO())
    first, second = round_trip(tmp_path)
    assert first == second
    assert len(first["export.jsonl"].splitlines()) == len(
        [line for line in DEMO_FILE.read_text().splitlines() if line.strip()]
    )
