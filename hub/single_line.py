"""One line of text from outside: no control characters, no line breaks.

A title typed with a line break ("…\\r\\nBcc: x@example.org") is harmless on a
page but not in an e-mail header: Django refuses a subject with a newline
(``BadHeaderError``) and the reviewers' notification was never sent. So every
single-line value that enters from outside (share form, importer, page titles)
goes through ``single_line``: line breaks and tabs become one space, the other
C0/C1 control characters (invisible, and refused by XML exports) are removed.
Format characters such as the Arabic letter mark or bidi isolates are kept:
they are text, and right-to-left titles need them.
"""

import re

# CR, LF, TAB and the other characters that end a line (VT, FF, NEL, the
# Unicode line and paragraph separators), in runs: "\r\n" is one space.
_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def single_line(value):
    """``value`` on one line, trimmed; non-strings (None) are returned as is."""
    if not isinstance(value, str):
        return value
    return _CONTROLS.sub("", _BREAKS.sub(" ", value)).strip()


class SingleLineTitles:
    """Page mixin: the titles are put on one line before Wagtail validates or
    saves a draft, whoever set them (the admin's form, a translation, a copy).
    ``minimal_clean`` is what Wagtail runs for a draft, ``full_clean`` for the
    rest."""

    single_line_fields = ("title", "draft_title", "seo_title")

    def _put_titles_on_one_line(self):
        for name in self.single_line_fields:
            setattr(self, name, single_line(getattr(self, name)))

    def full_clean(self, *args, **kwargs):
        self._put_titles_on_one_line()
        return super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._put_titles_on_one_line()
        return super().minimal_clean()
