"""Checking one field's value, by kind (see fields.py); each checker returns the
clean value or raises ValueError with the message the editor will read."""

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag

from documents.uploads.validation import (
    UploadRefused,
    validate_image_upload,
    validate_upload,
)
from hub.single_line import single_line
from hub.tag_parsing import split_tags
from programme.models import Commune, Region, Theme

from . import visibility
from .fields import STATUSES
from .indicators import check_indicators
from .stream import BodyChecker

# The spec lets --create-missing add places and themes only: target publics and
# document kinds are the programme's closed lists, and a partnership needs two
# communes that a bare name cannot give.
CREATABLE = (Commune, Region, Theme)
DOCUMENT_LANGUAGES = ("fr", "ar", "fr-ar")
IMAGE_TEXTS = ("title", "description", "alt_text")
# Text fields kept on one line (hub.single_line), as are titles, tags, term
# names and the short values of list items; the others are paragraphs.
SINGLE_LINE_TEXT = {"duration"}
MULTI_LINE_ITEM_KEYS = {"description"}


@dataclass
class TermRef:
    """A vocabulary term named by a record: known by slug, or to be created."""

    model: type
    slug: str
    name: str = ""
    create: bool = False


class TermIndex:
    """Slugs and names (any language, any case) of every term, loaded once."""

    def __init__(self):
        self._by_model = {}

    def resolve(self, model, value):
        lookup = self._lookup(model)
        key = value.strip().casefold()
        # A name typed without its accents (Tetouan for Tétouan) still finds the
        # term through its slug.
        return lookup.get(key) or lookup.get(slugify(value))

    def _lookup(self, model):
        if model not in self._by_model:
            rows = list(model.objects.values_list("slug", "name"))
            lookup = {}
            for slug, name in rows:
                lookup.setdefault(name.strip().casefold(), slug)
            # Slugs win over names: a slug is what exports and links use.
            lookup.update({slug.casefold(): slug for slug, _name in rows})
            self._by_model[model] = lookup
        return self._by_model[model]

    def add(self, model, value, slug):
        self._lookup(model)[value.strip().casefold()] = slug


class TagIndex:
    """Existing tags by name (any case) or slug, so that « Budget », « budget »
    and « budget-participatif » do not become three tags; the first spelling wins,
    on the site or else in the file."""

    def __init__(self):
        self._names = None

    def resolve(self, value):
        if self._names is None:
            self._names = {}
            for name, slug in Tag.objects.values_list("name", "slug"):
                self._names.setdefault(name.casefold(), name)
                self._names.setdefault(slug.casefold(), name)
        value = single_line(value)[:100]
        return self._names.setdefault(value.casefold(), value)


