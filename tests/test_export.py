"""export_practices writes the import format: export → import into an empty
site → export gives the same bytes, attachments included — and with them who
may see each page, attachment and image, and the body's blocks as blocks
(issue #9, item 11)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    Locale,
    PageViewRestriction,
)
from wagtail.rich_text import RichText

from documents.models import HubDocument, HubImage
from hub import keys
from practices.content_types import index_page
from practices.models import PracticePage, TemplatePage, TrainingPage
from practices.publishing.roles import PARTNERS_KEY
from tests.factories import HubImageFactory
from tests.import_helpers import (
    export_file,
    hub_pages,
    import_failing,
    import_file,
    practice,
    snapshot,
    write_jsonl,
    write_rich_file,
)
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db

DEMO_FILE = Path(__file__).resolve().parents[1] / "practices/demo/practices.jsonl"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def empty_the_hub():
    """Delete every fiche, document and image, as in a site that has only its
    skeleton (sections, groups, collections)."""
    for page in hub_pages():
        page.delete()
    HubDocument.objects.all().delete()
    HubImage.objects.all().delete()


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
    assert "7 fiches exportées" in out
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
            "visibility": "public",
        },
        {
            "path": "attachments/convention-2.pdf",
            "title": "Guide",
            "language": "fr-ar",
            "visibility": "public",
        },
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
            "visibility": "public",
            "status": "completed",
        }
    ]


def test_headings_from_the_admin_are_blocks_and_round_trip(tmp_path):
    """A heading block typed in the admin is exported as a heading block (its
    plain text, nothing escaped twice), stable across a round trip."""
    import_file(write_jsonl(tmp_path, [practice()]))
    page = PracticePage.objects.get(ref="p1")
    page.body = [("heading", "Coûts & recettes"), ("paragraph", RichText("<p>x</p>"))]
    page.save_revision().publish()
    first, second = round_trip(tmp_path)
    assert first == second
    assert exported(tmp_path / "a/export.jsonl")[0]["body"] == [
        {"type": "heading", "value": "Coûts & recettes"},
        {"type": "paragraph", "value": "<p>x</p>"},
    ]


def test_line_separators_inside_text_survive(tmp_path):
    """U+2028 and U+0085 inside a text are not line breaks of the format."""
    summary = "Avant\u2028après\x85fin"
    import_file(write_jsonl(tmp_path, [practice(summary=summary)]))
    assert PracticePage.objects.get(ref="p1").summary == summary
    first, second = round_trip(tmp_path)
    assert first == second


# Privacy and blocks (issue #9, item 11) -----------------------------------------


def restrict(page, kind, groups=()):
    """What the admin's « Confidentialité » dialog does."""
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)


def programme_groups():
    """The groups of the « réservé aux partenaires » collections."""
    private = keys.get(Collection, PARTNERS_KEY)
    return list(private.get_view_restrictions().get().groups.all())


def commune_private_collection(slug="tanger"):
    """« Tanger — réservé aux partenaires » (ensure_roles), found by its
    restriction under the commune's collection, not by name."""
    return next(
        c
        for c in Collection.objects.filter(depth=3)
        if c.get_parent().name.lower() == slug and c.get_view_restrictions()
    )


STEP = {"title": "Atelier", "period": "mars 2022", "description": "Long\ntexte"}


def every_block(private_image, public_image):
    return [
        ("heading", "Étape 1 : diagnostic"),
        ("paragraph", RichText("<p>Un <strong>vrai</strong> texte.</p>")),
        ("step", STEP),
        ("step", {"title": "Vote", "period": "", "description": ""}),
        ("testimony", {"quote": "« Enfin écoutés »", "author": "Fatima, 19 ans"}),
        ("testimony", {"quote": "Sans auteur", "author": ""}),
        ("image", {"image": public_image, "decorative": False, "alt_text": "Vote"}),
        ("image", {"image": private_image, "decorative": True, "alt_text": ""}),
    ]


