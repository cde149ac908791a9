"""import_practices on valid files: pages live at their URLs, translations linked,
terms and tags resolved however the editor names them."""

import pytest
from wagtail.models import Locale

from documents.models import HubDocument
from practices.models import PracticePage, TemplatePage, TrainingPage
from programme.models import Commune, Region, Theme
from tests.import_helpers import (
    ARABIC_TRANSLATION,
    FULL_PRACTICE,
    hub_pages,
    import_file,
    make_pdf,
    make_png,
    media_files,
    practice,
    rich_records,
    snapshot,
    write_jsonl,
    write_rich_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def test_practice_with_every_field_is_live_and_shows_its_text(client, tmp_path):
    """A complete fiche is published at /fr/pratiques/<ref>/ with every section."""
    import_file(write_jsonl(tmp_path, [FULL_PRACTICE]))
    page = PracticePage.objects.get(ref="budget-tanger")
    assert page.live and page.url == "/fr/pratiques/tanger/budget-tanger/"
    html = html_of(client, page)
    for text in (
        "Budget participatif des quartiers",
        "<p>Première réunion publique.</p>",
        "Peu de confiance",
        "Service des finances",
        "Association Al Amal",
        "Wilaya de Tanger",
        "Douze projets financés",
        "Projets votés",
        "Voter le samedi",
        "Une ligne budgétaire dédiée",
        "finances@tanger.ma",
        "Tanger",
        "Tanger-Tétouan-Al Hoceïma",  # region taken from the commune
        "Budget participatif",
        "Femmes",
        "Jeunes",
        "quartiers",
        "2022",
    ):
        assert text in html, text
    assert page.funding_total == 200000
    assert page.partnership.slug == "molenbeek-tanger"


def test_html_body_is_kept_as_html(client, tmp_path):
    """A body that is already HTML is not escaped nor re-wrapped."""
    record = practice(body="<p>Un <strong>grand</strong> succès</p>")
    import_file(write_jsonl(tmp_path, [record]))
    html = html_of(client, PracticePage.objects.get(ref="p1"))
    assert "Un <strong>grand</strong> succès" in html


def test_plain_text_is_escaped(client, tmp_path):
    """Plain text with < or & shows as text, never as markup."""
    record = practice(body="Budget & dépenses\n\nplus de 5 < 10")
    import_file(write_jsonl(tmp_path, [record]))
    html = html_of(client, PracticePage.objects.get(ref="p1"))
    assert "Budget &amp; dépenses" in html and "5 &lt; 10" in html


def test_plain_text_becomes_paragraphs_with_line_breaks(tmp_path):
    """What the importer stores for plain text, pinned: paragraphs split on
    lines with nothing (or only spaces) on them, single line breaks kept, every
    line escaped and trimmed (``hub.text``, as the share form does)."""
    record = practice(
        context="Ligne 1\r\n  Ligne 2  \n \nDeux & trois",
        body="Récit\nsuite\n\n\nfin <b>",
    )
    import_file(write_jsonl(tmp_path, [record]))
    page = PracticePage.objects.get(ref="p1")
    assert page.context == "<p>Ligne 1<br>Ligne 2</p><p>Deux &amp; trois</p>"
    assert [(b.block_type, b.value.source) for b in page.body] == [
        ("paragraph", "<p>Récit<br>suite</p><p>fin &lt;b&gt;</p>")
    ]


def test_template_with_docx_pdf_xlsx_attachments(client, tmp_path, media_root):
    """A template's files are stored, listed on its page and downloadable."""
    template = rich_records(tmp_path)[4]
    files = [*template["attachments"], {"path": "files/budget.xlsx"}]
    import_file(write_jsonl(tmp_path, [{**template, "attachments": files}]))
    page = TemplatePage.objects.get(ref="convention")
    assert page.url == "/fr/modeles/convention/"
    html = html_of(client, page)
    assert "Convention (Word)" in html and "DOCX" in html and "XLSX" in html
    assert "Convention de partenariat" in html  # the kind's name
    documents = [a.document for a in page.attachments.all()]
    assert [d.title for d in documents] == ["Convention (Word)", "Guide", "budget"]
    download = client.get(documents[1].url)
    assert download.status_code == 200
    pdf = (tmp_path / "files/guide.pdf").read_bytes()
    assert b"".join(download.streaming_content) == pdf
    assert len([name for name in media_files() if name.endswith(".pdf")]) == 1


def test_training_with_sessions(client, tmp_path):
    """A training module shows its sessions in order, with durations."""
    import_file(write_jsonl(tmp_path, [rich_records(tmp_path)[6]]))
    page = TrainingPage.objects.get(ref="formation-budget")
    assert page.url == "/fr/formations/formation-budget/"
    html = html_of(client, page)
    assert html.index("Les bases") < html.index("Le vote")
    assert "3 h" in html and "Organiser le scrutin." in html and "2 jours" in html
    assert sorted(p.slug for p in page.target_publics.all()) == ["women", "youth"]


def test_translation_shares_translation_key_and_renders_rtl(client, tmp_path):
    """translation_of makes the Arabic page a translation of the French one."""
    arabic = {
        "ref": "budget-tanger-ar",
        "language": "ar",
        "translation_of": "budget-tanger",
        "title": "الميزانية التشاركية للأحياء",
        "summary": "يختار السكان مشاريع حيهم.",
    }
    import_file(write_jsonl(tmp_path, [FULL_PRACTICE, arabic]))
    source = PracticePage.objects.get(ref="budget-tanger")
    page = PracticePage.objects.get(ref="budget-tanger-ar")
    assert page.translation_key == source.translation_key
    assert page.locale.language_code == "ar" and page.live
    assert page.url.startswith("/ar/pratiques/")
    html = html_of(client, page)
    assert 'dir="rtl"' in html and "يختار السكان مشاريع حيهم." in html
    assert page.original_language == "fr"


def test_translation_inherits_commune_themes_year(client, tmp_path):
    """A translation that leaves out commune, themes and year takes the source's,
    shown with their Arabic names."""
    arabic = {
        "ref": "budget-tanger-ar",
        "language": "ar",
        "translation_of": "budget-tanger",
        "title": "الميزانية التشاركية",
    }
    import_file(write_jsonl(tmp_path, [FULL_PRACTICE, arabic]))
    page = PracticePage.objects.get(ref="budget-tanger-ar")
    assert page.year == 2022 and page.funding_own == 150000
    assert page.commune.locale.language_code == "ar"
    assert [t.slug for t in page.themes.all()] == ["budget-participatif"]
    html = html_of(client, page)
    assert "طنجة" in html and "الميزانية التشاركية" in html and "2022" in html


def test_arabic_first_record_with_french_translation(client, tmp_path):
    """A fiche written in Arabic is an original; its French version points at it."""
    records = [
        {
            "ref": "tiznit-femmes",
            "language": "ar",
            "title": "تعاونيات النساء في تيزنيت",
            "commune": "تيزنيت",
            "themes": ["المساواة بين النساء والرجال"],
            "year": 2023,
        },
        {
            "ref": "tiznit-femmes-fr",
            "language": "fr",
            "translation_of": "tiznit-femmes",
            "title": "Les coopératives de femmes de Tiznit",
        },
    ]
    import_file(write_jsonl(tmp_path, records))
    original = PracticePage.objects.get(ref="tiznit-femmes")
    french = PracticePage.objects.get(ref="tiznit-femmes-fr")
    assert original.locale.language_code == "ar"
    assert original.original_language == french.original_language == "ar"
    assert french.translation_key == original.translation_key
    assert 'dir="rtl"' in html_of(client, original)
    html = html_of(client, french)
    assert 'dir="ltr"' in html and "Tiznit" in html and "Égalité femmes-hommes" in html


@pytest.mark.parametrize(
    "name",
    ["tanger", "TANGER", "Tanger", "tAnGeR", "طنجة", " tanger "],
    ids=["slug", "upper-slug", "french", "mixed-case", "arabic", "padded"],
)
def test_commune_by_slug_french_or_arabic_name_any_case(tmp_path, name):
    """A commune may be named by slug, French or Arabic name, in any case."""
    import_file(write_jsonl(tmp_path, [practice(commune=name)]))
    assert PracticePage.objects.get(ref="p1").commune.slug == "tanger"


def test_themes_publics_region_kind_by_names(tmp_path):
    """Every vocabulary resolves names in either language, case-insensitively."""
    records = [
        practice(
            themes=["BUDGET PARTICIPATIF", "المشاركة المواطنة"],
            target_publics=["Femmes", "الشباب"],
            region="TANGER-TETOUAN-AL HOCEIMA",  # no accents: found by slug
        ),
        {
            "ref": "t1",
            "type": "template",
            "language": "fr",
            "title": "Modèle",
            "kind": "اتفاقية شراكة",
        },
    ]
    import_file(write_jsonl(tmp_path, records))
    page = PracticePage.objects.get(ref="p1")
    assert sorted(t.slug for t in page.themes.all()) == [
        "budget-participatif",
        "participation-citoyenne",
    ]
    assert sorted(p.slug for p in page.target_publics.all()) == ["women", "youth"]
    assert page.region.slug == "tanger-tetouan-al-hoceima"
    assert TemplatePage.objects.get(ref="t1").kind.slug == "partnership-agreement"


def test_tags_by_name_in_either_language(client, tmp_path):
    """Free tags in French and Arabic are shown and each has its tag page."""
    import_file(write_jsonl(tmp_path, [practice(tags=["budget", "ميزانية"])]))
    page = PracticePage.objects.get(ref="p1")
    assert sorted(t.name for t in page.tags.all()) == ["budget", "ميزانية"]
    html = html_of(client, page)
    assert "ميزانية" in html
    tag = page.tags.get(name="budget")
    assert client.get(f"/fr/pratiques/tag/{tag.slug}/").status_code == 200


def test_existing_tag_reused_by_slug_or_other_case(tmp_path):
    """A tag named by its slug or in another case is the existing tag, not a twin."""
    import_file(write_jsonl(tmp_path, [practice(tags=["Budget participatif"])]))
    records = [
        practice("p2", tags=["budget-participatif"]),
        practice("p3", tags=["BUDGET PARTICIPATIF"]),
    ]
    import_file(write_jsonl(tmp_path, records))
    names = {
        ref: [t.name for t in PracticePage.objects.get(ref=ref).tags.all()]
        for ref in ("p1", "p2", "p3")
    }
    assert names == {ref: ["Budget participatif"] for ref in ("p1", "p2", "p3")}


def test_summary_message_counts_created_and_updated(tmp_path):
    """The command tells how many fiches were created and updated."""
    path = write_jsonl(tmp_path, [practice("a"), practice("b")])
    out, _err = import_file(path)
    assert "2 créée(s), 0 mise(s) à jour" in out
    out, _err = import_file(path)
    assert "0 créée(s)" in out


def test_unknown_field_is_a_warning_not_an_error(tmp_path):
    """A field the format does not know, or one another type has, is reported,
    and the line still imported."""
    record = practice(colour="blue", sessions=[{"title": "S1"}])
    _out, err = import_file(write_jsonl(tmp_path, [record]))
    assert "ligne 1, champ « colour » : champ inconnu, ignoré" in err
    assert "ligne 1, champ « sessions » : champ sans objet" in err
    assert PracticePage.objects.filter(ref="p1").exists()


def test_file_with_byte_order_mark_is_accepted(tmp_path):
    """Files saved by Windows editors (UTF-8 with BOM) import like any other."""
    path = write_jsonl(tmp_path, [practice()])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    import_file(path)
    assert PracticePage.objects.filter(ref="p1").exists()


def test_created_term_exists_in_both_locales(tmp_path):
    """--create-missing creates unknown communes, regions and themes in fr and ar."""
    record = practice(
        commune="Nouvelle Ville", region="Région Test", themes=["Thème inédit"]
    )
    import_file(write_jsonl(tmp_path, [record]), "--create-missing")
    page = PracticePage.objects.get(ref="p1")
    assert page.commune.name == "Nouvelle Ville" and page.region.name == "Région Test"
    for model, slug in (
        (Commune, "nouvelle-ville"),
        (Region, "region-test"),
        (Theme, "theme-inedit"),
    ):
        rows = model.objects.filter(slug=slug)
        assert sorted(r.locale.language_code for r in rows) == ["ar", "fr"]
        assert len({r.translation_key for r in rows}) == 1


def test_created_term_is_shared_by_later_records(tmp_path):
    """Two records naming the same new commune point at one commune."""
    records = [
        practice("a", commune="Nouvelle Ville"),
        practice("b", commune="nouvelle ville"),
    ]
    import_file(write_jsonl(tmp_path, records), "--create-missing")
    assert Commune.objects.filter(slug="nouvelle-ville").count() == 2  # fr + ar
    communes = {p.commune_id for p in PracticePage.objects.filter(ref__in=["a", "b"])}
    assert len(communes) == 1


def test_arabic_translation_uses_created_term_in_arabic(tmp_path):
    """A created commune is linked in the Arabic locale from an Arabic page."""
    records = [
        practice(commune="Nouvelle Ville"),
        {"ref": "p1-ar", "language": "ar", "translation_of": "p1", "title": "ممارسة"},
    ]
    import_file(write_jsonl(tmp_path, records), "--create-missing")
    page = PracticePage.objects.get(ref="p1-ar")
    assert page.commune.locale == Locale.objects.get(language_code="ar")


def test_document_languages(tmp_path):
    """An attachment takes its page's language unless the record says otherwise."""
    make_pdf(tmp_path / "a.pdf", "a")
    make_pdf(tmp_path / "b.pdf", "b")
    record = {
        "ref": "t-ar",
        "type": "template",
        "language": "ar",
        "title": "نموذج",
        "attachments": [{"path": "a.pdf"}, {"path": "b.pdf", "language": "fr-ar"}],
    }
    import_file(write_jsonl(tmp_path, [record]))
    assert sorted(HubDocument.objects.values_list("language", flat=True)) == [
        "ar",
        "fr-ar",
    ]


# Upsert by ref ---------------------------------------------------------------


def page_ids():
    return {page.ref: page.pk for page in hub_pages()}


def test_reimport_creates_nothing_new(tmp_path):
    """The same file imported twice keeps the same pages, revisions, documents
    and files, and says every fiche is unchanged."""
    path = write_rich_file(tmp_path)
    import_file(path)
    ids, before = page_ids(), snapshot()
    out, _err = import_file(path)
    assert page_ids() == ids and snapshot() == before
    assert "0 créée(s), 0 mise(s) à jour, 7 inchangée(s)" in out


def test_changed_title_updates_in_place_with_a_new_revision(client, tmp_path):
    """A new title is published on the same page, at the same URL, as one more
    revision."""
    import_file(write_jsonl(tmp_path, [FULL_PRACTICE]))
    page = PracticePage.objects.get(ref="budget-tanger")
    revisions = page.revisions.count()
    changed = {**FULL_PRACTICE, "title": "Budget participatif, deuxième édition"}
    out, _err = import_file(write_jsonl(tmp_path, [changed]))
    assert "0 créée(s), 1 mise(s) à jour" in out
    updated = PracticePage.objects.get(ref="budget-tanger")
    assert updated.pk == page.pk and updated.url == page.url
    assert updated.revisions.count() == revisions + 1
    assert "deuxième édition" in html_of(client, updated)


def test_field_left_out_on_reimport_is_emptied(client, tmp_path):
    """The record is the truth: a summary removed from the file leaves the page."""
    import_file(write_jsonl(tmp_path, [FULL_PRACTICE]))
    shorter = {k: v for k, v in FULL_PRACTICE.items() if k not in ("summary", "tags")}
    import_file(write_jsonl(tmp_path, [shorter]))
    page = PracticePage.objects.get(ref="budget-tanger")
    assert page.summary == "" and not page.tags.exists()
    assert "Les habitants choisissent" not in html_of(client, page)


def test_reimport_with_changes_does_not_duplicate_documents(tmp_path, media_root):
    """Attachments already stored are reused when their page is updated."""
    records = rich_records(tmp_path)
    import_file(write_jsonl(tmp_path, records))
    documents, files = HubDocument.objects.count(), media_files()
    records[4] = {**records[4], "summary": "Nouvelle version du mode d'emploi."}
    out, _err = import_file(write_jsonl(tmp_path, records))
    assert "1 mise(s) à jour" in out
    assert HubDocument.objects.count() == documents == 3  # guide.pdf shared
    assert media_files() == files


def test_translation_reimport_updates_it_in_place(tmp_path):
    """A changed Arabic title updates the translation, still linked to its source."""
    import_file(write_jsonl(tmp_path, [FULL_PRACTICE, ARABIC_TRANSLATION]))
    page = PracticePage.objects.get(ref="budget-tanger-ar")
    changed = {**ARABIC_TRANSLATION, "title": "عنوان جديد"}
    import_file(write_jsonl(tmp_path, [FULL_PRACTICE, changed]))
    updated = PracticePage.objects.get(ref="budget-tanger-ar")
    assert updated.pk == page.pk and updated.title == "عنوان جديد"
    assert updated.translation_key == page.translation_key
    assert (
        PracticePage.objects.filter(translation_key=page.translation_key).count() == 2
    )


def test_translation_made_in_the_admin_is_adopted(tmp_path):
    """An Arabic version made with wagtail-localize gets the record's ref instead
    of a second Arabic page."""
    import_file(write_jsonl(tmp_path, [FULL_PRACTICE]))
    source = PracticePage.objects.get(ref="budget-tanger")
    made_in_admin = source.copy_for_translation(Locale.objects.get(language_code="ar"))
    import_file(write_jsonl(tmp_path, [ARABIC_TRANSLATION]))
    page = PracticePage.objects.get(ref="budget-tanger-ar")
    assert page.pk == made_in_admin.pk and page.live


# --dry-run -------------------------------------------------------------------


def test_dry_run_reports_counts_and_writes_nothing(tmp_path, media_root):
    """--dry-run says what would be created, and writes no page, revision,
    document or file."""
    path = write_rich_file(tmp_path)
    before = snapshot()
    out, _err = import_file(path, "--dry-run")
    assert "rien n'a été écrit" in out and "7 créée(s)" in out
    assert snapshot() == before and media_files() == []
    assert not hub_pages()


def test_dry_run_of_an_update_leaves_the_page_as_it_was(tmp_path):
    """--dry-run on a changed file counts the update but keeps the old title."""
    import_file(write_jsonl(tmp_path, [FULL_PRACTICE]))
    before = snapshot()
    changed = {**FULL_PRACTICE, "title": "Nouveau titre"}
    out, _err = import_file(write_jsonl(tmp_path, [changed]), "--dry-run")
    assert "1 mise(s) à jour" in out
    assert PracticePage.objects.get(ref="budget-tanger").title == FULL_PRACTICE["title"]
    assert snapshot() == before


def test_dry_run_creates_no_term(tmp_path):
    """--dry-run --create-missing names what it would create, and creates nothing."""
    communes = Commune.objects.count()
    path = write_jsonl(tmp_path, [practice(commune="Nouvelle Ville")])
    import_file(path, "--dry-run", "--create-missing")
    assert Commune.objects.count() == communes


def test_attachment_order_follows_the_file(tmp_path):
    """Reordering attachments in the file reorders them on the page."""
    template = rich_records(tmp_path)[4]
    import_file(write_jsonl(tmp_path, [template]))
    swapped = {**template, "attachments": template["attachments"][::-1]}
    out, _err = import_file(write_jsonl(tmp_path, [swapped]))
    assert "1 mise(s) à jour" in out
    page = TemplatePage.objects.get(ref="convention")
    titles = [a.document.title for a in page.attachments.all()]
    assert titles == ["Guide", "Convention (Word)"]
    assert sorted(a.sort_order for a in page.attachments.all()) == [0, 1]


# Body blocks and visibility (issue #9, item 11) ---------------------------------


def login_as(client, django_user_model, username, *group_keys):
    """Log ``client`` in as a new user in the groups named by stable key."""
    from django.contrib.auth.models import Group

    from practices.importers.visibility import GroupKeys

    keys = GroupKeys()
    user = django_user_model.objects.create_user(username, password="x")
    user.groups.set(Group.objects.filter(pk__in=[keys.id_of[k] for k in group_keys]))
    client.force_login(user)
    return user


def test_body_blocks_are_shown_with_their_structure(client, tmp_path):
    """Steps, testimonies and images given as blocks are shown as such."""
    make_png(tmp_path / "images/vote.png")
    body = [
        {"type": "heading", "value": "Le déroulé"},
        {"type": "paragraph", "value": "Un texte simple & clair."},
        {"type": "step", "value": {"title": "Atelier", "period": "mars 2022"}},
        {"type": "testimony", "value": {"quote": "Enfin écoutés", "author": "Amal"}},
        {
            "type": "image",
            "value": {"path": "images/vote.png", "alt_text": "Une urne en mairie"},
        },
    ]
    import_file(write_jsonl(tmp_path, [practice(body=body)]))
    page = PracticePage.objects.get(ref="p1")
    assert [b.block_type for b in page.body] == [
        "heading",
        "paragraph",
        "step",
        "testimony",
        "image",
    ]
    html = html_of(client, page)
    assert "<h3" in html and "Le déroulé" in html
    assert "<p>Un texte simple &amp; clair.</p>" in html
    assert "Atelier" in html and "(<bdi>mars 2022</bdi>)" in html  # the period isolated
    assert "<blockquote>Enfin écoutés</blockquote>" in html
    assert 'alt="Une urne en mairie"' in html
    image = page.body[4].value
    assert image.description == "Une urne en mairie" and image.collection.is_root()


def test_partners_page_is_hidden_from_visitors(client, django_user_model, tmp_path):
    """ "partners": visitors are sent to the login page, partner members read it."""
    import_file(write_jsonl(tmp_path, [practice(visibility="partners")]))
    page = PracticePage.objects.get(ref="p1")
    assert client.get(page.url).status_code == 302
    login_as(client, django_user_model, "membre", "partners")
    assert "Pratique p1" in html_of(client, page)


def test_group_visibility_lets_in_only_those_groups(
    client, django_user_model, tmp_path
):
    """{"groups": [...]} restricts to the groups named by stable key."""
    record = practice(visibility={"groups": ["editor:tanger", "reviewer:tanger"]})
    import_file(write_jsonl(tmp_path, [record]))
    page = PracticePage.objects.get(ref="p1")
    login_as(client, django_user_model, "figuig", "editor:figuig", "partners")
    assert client.get(page.url).status_code == 302  # Wagtail: to the login page
    login_as(client, django_user_model, "tanger", "reviewer:tanger")
    assert client.get(page.url).status_code == 200


def test_login_visibility(client, django_user_model, tmp_path):
    import_file(write_jsonl(tmp_path, [practice(visibility="login")]))
    page = PracticePage.objects.get(ref="p1")
    assert client.get(page.url).status_code == 302
    login_as(client, django_user_model, "quelqu-un")
    assert client.get(page.url).status_code == 200


def test_partners_document_is_stored_privately(client, tmp_path):
    """An attachment marked "partners" goes to a partners-only collection:
    a visitor gets neither its title nor the file; the same file attached
    publicly elsewhere is another, public document."""
    make_pdf(tmp_path / "files/convention.pdf", "Clause réservée")
    private = {"path": "files/convention.pdf", "title": "Convention"}
    records = [
        practice(attachments=[{**private, "visibility": "partners"}]),
        practice("p2", attachments=[{**private, "visibility": "public"}]),
    ]
    import_file(write_jsonl(tmp_path, records))
    secret = PracticePage.objects.get(ref="p1").attachments.get().document
    public = PracticePage.objects.get(ref="p2").attachments.get().document
    assert secret.pk != public.pk and public.collection.is_root()
    assert secret.collection.get_view_restrictions().exists()
    html = html_of(client, PracticePage.objects.get(ref="p1"))
    assert secret.url not in html
    assert client.get(secret.url).status_code == 302  # to the login page
    assert client.get(public.url).status_code == 200


def test_file_without_visibility_never_opens_a_private_page(client, tmp_path):
    """Older files have no "visibility": re-importing one leaves a page made
    private on the site private; "public" written out makes it public."""
    import_file(write_jsonl(tmp_path, [practice()]))
    import_file(write_jsonl(tmp_path, [practice(visibility="login")]))
    page = PracticePage.objects.get(ref="p1")
    import_file(write_jsonl(tmp_path, [practice(summary="Nouveau résumé")]))
    assert client.get(page.url).status_code == 302
    import_file(write_jsonl(tmp_path, [practice(visibility="public")]))
    assert client.get(page.url).status_code == 200


def test_new_translation_without_visibility_is_as_private_as_its_original(
    client, tmp_path
):
    records = [
        practice(visibility="partners"),
        {"ref": "p1-ar", "language": "ar", "translation_of": "p1", "title": "ممارسة"},
    ]
    import_file(write_jsonl(tmp_path, records))
    arabic = PracticePage.objects.get(ref="p1-ar")
    assert client.get(arabic.url).status_code == 302


def test_training_notes_between_sessions(client, tmp_path):
    record = {
        **rich_records(tmp_path)[6],
        "sessions": [
            {"title": "Les bases"},
            {"note": "Pause déjeuner"},
            {"title": "Le vote"},
        ],
    }
    import_file(write_jsonl(tmp_path, [record]))
    page = TrainingPage.objects.get(ref="formation-budget")
    assert [b.block_type for b in page.sessions] == ["session", "note", "session"]
