"""Reading and checking a JSON Lines file before anything is written.

Every problem is collected with its line number and field, so one run tells the
editor everything that is wrong with the file instead of one error at a time.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Partnership, find_page_by_ref
from .fields import KNOWN_NAMES, LANGUAGES, PAGE_TYPES, STATUSES, fields_for

REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,119}$")


@dataclass
class Problem:
    line: int
    field: str | None
    message: str

    def __str__(self):
        where = _("ligne %(line)d") % {"line": self.line}
        if self.field:
            where += ", " + _("champ « %(field)s »") % {"field": self.field}
        return f"{where} : {self.message}"


@dataclass
class TermRef:
    """A vocabulary term named by a record: known by slug, or to be created."""

    model: type
    slug: str
    name: str = ""
    create: bool = False


@dataclass
class Record:
    line: int
    data: dict
    warnings: list = field(default_factory=list)

    @property
    def ref(self):
        return self.data["ref"]


class TermIndex:
    """Slugs and names (any language, any case) of every term, loaded once."""

    def __init__(self):
        self._by_model = {}

    def resolve(self, model, value):
        if model not in self._by_model:
            lookup = {}
            for slug, name in model.objects.values_list("slug", "name"):
                lookup[slug.casefold()] = slug
                lookup.setdefault(name.casefold(), slug)
            self._by_model[model] = lookup
        return self._by_model[model].get(value.strip().casefold())


class RecordReader:
    def __init__(self, path, create_missing=False):
        self.path = Path(path)
        self.base_dir = self.path.parent
        self.create_missing = create_missing
        self.terms = TermIndex()
        self.problems = []
        self.records = []
        self._refs = {}  # ref -> (line, language, type)

    def read(self):
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.problems.append(Problem(0, None, _("fichier illisible : %s") % error))
            return self
        for number, raw in enumerate(text.splitlines(), start=1):
            if raw.strip():
                self._read_line(number, raw)
        return self

    def fail(self, line, name, message):
        self.problems.append(Problem(line, name, message))

    def _read_line(self, line, raw):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            self.fail(
                line,
                None,
                _("JSON invalide (%(msg)s, colonne %(col)d)")
                % {"msg": error.msg, "col": error.colno},
            )
            return
        if not isinstance(data, dict):
            self.fail(line, None, _("chaque ligne doit être un objet JSON {…}"))
            return
        before = len(self.problems)
        clean = self._check_header(line, data)
        if clean is None:
            return
        for spec in fields_for(clean["type"]):
            if spec.name in data and data[spec.name] not in (None, "", [], {}):
                value = self._check_value(line, spec, data[spec.name])
                if value is not None:
                    clean[spec.name] = value
        record = Record(line, clean)
        record.warnings = [
            Problem(line, name, _("champ inconnu, ignoré"))
            for name in data
            if name not in KNOWN_NAMES
        ]
        if len(self.problems) == before:
            self.records.append(record)

    def _check_header(self, line, data):
        ok = True
        ref = data.get("ref")
        if not isinstance(ref, str) or not ref.strip():
            self.fail(line, "ref", _("champ obligatoire manquant"))
            ok = False
        elif not REF_PATTERN.match(ref):
            self.fail(
                line,
                "ref",
                _("lettres, chiffres, « - », « _ » ou « . » seulement (120 au plus)"),
            )
            ok = False
        elif ref in self._refs:
            self.fail(
                line,
                "ref",
                _("référence en double (déjà ligne %d)") % self._refs[ref][0],
            )
            ok = False
        page_type = data.get("type") or "practice"
        if page_type not in PAGE_TYPES:
            self.fail(
                line,
                "type",
                _("type inconnu « %(value)s » (attendu : %(allowed)s)")
                % {"value": page_type, "allowed": ", ".join(PAGE_TYPES)},
            )
            ok = False
        language = data.get("language")
        if language in (None, ""):
            self.fail(line, "language", _("champ obligatoire manquant"))
            ok = False
        elif language not in LANGUAGES:
            self.fail(
                line,
                "language",
                _("langue inconnue « %(value)s » (attendu : %(allowed)s)")
                % {"value": language, "allowed": ", ".join(LANGUAGES)},
            )
            ok = False
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            self.fail(line, "title", _("champ obligatoire manquant"))
            ok = False
        elif len(title) > 255:
            self.fail(line, "title", _("255 caractères au plus"))
            ok = False
        if ok:
            ok = self._check_existing(line, ref, page_type, language)
        if not ok:
            return None
        clean = {
            "ref": ref,
            "type": page_type,
            "language": language,
            "title": title.strip(),
        }
        self._refs[ref] = (line, language, page_type)
        source = data.get("translation_of")
        if source not in (None, ""):
            if self._check_translation_of(line, source, language, page_type):
                clean["translation_of"] = source
            else:
                return None
        return clean

    def _check_existing(self, line, ref, page_type, language):
        """Upserting may not turn a practice into a template, nor move languages."""
        page = find_page_by_ref(ref)
        if page is None:
            return True
        if page.import_type != page_type:
            self.fail(
                line,
                "type",
                _("« %(ref)s » existe déjà sur le site avec le type « %(type)s »")
                % {"ref": ref, "type": page.import_type},
            )
            return False
        if page.locale.language_code != language:
            self.fail(
                line,
                "language",
                _("« %(ref)s » existe déjà sur le site en « %(lang)s »")
                % {"ref": ref, "lang": page.locale.language_code},
            )
            return False
        return True

    def _check_translation_of(self, line, source, language, page_type):
        if not isinstance(source, str):
            self.fail(
                line,
                "translation_of",
                _("doit être la référence d'un autre enregistrement"),
            )
            return False
        if source in self._refs:
            _line, source_language, source_type = self._refs[source]
        else:
            page = find_page_by_ref(source)
            if page is None:
                self.fail(
                    line,
                    "translation_of",
                    _(
                        "référence inconnue « %s » "
                        "(ni plus haut dans le fichier, ni sur le site)"
                    )
                    % source,
                )
                return False
            source_language = page.locale.language_code
            source_type = page.import_type
        if source_language == language:
            self.fail(
                line,
                "translation_of",
                _("une traduction doit être dans une autre langue que l'original"),
            )
            return False
        if source_type != page_type:
            self.fail(
                line, "translation_of", _("l'original est de type « %s »") % source_type
            )
            return False
        return True

    def _check_value(self, line, spec, value):
        checker = getattr(self, f"_check_{spec.kind}")
        try:
            return checker(spec, value)
        except ValueError as error:
            self.fail(line, spec.name, str(error))
            return None

    def _check_text(self, spec, value):
        if not isinstance(value, str):
            raise ValueError(_("texte attendu"))
        return value.strip()

    _check_rich = _check_body = _check_text

    def _check_int(self, spec, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(_("nombre entier positif attendu"))
        if spec.name == "year" and not 1900 <= value <= 2100:
            raise ValueError(_("année invalide %d") % value)
        return value

    def _check_date(self, spec, value):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except (TypeError, ValueError):
            raise ValueError(_("date AAAA-MM-JJ attendue")) from None

    def _check_choice(self, spec, value):
        if value not in STATUSES:
            raise ValueError(
                _("valeur inconnue « %(value)s » (attendu : %(allowed)s)")
                % {"value": value, "allowed": ", ".join(STATUSES)}
            )
        return value

    def _term(self, spec, value):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(_("nom ou identifiant attendu"))
        slug = self.terms.resolve(spec.model, value)
        if slug is not None:
            return TermRef(spec.model, slug)
        if not self.create_missing or spec.model is Partnership:
            raise ValueError(
                _(
                    "« %s » inconnu (ajoutez-le dans l'administration "
                    "ou relancez avec --create-missing)"
                )
                % value
            )
        return TermRef(
            spec.model,
            slugify(value) or "term-" + hashlib.sha1(value.encode()).hexdigest()[:10],
            value.strip(),
            create=True,
        )

    def _check_term(self, spec, value):
        return self._term(spec, value)

    def _check_terms(self, spec, value):
        if not isinstance(value, list):
            raise ValueError(_("liste attendue"))
        return [self._term(spec, item) for item in value]

    def _check_tags(self, spec, value):
        if not isinstance(value, list) or not all(
            isinstance(t, str) and t.strip() for t in value
        ):
            raise ValueError(_("liste de mots-clés (textes) attendue"))
        return sorted({t.strip()[:100] for t in value})

    def _check_participants(self, spec, value):
        if not isinstance(value, dict):
            raise ValueError(_("objet {public: nombre} attendu"))
        clean = {}
        for public, count in value.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(
                    _("nombre de participants invalide pour « %s »") % public
                )
            clean[self._term(spec, public).slug] = count
        return clean

    def _check_list_of_objects(self, value, required, optional=()):
        if not isinstance(value, list):
            raise ValueError(_("liste attendue"))
        clean = []
        for item in value:
            if not isinstance(item, dict) or any(
                not isinstance(item.get(k), str) or not item.get(k).strip()
                for k in required
            ):
                raise ValueError(
                    _("chaque élément doit avoir : %s") % ", ".join(required)
                )
            clean.append(
                {k: str(item[k]).strip() for k in (*required, *optional) if item.get(k)}
            )
        return clean

    def _check_indicators(self, spec, value):
        return self._check_list_of_objects(value, ("label", "value"))

    def _check_sessions(self, spec, value):
        return self._check_list_of_objects(
            value, ("title",), ("duration", "description")
        )

    def _check_attachments(self, spec, value):
        items = self._check_list_of_objects(value, ("path",), ("title", "language"))
        for item in items:
            path = (self.base_dir / item["path"]).resolve()
            if not path.is_file():
                raise ValueError(_("fichier joint introuvable : %s") % item["path"])
            extension = path.suffix.lower().lstrip(".")
            if extension not in settings.WAGTAILDOCS_EXTENSIONS:
                raise ValueError(_("format non accepté : %s") % item["path"])
            if item.get("language", "fr") not in ("fr", "ar", "fr-ar"):
                raise ValueError(
                    _("langue de fichier inconnue : %s") % item["language"]
                )
            item["file"] = path
        return items


def read_records(path, create_missing=False):
    """Parse and check ``path``; returns (records, problems, warnings)."""
    reader = RecordReader(path, create_missing).read()
    warnings = [w for record in reader.records for w in record.warnings]
    return reader.records, reader.problems, warnings
