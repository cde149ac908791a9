"""Tags typed in Arabic are separated with the Arabic comma « ، » (U+060C) or
semicolon « ؛ » (U+061B), as the share form's own Arabic example does; taggit
splits on the Latin comma only, so « الميزانية التشاركية، الشباب » became tags
ending in « ، ». Every place that reads tags from text goes through here: the
admin's tag field and the share form (taggit's TAGGIT_TAGS_FROM_STRING) and the
importer (split_tags).
"""

import re

from taggit.utils import _parse_tags

# Arabic comma and semicolon, read as the Latin comma that taggit knows.
_ARABIC_SEPARATORS = str.maketrans({"\u060c": ",", "\u061b": ","})
_SEPARATORS = re.compile(r"[,\u060c\u061b]")


def parse_tags(tagstring):
    """taggit's parser (quotes, commas, spaces) with ، and ؛ as commas."""
    if not tagstring:
        return []
    return _parse_tags(tagstring.translate(_ARABIC_SEPARATORS))


def split_tags(value):
    """One tag per separated part of an imported string, in order, no blanks."""
    return [part.strip() for part in _SEPARATORS.split(value) if part.strip()]
