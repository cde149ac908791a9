"""Sharing a fiche without third-party scripts: the page's absolute address
(to copy) and a ``mailto:`` link that opens the reader's own mail app with the
title as subject and the title and address as body.

``mailto:`` fields are percent-encoded as RFC 6068 asks (UTF-8, spaces as
``%20``, never ``+``, which mail apps would show as is), so an Arabic title
arrives intact.
"""

from urllib.parse import quote


def absolute_url(request, page):
    """The page's address on the host the reader used (the whole-page cache
    keys by host, so one host's address is never served to another)."""
    return request.build_absolute_uri(page.url)


def mailto(title, url):
    subject = quote(title, safe="")
    body = quote(f"{title}\n{url}", safe="")
    return f"mailto:?subject={subject}&body={body}"
