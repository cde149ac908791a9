"""import_practices on bad input: every problem is reported with its line and
field, the command fails, and nothing at all is written (all or nothing)."""

import pytest
from wagtail.models import PageViewRestriction

from documents.models import HubImage
from practices.importers.writer import Writer
from practices.models import PracticePage
from programme.models import Commune, Theme
from tests.import_helpers import (
    import_failing,
    import_file,
    make_pdf,
    make_png,
    media_files,
    practice,
    snapshot,
    write_jsonl,
)

pytestmark = pytest.mark.django_db

TEMPLATE = {"ref": "t1", "type": "template", "language": "fr", "title": "Modèle"}
LONG = "x" * 256


def body(*blocks):
    """A practice whose body is ``blocks`` (stream.py)."""
    return practice("x", body=list(blocks))


def image(**value):
    return {"type": "image", "value": value}


# Visibility and body blocks (issue #9, item 11).
BAD_VISIBILITY_AND_BLOCKS = [
    (
        "visibility-unknown",
        practice("x", visibility="secret"),
        "visibility",
        ("visibilité inconnue", "secret"),
    ),
    (
        "visibility-password",
        practice("x", visibility="password"),
        "visibility",
        ("jamais exporté",),
    ),
    (
        "visibility-unknown-group",
        practice("x", visibility={"groups": ["editor:atlantis"]}),
        "visibility",
        ("editor:atlantis",),
    ),
    (
        "visibility-group-display-name",
        practice("x", visibility={"groups": ["Membres partenaires"]}),
        "visibility",
        ("inconnu", "Membres partenaires"),
    ),
    (
        "visibility-groups-not-a-list",
        practice("x", visibility={"groups": "partners"}),
        "visibility",
        ("liste",),
    ),
    (
        "visibility-with-a-password",
        practice("x", visibility={"groups": [], "password": "x"}),
        "visibility",
        ("visibilité inconnue",),
    ),
    (
        "attachment-visibility",
        {**TEMPLATE, "attachments": [{"path": "ok.pdf", "visibility": "secret"}]},
        "attachments",
        ("secret",),
    ),
    ("body-a-number", practice("x", body=12), "body", ("liste de blocs",)),
    ("block-not-an-object", body("texte"), "body", ("bloc 1", "{type, value}")),
    (
        "block-unknown-type",
        body({"type": "video", "value": "x"}),
        "body",
        ("bloc 1", "video", "heading"),
    ),
    (
        "block-without-value",
        body({"type": "heading"}),
        "body",
        ("bloc 1", "{type, value}"),
    ),
    (
        "heading-not-text",
        body({"type": "heading", "value": ["a"]}),
        "body",
        ("texte",),
    ),
    (
        "step-without-title",
        body(
            {"type": "paragraph", "value": "ok"},
            {"type": "step", "value": {"period": "2022"}},
        ),
        "body",
        ("bloc 2", "title", "obligatoire"),
    ),
    (
        "step-unknown-field",
        body({"type": "step", "value": {"title": "t", "when": "x"}}),
        "body",
        ("when",),
    ),
    (
        "testimony-not-an-object",
        body({"type": "testimony", "value": "Une citation"}),
        "body",
        ("quote",),
    ),
    (
        "image-without-alt-text",
        body(image(path="photo.png")),
        "body",
        ("alt_text", "decorative"),
    ),
    (
        "image-missing-file",
        body(image(path="absent.png", decorative=True)),
        "body",
        ("absent.png",),
    ),
    (
        "image-outside",
        body(image(path="/etc/hostname", decorative=True)),
        "body",
        ("hors du dossier",),
    ),
    (
        "image-not-an-image",
        body(image(path="fake.png", decorative=True)),
        "body",
        ("fake.png",),
    ),
    (
        "image-password",
        body(image(path="photo.png", decorative=True, visibility="password")),
        "body",
        ("jamais exporté",),
    ),
    (
        "image-unknown-field",
        body(image(path="photo.png", decorative=True, src="x")),
        "body",
        ("src",),
    ),
    (
        "empty-note",
        {**TEMPLATE, "type": "training", "sessions": [{"note": " "}]},
        "sessions",
        ("note",),
    ),
]

# (id, bad second line, field named in the message, words of the message);
# line 1 is always a valid record, which must not be written either.
BAD_LINES = [
    ("malformed-json", '{"ref": "x", "title": ', None, "JSON invalide"),
    ("json-array", '["ref", "x"]', None, "objet JSON"),
    ("json-number", "42", None, "objet JSON"),
    ("json-null", "null", None, "objet JSON"),
    ("missing-ref", {"language": "fr", "title": "T"}, "ref", "obligatoire"),
    ("blank-ref", practice(" "), "ref", "obligatoire"),
    ("ref-with-spaces", practice("mon ref"), "ref", "lettres, chiffres"),
    ("missing-title", {"ref": "x", "language": "fr"}, "title", "obligatoire"),
    ("title-too-long", practice("x", title=LONG), "title", "255"),
    ("missing-language", {"ref": "x", "title": "T"}, "language", "obligatoire"),
    ("language-en", practice("x", language="en"), "language", "« en »"),
    ("bad-type", practice("x", type="video"), "type", "« video »"),
    ("duplicate-ref", practice("ok"), "ref", "déjà ligne 1"),
    ("unknown-commune", practice("x", commune="Atlantis"), "commune", "Atlantis"),
    ("unknown-region", practice("x", region="Mordor"), "region", "Mordor"),
    ("unknown-theme", practice("x", themes=["Magie"]), "themes", "Magie"),
    (
        "unknown-public",
        practice("x", target_publics=["elves"]),
        "target_publics",
        "elves",
    ),
    ("unknown-kind", {**TEMPLATE, "kind": "grimoire"}, "kind", "grimoire"),
    (
        "unknown-partnership",
        practice("x", partnership="nowhere"),
        "partnership",
        "nowhere",
    ),
    (
        "unknown-public-counted",
        practice("x", participants={"elves": 3}),
        "participants",
        "elves",
    ),
    ("year-too-old", practice("x", year=1800), "year", "1800"),
    ("year-as-text", practice("x", year="2020"), "year", "entier"),
    ("year-as-bool", practice("x", year=True), "year", "entier"),
    (
        "impossible-date",
        practice("x", start_date="2021-02-30"),
        "start_date",
        "AAAA-MM-JJ",
    ),
    ("french-date", practice("x", end_date="01/02/2021"), "end_date", "AAAA-MM-JJ"),
    (
        "end-before-start",
        practice("x", start_date="2022-01-01", end_date="2021-01-01"),
        "end_date",
        "précède",
    ),
    ("negative-funding", practice("x", funding_own=-5), "funding_own", "positif"),
    (
        "funding-as-float",
        practice("x", funding_external=1.5),
        "funding_external",
        "entier",
    ),
    ("bad-status", practice("x", status="abandoned"), "status", "abandoned"),
    ("tags-not-list", practice("x", tags="budget"), "tags", "liste"),
    ("tags-not-text", practice("x", tags=[1, 2]), "tags", "liste"),
    ("themes-not-list", practice("x", themes="budget-participatif"), "themes", "liste"),
    ("summary-not-text", practice("x", summary=12), "summary", "texte"),
    (
        "participants-not-object",
        practice("x", participants=[3]),
        "participants",
        "objet",
    ),
    (
        "negative-participants",
        practice("x", participants={"women": -1}),
        "participants",
        "women",
    ),
    (
        "indicator-without-value",
        practice("x", indicators=[{"label": "L"}]),
        "indicators",
        "value",
    ),
    (
        "session-without-title",
        {**TEMPLATE, "type": "training", "sessions": [{"duration": "1 h"}]},
        "sessions",
        "title",
    ),
    (
        "missing-attachment",
        {**TEMPLATE, "attachments": [{"path": "absent.pdf"}]},
        "attachments",
        "absent.pdf",
    ),
    (
        "attachment-outside",
        {**TEMPLATE, "attachments": [{"path": "/etc/hostname"}]},
        "attachments",
        "hors du dossier",
    ),
    (
        "attachment-exe",
        {**TEMPLATE, "attachments": [{"path": "virus.exe"}]},
        "attachments",
        "« .exe » ne sont pas acceptés",
    ),
    (
        "attachment-exe-renamed-pdf",
        {**TEMPLATE, "attachments": [{"path": "virus.pdf"}]},
        "attachments",
        "virus.pdf : Ce fichier est un programme exécutable",
    ),
    (
        "attachment-empty",
        {**TEMPLATE, "attachments": [{"path": "empty.txt"}]},
        "attachments",
        "vide",
    ),
    (
        "attachment-language",
        {**TEMPLATE, "attachments": [{"path": "ok.pdf", "language": "en"}]},
        "attachments",
        "en",
    ),
    (
        "translation-of-unknown",
        practice("x", language="ar", translation_of="ghost"),
        "translation_of",
        "ghost",
    ),
    (
        "translation-same-language",
        practice("x", translation_of="ok"),
        "translation_of",
        "autre langue",
    ),
    (
        "translation-other-type",
        {**TEMPLATE, "language": "ar", "translation_of": "ok"},
        "translation_of",
        "practice",
    ),
    (
        "translation-not-text",
        practice("x", language="ar", translation_of=["ok"]),
        "translation_of",
        "référence",
    ),
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def import_dir(tmp_path):
    """The import folder: a valid PDF, and files the upload checks refuse."""
    directory = tmp_path / "import"
    make_pdf(directory / "ok.pdf")
    (directory / "virus.exe").write_bytes(b"MZ")
    windows_program = b"MZ" + bytes(58) + (64).to_bytes(4, "little") + b"PE\0\0"
    (directory / "virus.pdf").write_bytes(windows_program)
    (directory / "empty.txt").write_bytes(b"")
    make_png(directory / "photo.png")
    (directory / "fake.png").write_bytes((directory / "ok.pdf").read_bytes())
    return directory


def assert_reported(stderr, line, field, *words):
    """The message names the line, the field and what is wrong."""
    reported = [m for m in stderr.splitlines() if m.startswith(f"ligne {line}")]
    assert reported, stderr
    if field:
        assert any(f"champ « {field} »" in m for m in reported), stderr
    for word in words:
        assert any(word in m for m in reported), (word, stderr)


@pytest.mark.parametrize(
    ("bad_line", "field", "words"),
    [
        pytest.param(line, field, words, id=name)
        for name, line, field, words in BAD_LINES
    ],
)
def test_bad_line_is_reported_and_nothing_is_written(
    import_dir, bad_line, field, words
):
    """A bad line is reported (line, field, reason) and even the good line before
    it is not imported: no page, revision, document or stored file."""
    ok = practice("ok", attachments=[{"path": "ok.pdf"}])
    path = write_jsonl(import_dir, [ok, bad_line])
    before = snapshot()
    stderr, message = import_failing(path)
    assert_reported(stderr, 2, field, words)
    assert "rien n'a été importé" in message
    assert snapshot() == before
    assert not PracticePage.objects.filter(ref="ok").exists()


@pytest.mark.parametrize(
    ("bad_line", "field", "words"),
    [
        pytest.param(line, field, words, id=name)
        for name, line, field, words in BAD_VISIBILITY_AND_BLOCKS
    ],
)
def test_bad_visibility_or_block_is_reported_and_nothing_is_written(
    import_dir, bad_line, field, words
):
    """A bad visibility or body block is reported (line, field, which block,
    why) and nothing is written: no page, restriction, document or image."""
    ok = practice(
        "ok",
        visibility="partners",
        attachments=[{"path": "ok.pdf", "visibility": "partners"}],
        body=[image(path="photo.png", alt_text="Photo")],
    )
    path = write_jsonl(import_dir, [ok, bad_line])
    before = snapshot(), PageViewRestriction.objects.count(), HubImage.objects.count()
    stderr, message = import_failing(path)
    assert_reported(stderr, 2, field, *words)
    assert "ligne 1" not in stderr
    assert "rien n'a été importé" in message
    assert (
        snapshot(),
        PageViewRestriction.objects.count(),
        HubImage.objects.count(),
    ) == before


def test_errors_on_several_lines_are_all_reported(tmp_path):
    """One run lists every problem of the file, not just the first."""
    records = [
        practice("a", commune="Atlantis"),
        practice("b"),
        practice("c", language="en"),
        "{oops",
        practice("e", year=3000, themes=["Magie"]),
    ]
    stderr, message = import_failing(write_jsonl(tmp_path, records))
    assert_reported(stderr, 1, "commune", "Atlantis")
    assert_reported(stderr, 3, "language")
    assert_reported(stderr, 4, None, "JSON invalide")
    assert_reported(stderr, 5, "year", "3000")
    assert_reported(stderr, 5, "themes", "Magie")
    assert "5 problèmes" in message
    assert "ligne 2" not in stderr


def test_field_errors_reported_even_when_the_header_is_bad(tmp_path):
    """A line with a bad language still has its other fields checked."""
    stderr, _message = import_failing(
        write_jsonl(tmp_path, [practice(language="en", commune="Atlantis")])
    )
    assert_reported(stderr, 1, "language")
    assert_reported(stderr, 1, "commune", "Atlantis")


def test_translation_before_its_source_is_unknown(tmp_path):
    """A translation must come after its original in the file (as exports do)."""
    records = [
        practice("p1-ar", language="ar", translation_of="p1"),
        practice("p1"),
    ]
    stderr, _message = import_failing(write_jsonl(tmp_path, records))
    assert_reported(stderr, 1, "translation_of", "plus haut dans le fichier")


def test_two_translations_into_one_language_are_refused(tmp_path):
    """A page has one version per language: a second Arabic one is an error."""
    records = [
        practice("p1"),
        practice("p1-ar", language="ar", translation_of="p1"),
        practice("p1-ar-bis", language="ar", translation_of="p1"),
    ]
    stderr, _message = import_failing(write_jsonl(tmp_path, records))
    assert_reported(stderr, 3, "translation_of", "« p1-ar » (ligne 2)")


def test_translation_of_a_translation_taking_the_original_place(tmp_path):
    """A French translation of the Arabic version of a French page is refused."""
    records = [
        practice("p1"),
        practice("p1-ar", language="ar", translation_of="p1"),
        practice("p1-fr", translation_of="p1-ar"),
    ]
    stderr, _message = import_failing(write_jsonl(tmp_path, records))
    assert_reported(stderr, 3, "translation_of", "« p1 » (ligne 1)")


def test_existing_page_cannot_change_type_or_language(tmp_path):
    """Upserting may not turn a practice into a template, nor move its language."""
    import_file(write_jsonl(tmp_path, [practice("p1"), practice("p2")]))
    records = [{**TEMPLATE, "ref": "p1"}, practice("p2", language="ar")]
    stderr, _message = import_failing(write_jsonl(tmp_path, records))
    assert_reported(stderr, 1, "type", "practice")
    assert_reported(stderr, 2, "language", "« fr »")


def test_missing_file_is_reported(tmp_path):
    """A file that does not exist is an error, not a crash."""
    stderr, message = import_failing(tmp_path / "absent.jsonl")
    assert "fichier illisible" in stderr and "1 problème :" in message


def test_file_not_in_utf8_is_reported(tmp_path):
    """A Latin-1 file is refused with a message instead of a traceback."""
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"ref": "é"}\n'.encode("latin-1"))
    stderr, _message = import_failing(path)
    assert "fichier illisible" in stderr


