"""The one gate for rich text that does not come from the page editor.

The editor (Draftail) can only produce the elements of its features, stored in
Wagtail's database format; the importer and the share form write HTML
themselves, and templates render it with ``|richtext`` as it is. So whatever
they write passes through ``sanitise_rich_text``: an allow-list (nh3, the
Python binding of the Rust ``ammonia`` sanitiser, which parses as a browser
does, so no entity or nesting trick gets past it) of exactly what the editor's
features store, everything else dropped. Plain text is escaped before (see
``practices.share.text`` and ``practices.importers.writer``), never trusted.

https://docs.wagtail.org/en/stable/extending/rich_text_internals.html
"""

import nh3

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
