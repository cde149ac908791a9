"""Text that enters from outside, as the rich text the hub stores.

* Plain text (a textarea of the share form, a field of an import file) becomes
  paragraphs: they are separated by an empty line, every line is escaped first,
  so whatever was typed (``<script>`` included) is shown as typed, never as
  markup; single line breaks are kept. ``plain_text_to_html`` makes the HTML of
  a rich text field, ``paragraph_blocks`` a StreamField's paragraph blocks.
* The one gate for rich text that does not come from the page editor. The
  editor (Draftail) can only produce the elements of its features, stored in
  Wagtail's database format; the importer and the share form write HTML
  themselves, and templates render it with ``|richtext`` as it is. So whatever
  they write passes through ``sanitise_rich_text``: an allow-list (nh3, the
  Python binding of the Rust ``ammonia`` sanitiser, which parses as a browser
  does, so no entity or nesting trick gets past it) of exactly what the
  editor's features store, everything else dropped.
  https://docs.wagtail.org/en/stable/extending/rich_text_internals.html
* ``join_capped``: pieces of text (a document's pages, a page's attachments)
  joined up to a length, without reading further than needed.
"""

import re

import nh3
from django.utils.html import escape
from wagtail.rich_text import RichText

# What each editor feature stores (wagtail/admin/wagtail_hooks.py, the
# "from_database_format" of each feature): the features of the hub's
# RichTextFields and RichTextBlocks, and nothing else — a test keeps the two
# lists equal. Paragraphs and line breaks are what every editor writes.
FEATURE_TAGS = {
    "bold": {"b", "strong"},
    "italic": {"i", "em"},
    "link": {"a"},
    "ol": {"ol", "li"},
    "ul": {"ul", "li"},
    "h3": {"h3"},
    "h4": {"h4"},
}
ALWAYS = {"p", "br"}
ALLOWED_TAGS = ALWAYS.union(*FEATURE_TAGS.values())

# Links: an external URL (these schemes, or relative), or Wagtail's internal
# page link ``<a linktype="page" id="12">``, turned into the page's URL on
# rendering. Other link types and ``<embed>`` (images, media) are features the
# hub's editors do not have.
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Dropped with their content, not only their tags: their text is code.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object"}


def _page_id_only(tag, name, value):
    """An ``id`` is kept only as a page link's id: a number a page id can be
    (Wagtail looks it up on rendering; anything else would fail there)."""
    if name != "id":
        return value
    return value if value.isascii() and value.isdigit() and len(value) <= 9 else None


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes={"a": {"href", "id"}},
    tag_attribute_values={"a": {"linktype": {"page"}}},
    attribute_filter=_page_id_only,
    url_schemes=URL_SCHEMES,
    # Wagtail's storage format has no rel: a stored link is what the editor
    # writes, so that importing then editing changes nothing.
    link_rel=None,
    strip_comments=True,
)


def sanitise_rich_text(html):
    """``html`` with only the elements and attributes the editor could store."""
    return _cleaner.clean(html or "")


# Paragraphs are separated by a line with nothing, or only spaces, on it.
_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(text):
    """The non-empty paragraphs of ``text`` (newlines normalised)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]


def paragraph_html(paragraph):
    """One escaped paragraph; single line breaks are kept (``<br>``)."""
    lines = [escape(line.strip()) for line in paragraph.split("\n")]
    return sanitise_rich_text(
        "<p>" + "<br/>".join(line for line in lines if line) + "</p>"
    )


def plain_text_to_html(text, *, html_passes=False):
    """The HTML of a rich text field ("" when there is no text). With
    ``html_passes`` (import files, whose older rows hold HTML), a text that
    starts with a tag is taken as HTML, kept as far as the editor could have
    written it: a file's ``<script>`` or ``onerror=`` never reaches a page."""
    if html_passes and (text or "").lstrip().startswith("<"):
        return sanitise_rich_text(text)
    return "".join(paragraph_html(p) for p in paragraphs(text))


def paragraph_blocks(text):
    """A StreamField value: one paragraph block per paragraph of ``text``."""
    return [("paragraph", RichText(paragraph_html(p))) for p in paragraphs(text)]


def join_capped(pieces, limit):
    """Join non-empty ``pieces`` with newlines, reading no further than needed
    to fill ``limit`` characters (a huge workbook is not read to its end)."""
    text, length = [], 0
    for piece in pieces:
        piece = (piece or "").strip()
        if piece:
            text.append(piece)
            length += len(piece) + 1
        if length >= limit:
            break
    return "\n".join(text)[:limit]
