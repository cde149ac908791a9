"""Office documents are zip archives: check the archive, then what it holds.

Every reader we use (python-docx, openpyxl, odfpy, our own) goes through Python's
``zipfile``, which never inflates an entry beyond the size its header declares
(it stops there and fails the CRC check). So the declared sizes are an upper
bound of what the server will ever decompress, and checking them is enough to
stop zip bombs, including those whose entries overlap.
"""

import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.template.defaultfilters import filesizeformat

from .refusals import refuse
from .sniffing import describe

MAX_ENTRIES = 5_000  # a large real workbook has a few hundred
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100  # text-heavy Office files compress about 10:1
# Below this the ratio does not matter: a tiny file cannot fill memory or disk.
RATIO_FLOOR = 5 * 1024 * 1024
MAX_PART = 5 * 1024 * 1024  # the small XML parts read here

# Password-protected .docx/.xlsx/.pptx and the old .doc/.xls/.ppt are OLE
# "compound files", not zips.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
ENCRYPTED_FLAG = 0x1

OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument"
    ".wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument"
    ".spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument"
    ".presentationml.presentation.main+xml",
}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# Where VBA lives in OOXML; ODF keeps Basic macros under Basic/ and
# Python/JavaScript/BeanShell ones under Scripts/.
OOXML_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
ODF_MACRO_FOLDERS = ("Basic/", "Scripts/")


def open_archive(file, head, extension, size):
    """The file as a ``ZipFile`` once it is known to be a safe archive."""
    if head.startswith(OLE_SIGNATURE):
        refuse("legacy_or_encrypted", format=extension.upper())
    if not head.startswith(ZIP_SIGNATURE):
        refuse("mismatch", found=describe(head), extension=extension)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        refuse("invalid", format=extension.upper())
    check_archive_safety(archive.infolist(), size)
    return archive


def check_archive_safety(entries, size):
    """Refuse encrypted archives (their content cannot be checked) and bombs."""
    if len(entries) > MAX_ENTRIES:
        refuse("too_many_entries", count=len(entries), max_count=MAX_ENTRIES)
    if any(entry.flag_bits & ENCRYPTED_FLAG for entry in entries):
        refuse("encrypted")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED or (total > RATIO_FLOOR and total > MAX_RATIO * size):
        refuse("zip_bomb", size=filesizeformat(total))


def read_part(archive, name, extension):
    """A small part of the archive, or a refusal if it is missing or oversized."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        refuse("invalid", format=extension.upper())
    if info.file_size > MAX_PART:
        refuse("invalid", format=extension.upper())
    return archive.read(info)


def ooxml_content_types(archive, extension):
    """Every content type that ``[Content_Types].xml`` declares."""
    data = read_part(archive, "[Content_Types].xml", extension)
    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException):
        refuse("invalid", format=extension.upper())
    return {element.get("ContentType", "") for element in root}


def check_ooxml(file, head, extension, size):
    """A .docx/.xlsx/.pptx: a zip whose main part is the one its extension
    names, without VBA macros (which a renamed .docm/.xlsm would carry)."""
    with open_archive(file, head, extension, size) as archive:
        names = archive.namelist()
        types = ooxml_content_types(archive, extension)
    if has_vba(names, types):
        refuse("macros")
    if OOXML_MAIN_TYPES[extension] not in types:
        found = [ext for ext, main in OOXML_MAIN_TYPES.items() if main in types]
        refuse("mismatch", found=(found or ["zip"])[0].upper(), extension=extension)


def has_vba(names, types):
    """A VBA project part, or a content type that only macro files use."""
    declared = " ".join(types).lower()
    return (
        any(name.lower().endswith(OOXML_MACRO_PARTS) for name in names)
        or "macroenabled" in declared
        or "vbaproject" in declared
    )


def check_odf(file, head, extension, size):
    """An .odt/.ods/.odp: a zip whose ``mimetype`` entry matches the extension,
    without macros, and not password-protected (ODF encrypts entries itself
    and records it in the manifest, the zip looks unencrypted)."""
    with open_archive(file, head, extension, size) as archive:
        mimetype = read_part(archive, "mimetype", extension)
        names = archive.namelist()
        manifest = read_part(archive, "META-INF/manifest.xml", extension)
    if any(name.startswith(ODF_MACRO_FOLDERS) for name in names):
        refuse("macros")
    if b"encryption-data" in manifest:
        refuse("encrypted")
    mimetype = mimetype.decode("ascii", "replace").strip()
    if mimetype != ODF_MIMETYPES[extension]:
        found = [ext for ext, value in ODF_MIMETYPES.items() if value == mimetype]
        refuse("mismatch", found=(found or ["zip"])[0].upper(), extension=extension)