def test_dry_run_reports_errors_too(tmp_path):
    """--dry-run checks the file exactly as a real run does."""
    path = write_jsonl(tmp_path, [practice(commune="Atlantis")])
    stderr, _message = import_failing(path, "--dry-run")
    assert_reported(stderr, 1, "commune", "Atlantis")


def test_unknown_terms_without_create_missing_suggest_it(tmp_path):
    """Each unknown commune, region or theme is an error that names the option."""
    record = practice(commune="Atlantis", region="Mordor", themes=["Magie"])
    stderr, _message = import_failing(write_jsonl(tmp_path, [record]))
    for field, name in (
        ("commune", "Atlantis"),
        ("region", "Mordor"),
        ("themes", "Magie"),
    ):
        assert_reported(stderr, 1, field, name, "--create-missing")


def test_create_missing_does_not_create_target_publics_or_kinds(tmp_path):
    """Target publics and document kinds are closed lists, option or not."""
    records = [
        practice(target_publics=["elves"]),
        {**TEMPLATE, "kind": "grimoire"},
    ]
    path = write_jsonl(tmp_path, records)
    stderr, _message = import_failing(path, "--create-missing")
    assert_reported(stderr, 1, "target_publics", "elves")
    assert_reported(stderr, 2, "kind", "grimoire")
    assert "--create-missing" not in stderr


