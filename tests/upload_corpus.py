"""Files for the upload and extraction tests, generated on the fly: no binary
fixture lives in git, and the big ones are streamed to disk so that a test stays
fast and small in memory."""

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import openpyxl
from odf.opendocument import OpenDocumentText
from odf.text import H, P
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

MB = 1024 * 1024
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
OOXML_MAIN = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument"
        ".wordprocessingml.document.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument"
        ".presentationml.presentation.main+xml",
    ),
}
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
VBA_TYPE = "application/vnd.ms-office.vbaProject"

# Executables and markup ---------------------------------------------------------


def elf_executable():
    """The header of a 64-bit Linux program, then filler."""
    return b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(500)


def pe_executable():
    """A Windows program: "MZ", the pointer at 0x3C, "PE\\0\\0" where it points."""
    dos = bytearray(b"MZ" + bytes(0x3A)) + struct.pack("<I", 0x80)
    return bytes(dos + bytes(0x80 - len(dos)) + b"PE\x00\x00" + bytes(400))


def html_page():
    return b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script>"


def svg_with_script():
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )


# Office files, good and bad -----------------------------------------------------


def content_types(*overrides, defaults=()):
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="xml" ContentType="application/xml"/>',
    ]
    parts += [f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults]
    parts += [f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in overrides]
    return "".join(parts + ["</Types>"]).encode()


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def macro_docx():
    """A .docm (VBA project and macro-enabled main part) named as a .docx."""
    return zip_bytes(
        {
            "[Content_Types].xml": content_types(
                ("word/document.xml", DOCM_MAIN), defaults=[("bin", VBA_TYPE)]
            ),
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        }
    )


def vba_only_docx():
    """A plain .docx main part that still carries a VBA project."""
    return zip_bytes(
        {
            "[Content_Types].xml": content_types(OOXML_MAIN["docx"]),
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": bytes(512),
        }
    )


def zip_bomb_docx(path, megabytes=200):
    """A .docx whose document part inflates to ``megabytes`` of zeros (about
    200 KB on disk for 200 MB), written a megabyte at a time."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types(OOXML_MAIN["docx"]))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            zeros = bytes(MB)
            for _ in range(megabytes):
                part.write(zeros)
    return path


def many_entries_docx(count=5_001):
    entries = {"[Content_Types].xml": content_types(OOXML_MAIN["docx"])}
    entries.update({f"word/media/p{n}.xml": b"" for n in range(count)})
    return zip_bytes(entries)


def encrypted_zip_docx():
    """A .docx-shaped zip whose entries are flagged as password-encrypted
    (zipfile cannot encrypt, so the flag bit is set in both headers)."""
    data = bytearray(
        zip_bytes(
            {
                "[Content_Types].xml": content_types(OOXML_MAIN["docx"]),
                "word/document.xml": b"<w:document/>",
            }
        )
    )
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + flag_offset] |= 0x1
            start = data.find(signature, start + 4)
    return bytes(data)


def ole_compound_file():
    """What a password-protected .docx (or an old .doc) starts with."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)


def good_docx(*paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def good_odt(heading, *paragraphs):
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=heading))
    for text in paragraphs:
        document.text.addElement(P(text=text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def macro_odt():
    """An .odt with a Basic macro library, as LibreOffice stores one."""
    with zipfile.ZipFile(io.BytesIO(good_odt("Titre")), "r") as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries["Basic/Standard/Module1.xml"] = b"<script:module/>"
    return zip_bytes(entries)


def good_xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def good_pptx(*slides):
    """A minimal presentation: enough parts for our checks and extraction."""
    ns = (
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    )
    entries = {
        "[Content_Types].xml": content_types(OOXML_MAIN["pptx"]),
        "ppt/presentation.xml": b"<p:presentation/>",
    }
    for number, text in enumerate(slides, start=1):
        xml = f"<p:sld {ns}><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:sld>"
        entries[f"ppt/slides/slide{number}.xml"] = xml.encode()
    return zip_bytes(entries)


# PDF ------------------------------------------------------------------------


def good_pdf(*pages, font="Helvetica"):
    """One page per string, drawn with reportlab."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for text in pages:
        pdf.setFont(font, 14)
        pdf.drawString(72, 720, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def dejavu_font():
    """Register DejaVu Sans (Arabic glyphs) with reportlab; its name."""
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    return "DejaVuSans"


def corrupt_pdf():
    """A PDF header, then the middle of a file: right type, unreadable body."""
    return good_pdf("Budget prévisionnel")[:9] + b"\x8f\x01garbage" * 200


def encrypted_pdf(password="secret"):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good_pdf("Secret"))))
    writer.encrypt(user_password=password, algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def oversized_pdf(path, megabytes=30):
    """A PDF header and ``megabytes`` of padding, streamed to disk."""
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.4\n")
        for _ in range(megabytes):
            handle.write(b" " * MB)
    return path


# Images ---------------------------------------------------------------------


def good_png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


def bomb_png(width=100_000, height=100_000):
    """A PNG header declaring ``width`` × ``height`` pixels (10 gigapixels by
    default) in a file of about a hundred bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )
