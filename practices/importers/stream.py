"""A page's narrative (its ``body`` StreamField) in the exchange format.

The body is a list of blocks, as Wagtail stores them, so that steps,
testimonies and images keep their structure through an export and an import:

    [{"type": "heading", "value": "Étape 1"},
     {"type": "paragraph", "value": "<p>Texte…</p>"},
     {"type": "step", "value": {"title": "…", "period": "…", "description": "…"}},
     {"type": "testimony", "value": {"quote": "…", "author": "…"}},
     {"type": "image", "value": {"path": "images/ref-1.jpg", "title": "…",
                                 "description": "…", "alt_text": "…",
                                 "decorative": false, "visibility": "public"}}]

A text (plain, or HTML) is still accepted: older files have one, and it becomes
one paragraph. Block types and their fields are read from ``narrative_blocks``
(practices/blocks.py), so a block added there is checked and exported the same
way; one this module cannot represent fails loudly (``Unsupported``).
"""

import json

from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from ..blocks import narrative_blocks

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)


class Unsupported(TypeError):
    """A block kind that the exchange format does not describe yet."""


def body_blocks():
    return dict(narrative_blocks())


def kind_of(block):
    if isinstance(block, ImageBlock):
        return "image"
    if isinstance(block, blocks.StructBlock):
        return "struct"
    if isinstance(block, TEXT_BLOCKS):
        return "text"
    raise Unsupported(type(block).__name__)


# Export -----------------------------------------------------------------------


def export_body(stream, image_of):
    """``stream`` (a StreamValue) as a list of {type, value}; ``image_of(image)``
    gives the exported form of an image (its path, or its id)."""
    exported = []
    for block in stream:
        value = export_value(block.block, block.value, image_of)
        if value is not None:  # an image deleted since: nothing to show
            exported.append({"type": block.block_type, "value": value})
    return exported


def export_value(block, value, image_of):
    kind = kind_of(block)
    if kind == "image":
        if value is None:
            return None
        exported = image_of(value)
        if value.contextual_alt_text:
            exported["alt_text"] = value.contextual_alt_text
        if value.decorative:
            exported["decorative"] = True
        return exported
    if kind == "struct":
        return {
            name: value[name]
            for name in block.child_blocks
            if value.get(name) not in (None, "", False)
        }
    return getattr(value, "source", value)  # RichText: its HTML


# Import -----------------------------------------------------------------------


class BodyChecker:
    """Checks a record's body: a text, or a list of blocks. ``check_image``
    checks an image block's value (its file, its visibility) and returns the
    clean one. ValueError names the block at fault (1 for the first)."""

    def __init__(self, check_image):
        self.check_image = check_image
        self.blocks = body_blocks()

    def check(self, value):
        if isinstance(value, str):
            return value
        if not isinstance(value, list):
            raise ValueError(_("texte ou liste de blocs {type, value} attendu"))
        return [self._block(n, item) for n, item in enumerate(value, start=1)]

    def _block(self, number, item):
        try:
            return self._checked(item)
        except ValueError as error:
            raise ValueError(
                _("bloc %(number)d : %(message)s")
                % {"number": number, "message": error}
            ) from None

    def _checked(self, item):
        if not isinstance(item, dict) or set(item) != {"type", "value"}:
            raise ValueError(_("objet {type, value} attendu"))
        block = self.blocks.get(item["type"]) if isinstance(item["type"], str) else None
        if block is None:
            raise ValueError(
                _("type de bloc inconnu %(type)s (attendu : %(allowed)s)")
                % {
                    "type": json.dumps(item["type"], ensure_ascii=False)[:50],
                    "allowed": ", ".join(self.blocks),
                }
            )
        kind, value = kind_of(block), item["value"]
        if kind == "image":
            value = self.check_image(value)
        elif kind == "struct":
            value = self._struct(block, value)
        elif not isinstance(value, str) or (block.required and not value.strip()):
            raise ValueError(_("texte non vide attendu"))
        return {"type": item["type"], "value": value}

    @staticmethod
    def _struct(block, value):
        names = ", ".join(block.child_blocks)
        if not isinstance(value, dict):
            raise ValueError(_("objet attendu, avec : %s") % names)
        unknown = sorted(set(value) - set(block.child_blocks))
        if unknown:
            raise ValueError(
                _("champ(s) inconnu(s) : %(unknown)s (attendu : %(names)s)")
                % {"unknown": ", ".join(unknown), "names": names}
            )
        for name, child in block.child_blocks.items():
            given = value.get(name)
            if isinstance(child, blocks.BooleanBlock):
                if given is not None and not isinstance(given, bool):
                    raise ValueError(_("« %s » : true ou false attendu") % name)
                continue
            if kind_of(child) != "text":
                raise Unsupported(type(child).__name__)
            if given is not None and not isinstance(given, str):
                raise ValueError(_("« %s » : texte attendu") % name)
            if child.required and not (given or "").strip():
                raise ValueError(_("« %s » : champ obligatoire manquant") % name)
        return dict(value)


def stream_data(body, rich_text, image_id):
    """A checked body as StreamField data: a text becomes one paragraph
    (``rich_text`` makes its HTML), image values become image ids."""
    if isinstance(body, str):
        return [{"type": "paragraph", "value": rich_text(body)}] if body else []
    known, data = body_blocks(), []
    for item in body:
        block = known[item["type"]]
        kind, value = kind_of(block), item["value"]
        if kind == "image":
            value = {
                "image": image_id(value),
                "decorative": value.get("decorative", False),
                "alt_text": value.get("alt_text", ""),
            }
        elif kind == "struct":
            value = {
                name: empty_of(child) if value.get(name) is None else value[name]
                for name, child in block.child_blocks.items()
            }
        elif isinstance(block, blocks.RichTextBlock):
            value = rich_text(value)
        data.append({"type": item["type"], "value": value})
    return data


def empty_of(child):
    """What a struct's field left out holds (as the admin's empty form)."""
    return False if isinstance(child, blocks.BooleanBlock) else ""