def test_create_missing_with_a_bad_line_creates_no_term(tmp_path):
    """All or nothing covers vocabularies too: no commune is created."""
    records = [
        practice("a", commune="Nouvelle Ville", themes=["Neuf"]),
        practice("b", year=1),
    ]
    communes, themes = Commune.objects.count(), Theme.objects.count()
    import_failing(write_jsonl(tmp_path, records), "--create-missing")
    assert (Commune.objects.count(), Theme.objects.count()) == (communes, themes)


def test_failure_while_writing_rolls_back_and_removes_stored_files(
    tmp_path, monkeypatch, media_root
):
    """An error in the middle of writing undoes the pages already written and
    deletes the files already stored."""
    make_pdf(tmp_path / "guide.pdf")
    records = [
        {**TEMPLATE, "attachments": [{"path": "guide.pdf"}]},
        {**TEMPLATE, "ref": "f1", "type": "training", "sessions": [{"title": "S1"}]},
    ]

    stored_when_failing = []

    def broken(*args):
        stored_when_failing.extend(n for n in media_files() if n.endswith(".pdf"))
        raise RuntimeError("disque plein")

    monkeypatch.setattr(Writer, "_set_sessions", broken)
    before = snapshot()
    stderr, _message = import_failing(write_jsonl(tmp_path, records))
    assert_reported(stderr, 2, None, "disque plein")
    assert stored_when_failing  # the first record's file had been stored…
    assert snapshot() == before  # …and is gone, with the first page
    assert not [name for name in media_files() if name.endswith(".pdf")]


def test_attachment_over_the_upload_limit_is_refused(import_dir, settings):
    """An attachment heavier than the admin's upload limit is an error too."""
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    record = {**TEMPLATE, "attachments": [{"path": "ok.pdf"}]}
    stderr, _message = import_failing(write_jsonl(import_dir, [record]))
    assert_reported(stderr, 1, "attachments", "trop volumineux", "ok.pdf")


def test_failure_while_writing_removes_stored_images_too(
    import_dir, monkeypatch, media_root
):
    """An image of the body stored before a failure is removed with the rest."""
    records = [
        {**practice("p1"), "body": [image(path="photo.png", alt_text="Photo")]},
        {**TEMPLATE, "ref": "f1", "type": "training", "sessions": [{"title": "S1"}]},
    ]

    def broken(*args):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(Writer, "_set_sessions", broken)
    before = snapshot(), HubImage.objects.count()
    stderr, _message = import_failing(write_jsonl(import_dir, records))
    assert_reported(stderr, 2, None, "disque plein")
    assert (snapshot(), HubImage.objects.count()) == before
    assert not [name for name in media_files() if name.endswith(".png")]