class ValueChecker:
    """One ``check_<kind>`` method per field kind."""

    def __init__(self, base_dir, create_missing=False):
        self.base_dir = Path(base_dir).resolve()
        self.create_missing = create_missing
        self.terms = TermIndex()
        self.tags = TagIndex()
        self._group_keys = None

    def check(self, spec, value):
        return getattr(self, f"check_{spec.kind}")(spec, value)

    def check_text(self, spec, value):
        if not isinstance(value, str):
            raise ValueError(_("texte attendu"))
        if spec.name in SINGLE_LINE_TEXT:
            return single_line(value)
        return value.strip()

    check_rich = check_text

    def check_body(self, spec, value):
        """A text (older files: one paragraph) or a list of blocks (stream.py)."""
        if isinstance(value, str):
            return self.check_text(spec, value)
        return BodyChecker(self.check_image).check(value)

    def check_image(self, value):
        """An image block's value: the file (checked as the admin's image upload
        is), its texts, and the visibility of the collection it goes to."""
        allowed = ("path", *IMAGE_TEXTS, "decorative", "visibility")
        if not isinstance(value, dict):
            raise ValueError(_("objet attendu, avec : %s") % ", ".join(allowed))
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            raise ValueError(_("champ(s) inconnu(s) : %s") % ", ".join(unknown))
        if not isinstance(value.get("path"), str) or not value["path"].strip():
            raise ValueError(_("« path » : chemin du fichier image manquant"))
        if any(not isinstance(value.get(k, ""), str) for k in IMAGE_TEXTS):
            raise ValueError(_("« %s » : texte attendu") % "/".join(IMAGE_TEXTS))
        if any(len(value.get(k, "")) > 255 for k in ("title", "description")):
            raise ValueError(_("255 caractères au plus"))
        if not isinstance(value.get("decorative", False), bool):
            raise ValueError(_("« %s » : true ou false attendu") % "decorative")
        if not value.get("decorative") and not value.get("alt_text", "").strip():
            raise ValueError(
                _("texte alternatif manquant (alt_text), ou « decorative » : true")
            )
        clean = dict(value)
        clean["file"] = self.attachment_file(value["path"], validate_image_upload)
        if "visibility" in value:
            clean["visibility"] = self.visibility(value["visibility"])
        return clean

    def check_visibility(self, spec, value):
        return self.visibility(value)

    def visibility(self, value):
        if self._group_keys is None:
            self._group_keys = visibility.GroupKeys()
        return visibility.check(value, self._group_keys)

    def check_int(self, spec, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(_("nombre entier positif attendu"))
        if spec.name == "year" and not 1900 <= value <= 2100:
            raise ValueError(_("année invalide %d (1900 à 2100)") % value)
        return value

    def check_date(self, spec, value):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except (TypeError, ValueError):
            raise ValueError(_("date AAAA-MM-JJ attendue")) from None

    def check_choice(self, spec, value):
        if value not in STATUSES:
            raise ValueError(
                _("valeur inconnue « %(value)s » (attendu : %(allowed)s)")
                % {"value": value, "allowed": ", ".join(STATUSES)}
            )
        return value

    def term(self, spec, value):
        if not isinstance(value, str) or not single_line(value):
            raise ValueError(_("nom ou identifiant attendu"))
        slug = self.terms.resolve(spec.model, value)
        if slug is not None:
            return TermRef(spec.model, slug)
        if not self.create_missing or spec.model not in CREATABLE:
            raise ValueError(self._unknown_message(spec, value))
        slug = slugify(value) or "term-" + hashlib.sha1(value.encode()).hexdigest()[:10]
        # Later records naming the same new term find it instead of creating it again.
        self.terms.add(spec.model, value, slug)
        return TermRef(spec.model, slug, single_line(value), create=True)

    def _unknown_message(self, spec, value):
        if spec.model in CREATABLE:
            return (
                _(
                    "« %s » inconnu (ajoutez-le dans l'administration "
                    "ou relancez avec --create-missing)"
                )
                % value
            )
        return _("« %s » inconnu (ajoutez-le dans l'administration)") % value

    def check_term(self, spec, value):
        return self.term(spec, value)

    def check_terms(self, spec, value):
        if not isinstance(value, list):
            raise ValueError(_("liste attendue"))
        terms = {}
        for item in value:
            ref = self.term(spec, item)
            terms.setdefault(ref.slug, ref)
        return list(terms.values())

    def check_tags(self, spec, value):
        if not isinstance(value, list) or not all(
            isinstance(t, str) and single_line(t) for t in value
        ):
            raise ValueError(_("liste de mots-clés (textes) attendue"))
        return sorted(
            {self.tags.resolve(tag) for item in value for tag in split_tags(item)}
        )

    def check_participants(self, spec, value):
        if not isinstance(value, dict):
            raise ValueError(_("objet {public: nombre} attendu"))
        clean = {}
        for public, count in value.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(
                    _("nombre de participants invalide pour « %s »") % public
                )
            clean[self.term(spec, public).slug] = count
        return clean

    def list_of_objects(self, value, required, optional=()):
        if not isinstance(value, list):
            raise ValueError(_("liste attendue"))
        clean = []
        for item in value:
            if not isinstance(item, dict) or any(
                not isinstance(item.get(k), str) or not single_line(item.get(k))
                for k in required
            ):
                raise ValueError(
                    _("chaque élément doit avoir : %s") % ", ".join(required)
                )
            clean.append(
                {
                    k: str(item[k]).strip()
                    if k in MULTI_LINE_ITEM_KEYS
                    else single_line(str(item[k]))
                    for k in (*required, *optional)
                    if item.get(k)
                }
            )
        return clean

    def check_indicators(self, spec, value):
        return check_indicators(value, lambda public: self.term(spec, public).slug)

    def check_sessions(self, spec, value):
        """Sessions, and the notes between them ({"note": "…"})."""
        if not isinstance(value, list):
            raise ValueError(_("liste attendue"))
        return [self._session_or_note(item) for item in value]

    def _session_or_note(self, item):
        if not isinstance(item, dict) or set(item) != {"note"}:
            [session] = self.list_of_objects(
                [item], ("title",), ("duration", "description")
            )
            return session
        if not isinstance(item["note"], str) or not item["note"].strip():
            raise ValueError(_("« note » : texte attendu"))
        return {"note": item["note"]}

    def check_attachments(self, spec, value):
        items = self.list_of_objects(value, ("path",), ("title", "language"))
        # One clean item per item, in order.
        for item, given in zip(items, value, strict=True):
            item["file"] = self.attachment_file(item["path"])
            if given.get("visibility") is not None:
                item["visibility"] = self.visibility(given["visibility"])
            if item.get("language", "fr") not in DOCUMENT_LANGUAGES:
                raise ValueError(
                    _("langue de fichier inconnue : %s") % item["language"]
                )
        return items

    def attachment_file(self, relative, validate=validate_upload):
        path = (self.base_dir / relative).resolve()
        # Paths are relative to the import file and stay inside its folder: an
        # import must not be able to publish any file of the server.
        if not path.is_relative_to(self.base_dir):
            raise ValueError(
                _("chemin hors du dossier du fichier importé : %s") % relative
            )
        if not path.is_file():
            raise ValueError(_("fichier joint introuvable : %s") % relative)
        # The checks the admin's upload form runs (format, size, real content:
        # no executable renamed .pdf, no macros, no zip bomb), before anything
        # is stored, so that a refusal is reported with its line like any error.
        with path.open("rb") as handle:
            try:
                validate(handle, path.name)
            except UploadRefused as refusal:
                raise ValueError(f"{relative} : {refusal}") from None
        return path