def add_private_content_and_every_block():
    """On the demo: pages that are partners-only, group-restricted, login-only
    and restricted to one group; a document and an image in partners-only
    collections; a body with every block type; a training with a note."""
    from practices.importers.visibility import GroupKeys  # the format's own keys

    keys = GroupKeys()
    groups = {key: Group.objects.get(pk=pk) for key, pk in keys.id_of.items()}
    pages = {p.ref: p for p in PracticePage.objects.all()}
    restrict(
        pages["tanger-budget-participatif-jeunes"],
        BaseViewRestriction.GROUPS,
        programme_groups(),
    )
    restrict(
        pages["tanger-guichet-orientation-migrants-ar"],
        BaseViewRestriction.GROUPS,
        [groups["editor:tanger"], groups["reviewer:tanger"]],
    )
    restrict(pages["figuig-tisserandes-diaspora"], BaseViewRestriction.LOGIN)
    restrict(
        pages["tiznit-centre-ecoute-femmes"],
        BaseViewRestriction.GROUPS,
        [groups["partners"]],
    )
    template = TemplatePage.objects.get(ref="modele-fiche-projet")
    document = template.attachments.first().document
    document.collection = commune_private_collection()
    document.save()

    private_image = HubImageFactory(
        title="Atelier", collection=commune_private_collection("figuig")
    )
    public_image = HubImageFactory(title="Vote public", description="Urne et bulletins")
    page = pages["chefchaouen-conseil-jeunes"]
    page.body = every_block(private_image, public_image)
    page.save_revision().publish()

    training = TrainingPage.objects.get(ref="formation-accessibilite-universelle")
    sessions = [(block.block_type, block.value) for block in training.sessions]
    training.sessions = [*sessions, ("note", "Pause déjeuner")]
    training.save_revision().publish()


def test_a_password_is_never_exported_and_such_a_file_is_refused(tmp_path):
    """A page behind a shared password is exported as "password", without the
    password; importing that file is refused at that line, nothing written."""
    import_file(write_jsonl(tmp_path, [practice(), practice("p2")]))
    page = PracticePage.objects.get(ref="p2")
    PageViewRestriction.objects.create(
        page=page, restriction_type=BaseViewRestriction.PASSWORD, password="s3cret-42"
    )
    export_file(tmp_path / "out/export.jsonl")
    text = (tmp_path / "out/export.jsonl").read_text()
    assert "s3cret-42" not in text
    assert exported(tmp_path / "out/export.jsonl")[1]["visibility"] == "password"
    empty_the_hub()
    before = snapshot()
    stderr, message = import_failing(tmp_path / "out/export.jsonl")
    assert "ligne 2, champ « visibility »" in stderr
    assert "mot de passe n'est jamais exporté" in stderr
    assert "rien n'a été importé" in message
    assert snapshot() == before


def test_a_group_without_a_stable_key_is_left_out_and_named(tmp_path):
    """A group made in the admin has no key: the page is exported for the
    programme's groups it names only (fewer viewers, never more), and the
    export says so."""
    import_file(write_jsonl(tmp_path, [practice()]))
    page = PracticePage.objects.get(ref="p1")
    ad_hoc = Group.objects.create(name="Comité de pilotage")
    partners = role_group("partners")
    restrict(page, BaseViewRestriction.GROUPS, [ad_hoc, partners])
    out = StringIO()
    err = StringIO()
    call_command("export_practices", str(tmp_path / "e.jsonl"), stdout=out, stderr=err)
    assert exported(tmp_path / "e.jsonl")[0]["visibility"] == {"groups": ["partners"]}
    assert "« Comité de pilotage »" in err.getvalue()


def test_restriction_of_a_section_is_exported_on_its_pages(tmp_path):
    """A page private through its commune section is exported as private: in an
    empty site the section would not be."""
    from practices.publishing.sections import section_for

    import_file(write_jsonl(tmp_path, [practice(commune="figuig")]))
    page = PracticePage.objects.get(ref="p1")
    restrict(section_for(page.commune, page.locale), BaseViewRestriction.LOGIN)
    export_file(tmp_path / "e.jsonl")
    assert exported(tmp_path / "e.jsonl")[0]["visibility"] == "login"
