"""Searchable text and page count of a document, whatever its format.

``extract_text`` never raises: a corrupt, encrypted or unreadable file gives
empty text and a ``problem`` that editors see, because a document that cannot
be read is still worth publishing (search then finds it by its title).
Uploads have already been checked (``documents.uploads``), so the readers here
only meet files of the format their extension names, of bounded size.
"""

import codecs
import logging
import re
import zipfile
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _
from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load as load_odf
from pypdf import PdfReader

from hub.text import join_capped

from .arabic_text import logical_arabic

logger = logging.getLogger(__name__)

# Enough for the search index to know what a document is about; a 500-page
# report would otherwise weigh megabytes in every search backend.
MAX_TEXT = 200_000


@dataclass(frozen=True)
class ExtractResult:
    text: str = ""
    page_count: int | None = None
    problem: str = ""


class EncryptedDocument(Exception):
    """The document needs a password to be read."""


def from_pdf(stream):
    reader = PdfReader(stream)
    # Many PDFs are encrypted with an empty user password (only printing or
    # copying is restricted): those open with "".
    if reader.is_encrypted and not reader.decrypt(""):
        raise EncryptedDocument
    pages = reader.pages
    text = join_capped((page.extract_text() or "" for page in pages), MAX_TEXT)
    return logical_arabic(text), len(pages)


def from_docx(stream):
    document = docx.Document(stream)
    return join_capped(_docx_blocks(document), MAX_TEXT), None


def _docx_blocks(document):
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                yield "\t".join(cell.text for cell in row.cells)
        else:
            yield block.text


def from_odf(stream):
    return join_capped(_odf_paragraphs(load_odf(stream).body), MAX_TEXT), None


def _odf_paragraphs(node):
    """Headings and paragraphs in document order: in ODF they hold all the text
    of documents, spreadsheet cells and slides alike."""
    for child in node.childNodes:
        if getattr(child, "qname", None) in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield teletype.extractText(child)
        else:
            yield from _odf_paragraphs(child)


def from_xlsx(stream):
    workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    try:
        return join_capped(_xlsx_rows(workbook), MAX_TEXT), None
    finally:
        workbook.close()


def _xlsx_rows(workbook):
    for sheet in workbook.worksheets:
        yield sheet.title
        for row in sheet.iter_rows(values_only=True):
            yield "\t".join(str(value) for value in row if value is not None)


SLIDE_PART = re.compile(r"ppt/slides/slide(\d+)\.xml")
DRAWING_TEXT = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"


def from_pptx(stream):
    """Slides' text runs (python-pptx would be a dependency for this alone)."""
    with zipfile.ZipFile(stream) as archive:
        numbered = (SLIDE_PART.fullmatch(name) for name in archive.namelist())
        slides = sorted((int(m.group(1)), m.group(0)) for m in numbered if m)
        texts = (_slide_text(archive.read(name)) for _, name in slides)
        return join_capped(texts, MAX_TEXT), len(slides)


def _slide_text(xml):
    return " ".join(run.text or "" for run in fromstring(xml).iter(DRAWING_TEXT))


def from_plain(stream):
    return decode_text(stream.read(MAX_TEXT * 4))[:MAX_TEXT], None


def decode_text(data):
    """UTF-16 when it says so, else UTF-8, else Windows-1256: the Arabic Windows
    code page, which also holds the French accented letters of Latin-1."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    try:
        # Incremental, so a character cut by the read limit is not an error.
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data)
    except UnicodeDecodeError:
        return data.decode("cp1256", "replace")


EXTRACTORS = {
    "pdf": from_pdf,
    "docx": from_docx,
    "odt": from_odf,
    "ods": from_odf,
    "odp": from_odf,
    "xlsx": from_xlsx,
    "pptx": from_pptx,
    "txt": from_plain,
    "csv": from_plain,
}


def extract_text(path_or_file, extension):
    """``ExtractResult(text, page_count, problem)`` for a path or binary file."""
    extractor = EXTRACTORS.get(str(extension).lower().lstrip("."))
    if extractor is None:
        return ExtractResult(problem=_("Ce format ne permet pas d'extraire le texte."))
    opened = (
        open(path_or_file, "rb")  # closed by the "with" below
        if isinstance(path_or_file, str | Path)
        else nullcontext(path_or_file)
    )
    try:
        with opened as stream:
            text, page_count = extractor(stream)
    except EncryptedDocument:
        return ExtractResult(problem=_("Le document est protégé par un mot de passe."))
    except Exception:
        # Readers fail on damaged files in countless ways (their own errors,
        # KeyError, zlib.error, RecursionError…): any of them means "unreadable".
        logger.warning("Text extraction failed (%s)", extension, exc_info=True)
        return ExtractResult(problem=_("Le fichier est endommagé ou illisible."))
    return ExtractResult(text, page_count, _problem_of(text, extension))


def _problem_of(text, extension):
    if not text.strip() and extension == "pdf":
        return _("Aucun texte trouvé : le PDF est sans doute une image scannée.")
    return ""
