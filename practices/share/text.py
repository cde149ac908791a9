"""Plain text typed in a textarea, as the rich text the fiche stores.

Agents write paragraphs separated by an empty line; the text is escaped first, so
whatever they type (``<script>`` included) is shown as typed, never as markup.
The HTML made from it still goes through the hub's one gate for rich text from
outside (``practices.rich_text_sanitiser``), as the importer's does.
"""

import re

from django.utils.html import escape
from wagtail.rich_text import RichText

from ..rich_text_sanitiser import sanitise_rich_text

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


def as_rich_text(text):
    """The HTML of a rich text field ("" when nothing was typed)."""
    return "".join(paragraph_html(p) for p in paragraphs(text))


def as_paragraph_blocks(text):
    """A StreamField value: one paragraph block per typed paragraph."""
    return [("paragraph", RichText(paragraph_html(p))) for p in paragraphs(text)]
