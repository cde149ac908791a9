"""validate_upload / validate_image_upload / sanitise_filename on generated files,
and the importer refusing what the admin refuses."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File

from documents.models import HubDocument
from documents.uploads.validation import (
    sanitise_filename,
    validate_image_upload,
    validate_upload,
)
from tests import upload_corpus as corpus
from tests.import_helpers import import_failing, practice, snapshot, write_jsonl


def refusal(validate, name, data):
    """The ValidationError ``validate`` raises for ``data`` named ``name``."""
    with pytest.raises(ValidationError) as caught:
        validate(File(io.BytesIO(data), name), name)
    return caught.value


BAD_DOCUMENTS = [
    ("elf.pdf", corpus.elf_executable, "executable", "programme exécutable"),
    ("setup.pdf", corpus.pe_executable, "executable", "programme exécutable"),
    ("x.pdf.exe", corpus.pe_executable, "extension", "« .exe »"),
    ("page.pdf", corpus.html_page, "html", "page web (HTML)"),
    ("dessin.pdf", corpus.svg_with_script, "svg", "SVG sont refusées"),
    ("macro.docx", corpus.macro_docx, "macros", "contient des macros"),
    ("vba.docx", corpus.vba_only_docx, "macros", "contient des macros"),
    ("macro.odt", corpus.macro_odt, "macros", "contient des macros"),
    ("crypte.docx", corpus.encrypted_zip_docx, "encrypted", "mot de passe"),
    ("protege.docx", corpus.ole_compound_file, "legacy_or_encrypted", "mot de passe"),
    ("elements.docx", corpus.many_entries_docx, "too_many_entries", "trop d"),
    ("vide.pdf", lambda: b"", "empty", "Le fichier est vide."),
    ("tableur.docx", lambda: corpus.good_xlsx([("a", 1)]), "mismatch", "(XLSX)"),
    ("texte.pdf", lambda: b"Bonjour\n", "mismatch", "(texte)"),
    ("binaire.csv", lambda: bytes(range(256)) * 4, "not_text", "pas un fichier texte"),
    ("sans-extension", corpus.good_pdf, "no_extension", "formats acceptés"),
]


@pytest.mark.parametrize(
    "name, make, code, words", BAD_DOCUMENTS, ids=[b[0] for b in BAD_DOCUMENTS]
)
def test_bad_document_is_refused_with_its_reason(name, make, code, words):
    """Each kind of bad file is refused with its own code and a message that
    names the reason."""
    error = refusal(validate_upload, name, make())
    assert error.code == code
    assert words in str(error)


def test_zip_bomb_named_docx_is_refused(tmp_path):
    """200 MB of zeros deflated into a ~200 KB .docx: refused on its declared
    size, without inflating it."""
    path = corpus.zip_bomb_docx(tmp_path / "bombe.docx")
    assert path.stat().st_size < 1024 * 1024
    with path.open("rb") as handle:
        with pytest.raises(ValidationError) as caught:
            validate_upload(File(handle), path.name)
    assert caught.value.code == "zip_bomb"
    assert "anormalement grand" in str(caught.value)


def test_highly_compressed_docx_is_refused_on_its_ratio(tmp_path):
    """Under the 100 MB cap but over 100:1, a .docx is a bomb all the same."""
    path = corpus.zip_bomb_docx(tmp_path / "ratio.docx", megabytes=20)
    with path.open("rb") as handle:
        with pytest.raises(ValidationError) as caught:
            validate_upload(File(handle), path.name)
    assert caught.value.code == "zip_bomb"


def test_file_over_the_upload_limit_is_refused(tmp_path):
    """30 MB is over the 25 MB default (WAGTAILDOCS_MAX_UPLOAD_SIZE)."""
    path = corpus.oversized_pdf(tmp_path / "gros.pdf")
    with path.open("rb") as handle:
        with pytest.raises(ValidationError) as caught:
            validate_upload(File(handle), path.name)
    assert caught.value.code == "too_large"
    assert "trop volumineux" in str(caught.value) and "25" in str(caught.value)


def test_upload_limit_follows_the_setting(settings):
    """The limit is the configurable setting, not a constant."""
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    assert refusal(validate_upload, "a.pdf", corpus.good_pdf("x")).code == "too_large"


GOOD_DOCUMENTS = [
    ("budget.pdf", lambda: corpus.good_pdf("Budget")),
    ("convention.docx", lambda: corpus.good_docx("Convention")),
    ("guide.odt", lambda: corpus.good_odt("Guide", "Texte")),
    ("budget.xlsx", lambda: corpus.good_xlsx([("poste", "montant")])),
    ("atelier.pptx", lambda: corpus.good_pptx("Atelier")),
    ("liste.csv", lambda: b"nom;commune\nBMCE;Tanger\n"),
    ("notes.txt", lambda: "ملاحظات الاجتماع".encode("cp1256")),
    ("unicode.txt", lambda: "Réunion".encode("utf-16")),
    ("abime.pdf", corpus.corrupt_pdf),
]


@pytest.mark.parametrize(
    "name, make", GOOD_DOCUMENTS, ids=[g[0] for g in GOOD_DOCUMENTS]
)
def test_good_document_is_accepted_and_left_at_its_start(name, make):
    """Real files of every accepted format pass (a damaged but genuine PDF too:
    it is flagged at extraction, not refused), and the file is rewound."""
    handle = io.BytesIO(make())
    validate_upload(File(handle, name), name)
    assert handle.tell() == 0


BAD_IMAGES = [
    ("dessin.svg", corpus.svg_with_script, "svg"),
    ("dessin.png", corpus.svg_with_script, "svg"),
    ("bombe.png", corpus.bomb_png, "too_many_pixels"),
    ("grande.png", lambda: corpus.bomb_png(10_000, 10_000), "too_many_pixels"),
    ("photo.jpg", corpus.good_png, "mismatch"),
    ("prog.png", corpus.elf_executable, "executable"),
    ("page.gif", corpus.html_page, "html"),
    ("vide.png", lambda: b"", "empty"),
    ("abime.png", lambda: corpus.good_png()[:40], "invalid_image"),
    ("photo.bmp", corpus.good_png, "image_extension"),
]


@pytest.mark.parametrize("name, make, code", BAD_IMAGES, ids=[b[0] for b in BAD_IMAGES])
def test_bad_image_is_refused_with_its_reason(name, make, code):
    """SVG (even renamed), decompression bombs (over Pillow's MAX_IMAGE_PIXELS:
    error above twice the limit, warning above it), a type that differs from
    the extension, programs and damaged files are refused."""
    assert refusal(validate_image_upload, name, make()).code == code


def test_good_image_is_accepted():
    """A real PNG named .png passes."""
    validate_image_upload(File(io.BytesIO(corpus.good_png()), "a.png"), "a.png")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\agent\\Bureau\\budget.PDF", "budget.pdf"),
        (".htaccess.txt", "htaccess.txt"),
        ("rapport\u202efdp.exe", "rapportfdp.exe"),
        ("bad\x00name\x1f.docx", "badname.docx"),
        ("الميزانية التشاركية.docx", "الميزانية التشاركية.docx"),
        ("budget   2024!!.xlsx", "budget 2024.xlsx"),
        ("...", "document"),
        ("x" * 300 + ".pdf", "x" * 76 + ".pdf"),
    ],
)
def test_sanitise_filename(name, expected):
    """No path, control or bidi-override characters, no leading dot, Arabic kept,
    extension kept (lower-cased), length limited."""
    assert sanitise_filename(name) == expected


@pytest.mark.django_db
def test_importer_refuses_a_renamed_executable_with_its_line(tmp_path, settings):
    """An attachment that the admin would refuse stops the import: the report
    names the line and the file, and nothing is written."""
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "guide.pdf").write_bytes(corpus.elf_executable())
    records = [practice("ok"), practice("p2", attachments=[{"path": "guide.pdf"}])]
    before = snapshot()
    stderr, message = import_failing(write_jsonl(tmp_path, records))
    reported = [line for line in stderr.splitlines() if line.startswith("ligne 2")]
    assert reported, stderr
    assert "guide.pdf" in reported[0] and "programme exécutable" in reported[0]
    assert "rien n'a été importé" in message
    assert snapshot() == before
    assert not HubDocument.objects.exists()
