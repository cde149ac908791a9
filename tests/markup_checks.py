"""What a page must never contain once hostile text went in: markup that can run
script. Parsed as HTML (entities decoded, as a browser reads attributes), not
searched as text, so that an escaped ``&lt;script&gt;`` shown as typed is fine."""

import json
import re
from html.parser import HTMLParser

# Elements that run, embed or restyle content; the hub's own pages have none
# (the training page's video player aside, not used by these tests).
ACTIVE_ELEMENTS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "style",
    "base",
    "template",
    "noscript",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"}
SCRIPT_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
# Browsers ignore these inside a URL's scheme ("java\tscript:").
IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._in_script = False
        self._data_block = None  # the text of a JSON-LD block being read

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and SCRIPT_URL.match(
                IGNORED_IN_URLS.sub("", value)
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
            if tag == "meta" and name == "http-equiv":
                self.found.append(f"<meta http-equiv={value!r}>")
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            # A data block (the page's schema.org description): never run by a
            # browser; it must hold one JSON value, or text broke out of it.
            self._data_block = []
        elif tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.found.append(f"<script src={src!r}>")
            self._in_script = True
        if tag in ACTIVE_ELEMENTS:
            self.found.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag == "script" and self._data_block is not None:
            try:
                json.loads("".join(self._data_block))
            except ValueError:
                self.found.append("a JSON-LD block that is not JSON")
            self._data_block = None
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._data_block is not None:
            self._data_block.append(data)
        elif self._in_script and data.strip():
            self.found.append(f"inline script {data.strip()[:40]!r}")


def script_capable_markup(html):
    """Every piece of ``html`` that could run script (empty: none)."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found
