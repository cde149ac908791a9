"""extract_text on generated files (Arabic PDFs included), and HubDocument
filling its text, page count, checksum and extraction problem on save."""

import hashlib
import io
import unicodedata

import pytest
from django.core.files.base import ContentFile

from documents.arabic_text import logical_arabic
from documents.extraction import MAX_TEXT, extract_text
from documents.models import HubDocument
from tests import upload_corpus as corpus

PHRASE = "الميزانية التشاركية للجماعة"


def extract(data, extension):
    return extract_text(io.BytesIO(data), extension)


def test_pdf_text_and_page_count():
    """pypdf reads every page's text and the page count."""
    result = extract(corpus.good_pdf("Budget prévisionnel", "Calendrier"), "pdf")
    assert result.text == "Budget prévisionnel\nCalendrier"
    assert result.page_count == 2 and result.problem == ""


def test_path_is_accepted_as_well_as_a_file(tmp_path):
    """extract_text opens a path itself."""
    path = tmp_path / "guide.pdf"
    path.write_bytes(corpus.good_pdf("Guide"))
    assert extract_text(path, "PDF").text == "Guide"


@pytest.mark.parametrize(
    "extension, data, expected",
    [
        (
            "docx",
            corpus.good_docx("Convention", "اتفاقية شراكة"),
            "Convention\nاتفاقية شراكة",
        ),
        ("odt", corpus.good_odt("Guide", "Étape une"), "Guide\nÉtape une"),
        (
            "xlsx",
            corpus.good_xlsx([("poste", "montant"), ("salle", 1200)]),
            "salle\t1200",
        ),
        ("pptx", corpus.good_pptx("Atelier", "Restitution"), "Atelier\nRestitution"),
        ("csv", b"nom;montant\nsalle;1200\n", "salle;1200"),
        ("txt", "محضر الاجتماع — réunion".encode("cp1256"), "محضر الاجتماع"),
        ("txt", "محضر".encode("utf-16"), "محضر"),
    ],
)
def test_office_and_text_formats(extension, data, expected):
    """python-docx, odfpy, openpyxl (read-only), slides' text runs, and plain
    text in UTF-8, UTF-16 or Windows-1256 (Arabic and French) all give text."""
    assert expected in extract(data, extension).text


def test_pptx_page_count_is_its_slides():
    assert extract(corpus.good_pptx("a", "b", "c"), "pptx").page_count == 3


def test_text_is_capped():
    """A huge document is cut at MAX_TEXT characters for the search index."""
    rows = [(f"ligne {n} " + "x" * 100,) for n in range(3000)]
    text = extract(corpus.good_xlsx(rows), "xlsx").text
    assert len(text) == MAX_TEXT


@pytest.mark.parametrize(
    "data, words",
    [
        (corpus.corrupt_pdf(), "endommagé"),
        (corpus.encrypted_pdf(), "mot de passe"),
        (corpus.good_pdf(""), "scannée"),
    ],
    ids=["corrupt", "encrypted", "no-text"],
)
def test_unreadable_pdf_gives_empty_text_and_a_problem(data, words):
    """A damaged, password-protected or image-only PDF never raises: empty text,
    a problem that says why."""
    result = extract(data, "pdf")
    assert result.text == "" and words in result.problem


def test_corrupt_office_file_gives_a_problem():
    result = extract(corpus.good_docx("x")[:300], "docx")
    assert result.text == "" and "endommagé" in result.problem


# Arabic PDFs -----------------------------------------------------------------


def presentation_forms():
    """(letter, "<initial>"…) → its presentation form, from Unicode's own data."""
    forms = {}
    for code in range(0xFE70, 0xFEFD):
        shape, _, letter = unicodedata.decomposition(chr(code)).partition(" ")
        if letter and " " not in letter:
            forms[(chr(int(letter, 16)), shape)] = chr(code)
    return forms


PRESENTATION_FORMS = presentation_forms()


def _joins_next(letter):
    return (letter, "<initial>") in PRESENTATION_FORMS


def shaped(word):
    """``word`` in presentation forms (a tiny Arabic shaper, enough for the test
    phrase: no lam-alef ligature in it)."""
    forms = []
    for i, letter in enumerate(word):
        after = i > 0 and _joins_next(word[i - 1])
        before = i + 1 < len(word) and _joins_next(letter)
        shape = {(True, True): "<medial>", (False, True): "<initial>"}.get(
            (after, before), "<final>" if after else "<isolated>"
        )
        forms.append(PRESENTATION_FORMS.get((letter, shape), letter))
    return "".join(forms)


def visual(line):
    """Shaped and in visual order, as Arabic is drawn by reportlab users (the
    usual reshape-then-reorder recipe) and by most PDF producers."""
    return " ".join(shaped(word) for word in line.split())[::-1]


@pytest.fixture
def arabic_font():
    if not corpus.DEJAVU.exists():
        pytest.skip(f"{corpus.DEJAVU} is absent (Debian package fonts-dejavu-core)")
    return corpus.dejavu_font()


@pytest.mark.parametrize(
    "drawn",
    [visual(PHRASE), PHRASE],
    ids=["visual-presentation-forms", "logical-letters"],
)
def test_arabic_pdf_comes_out_as_logical_text(arabic_font, drawn):
    """Presentation forms drawn in visual order (pypdf returns them reversed
    into logical order, still as shapes) and plain letters drawn in logical order
    (pypdf returns them reversed) both come out as normal Arabic text."""
    data = corpus.good_pdf("Budget participatif", drawn, font=arabic_font)
    result = extract(data, "pdf")
    assert result.text == f"Budget participatif\n{PHRASE}"
    assert not any("\ufb50" <= char <= "\ufeff" for char in result.text)


def test_logical_arabic_keeps_numbers_and_latin_in_place():
    """Only right-to-left runs are reversed: digits and Latin words stay."""
    assert logical_arabic("ةينازيملا 2024 (ةيكراشتلا) Budget") == (
        "الميزانية 2024 (التشاركية) Budget"
    )
    assert logical_arabic("Budget 2024") == "Budget 2024"
    assert logical_arabic(PHRASE) == PHRASE


# The model hook ----------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def new_document(name, data):
    document = HubDocument(title=name)
    document.file = ContentFile(data, name=name)
    document.save()
    return document


@pytest.mark.django_db
def test_saving_a_document_fills_text_pages_checksum_and_search(media_root):
    """A new file is read on save: text, page count, SHA-256; search finds the
    document by a word of its text (not of its title)."""
    data = corpus.good_pdf("Budget prévisionnel", "Calendrier des ateliers")
    document = new_document("guide.pdf", data)
    document.refresh_from_db()
    assert "Calendrier des ateliers" in document.extracted_text
    assert document.page_count == 2
    assert document.checksum == hashlib.sha256(data).hexdigest()
    assert document.extraction_problem == ""
    assert list(HubDocument.objects.search("ateliers")) == [document]


@pytest.mark.django_db
def test_replacing_the_file_reads_it_again(media_root):
    """A new file replaces the old facts; a save without a new file keeps them."""
    document = new_document("note.docx", corpus.good_docx("Première version"))
    document.title = "Note"
    document.save()
    assert document.extracted_text == "Première version"
    document.file = ContentFile(corpus.corrupt_pdf(), name="note.pdf")
    document.save()
    document.refresh_from_db()
    assert document.extracted_text == "" and document.page_count is None
    assert "endommagé" in document.extraction_problem
