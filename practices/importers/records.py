"""Reading and checking a JSON Lines file before anything is written.

Every problem is collected with its line number and field, so one run tells the
editor everything that is wrong with the file instead of one error at a time.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from hub.single_line import single_line

from .. import content_types
from ..models import find_page_by_ref
from .fields import HEADER_FIELDS, KNOWN_NAMES, LANGUAGES, fields_for
from .translations import TranslationGroups
from .values import ValueChecker

REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,119}$")
EMPTY = (None, "", [], {})


@dataclass
class Problem:
    line: int
    field: str | None
    message: str

    def __str__(self):
        parts = []
        if self.line:  # 0: the file as a whole (unreadable, say)
            parts.append(_("ligne %(line)d") % {"line": self.line})
        if self.field:
            parts.append(_("champ « %(field)s »") % {"field": self.field})
        return f"{', '.join(parts)} : {self.message}" if parts else self.message


@dataclass
class Record:
    line: int
    data: dict
    warnings: list = field(default_factory=list)

    @property
    def ref(self):
        return self.data["ref"]


def _is_blank(value):
    return not isinstance(value, str) or not value.strip()


class RecordReader:
    def __init__(self, path, create_missing=False):
        self.path = Path(path)
        self.values = ValueChecker(self.path.parent, create_missing)
        self.problems = []
        self.records = []
        self.lines = {}  # ref -> line where it was first seen
        self.groups = TranslationGroups(self.fail, self.lines)

    def read(self):
        try:
            # utf-8-sig: files saved by Windows editors start with a BOM.
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self.fail(0, None, _("fichier illisible : %s") % error)
            return self
        # Only "\n" ends a record: str.splitlines() would also cut at U+2028 or
        # U+0085, which JSON allows unescaped inside a string.
        for number, raw in enumerate(text.split("\n"), start=1):
            if raw.strip():
                self._read_line(number, raw)
        return self

    def fail(self, line, name, message):
        self.problems.append(Problem(line, name, message))

    def _read_line(self, line, raw):
        data = self._parse(line, raw)
        if data is None:
            return
        before = len(self.problems)
        clean = self._check_header(line, data)
        if clean.get("type") in content_types.KEYS:
            self._check_fields(line, data, clean)
        if len(self.problems) == before:
            self.records.append(Record(line, clean, self._warnings(line, data, clean)))

    def _parse(self, line, raw):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            self.fail(
                line,
                None,
                _("JSON invalide (%(msg)s, colonne %(col)d)")
                % {"msg": error.msg, "col": error.colno},
            )
            return None
        if not isinstance(data, dict):
            self.fail(line, None, _("chaque ligne doit être un objet JSON {…}"))
            return None
        return data

    def _check_header(self, line, data):
        """The fields every record needs; returns those that are valid."""
        clean = {
            "ref": self._check_ref(line, data.get("ref")),
            "type": self._check_type(line, data.get("type") or "practice"),
            "language": self._check_language(line, data.get("language")),
            "title": self._check_title(line, data.get("title")),
        }
        if None in clean.values():
            return {k: v for k, v in clean.items() if v is not None}
        if self._check_existing(line, clean):
            source = data.get("translation_of")
            if source in EMPTY:
                self.groups.add_original(line, clean)
            elif self.groups.add_translation(line, clean, source):
                clean["translation_of"] = source
        return clean

    def _check_ref(self, line, ref):
        if _is_blank(ref):
            return self.fail(line, "ref", _("champ obligatoire manquant"))
        if not REF_PATTERN.match(ref):
            return self.fail(
                line,
                "ref",
                _("lettres, chiffres, « - », « _ » ou « . » seulement (120 au plus)"),
            )
        if ref in self.lines:
            return self.fail(
                line, "ref", _("référence en double (déjà ligne %d)") % self.lines[ref]
            )
        self.lines[ref] = line
        return ref

    def _check_type(self, line, page_type):
        if page_type in content_types.KEYS:
            return page_type
        return self.fail(
            line,
            "type",
            _("type inconnu « %(value)s » (attendu : %(allowed)s)")
            % {"value": page_type, "allowed": ", ".join(content_types.KEYS)},
        )

    def _check_language(self, line, language):
        if language in EMPTY:
            return self.fail(line, "language", _("champ obligatoire manquant"))
        if language in LANGUAGES:
            return language
        return self.fail(
            line,
            "language",
            _("langue inconnue « %(value)s » (attendu : %(allowed)s)")
            % {"value": language, "allowed": ", ".join(LANGUAGES)},
        )

    def _check_title(self, line, title):
        # One line: a line break in a title would stop the workflow e-mails.
        title = single_line(title)
        if _is_blank(title):
            return self.fail(line, "title", _("champ obligatoire manquant"))
        if len(title) > 255:
            return self.fail(line, "title", _("255 caractères au plus"))
        return title

    def _check_existing(self, line, clean):
        """Upserting may not turn a practice into a template, nor move languages."""
        page = find_page_by_ref(clean["ref"])
        if page is None:
            return True
        page_type = content_types.of(page).key
        if page_type != clean["type"]:
            self.fail(
                line,
                "type",
                _("« %(ref)s » existe déjà sur le site avec le type « %(type)s »")
                % {"ref": clean["ref"], "type": page_type},
            )
            return False
        if page.locale.language_code != clean["language"]:
            self.fail(
                line,
                "language",
                _("« %(ref)s » existe déjà sur le site en « %(lang)s »")
                % {"ref": clean["ref"], "lang": page.locale.language_code},
            )
            return False
        return True

    def _check_fields(self, line, data, clean):
        for spec in fields_for(clean["type"]):
            if data.get(spec.name) not in EMPTY:
                try:
                    clean[spec.name] = self.values.check(spec, data[spec.name])
                except ValueError as error:
                    self.fail(line, spec.name, str(error))
        start, end = clean.get("start_date"), clean.get("end_date")
        if start and end and end < start:  # ISO dates compare as strings
            self.fail(line, "end_date", _("la fin précède le début (%s)") % start)

    def _warnings(self, line, data, clean):
        applicable = set(HEADER_FIELDS) | {s.name for s in fields_for(clean["type"])}
        warnings = []
        for name in data:
            if name not in KNOWN_NAMES:
                message = _("champ inconnu, ignoré")
            elif name not in applicable:
                message = (
                    _("champ sans objet pour le type « %s », ignoré") % (clean["type"])
                )
            else:
                continue
            warnings.append(Problem(line, name, message))
        return warnings


def read_records(path, create_missing=False):
    """Parse and check ``path``; returns (records, problems, warnings)."""
    reader = RecordReader(path, create_missing).read()
    warnings = [w for record in reader.records for w in record.warnings]
    return reader.records, reader.problems, warnings
