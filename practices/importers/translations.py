"""Which records are versions of one page (a wagtail-localize translation group).

A group has at most one page per language: two records claiming the same place
would overwrite each other on every import, so the second one is an error.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .. import content_types
from ..models import find_page_by_ref


@dataclass(frozen=True)
class Member:
    language: str
    page_type: str
    group: tuple  # ("key", translation_key) of a site page, or ("ref", ref)


class TranslationGroups:
    def __init__(self, fail, refs_in_file):
        self.fail = fail
        self.refs_in_file = refs_in_file  # every ref seen, valid line or not
        self.members = {}  # ref -> Member
        self.slots = {}  # (group, language) -> (line, ref)

    def add_original(self, line, clean):
        page = find_page_by_ref(clean["ref"])
        group = ("key", page.translation_key) if page else ("ref", clean["ref"])
        return self._join(line, clean, group)

    def add_translation(self, line, clean, source_ref):
        source = self._source(line, source_ref)
        if source is None:
            return False
        if source.language == clean["language"]:
            self.fail(
                line,
                "translation_of",
                _("une traduction doit être dans une autre langue que l'original"),
            )
            return False
        if source.page_type != clean["type"]:
            self.fail(
                line,
                "translation_of",
                _("l'original est de type « %s »") % source.page_type,
            )
            return False
        return self._join(line, clean, source.group)

    def _source(self, line, ref):
        if not isinstance(ref, str):
            self.fail(
                line,
                "translation_of",
                _("doit être la référence d'un autre enregistrement"),
            )
            return None
        if ref in self.members:
            return self.members[ref]
        if ref in self.refs_in_file:
            return None  # its own line is already reported as invalid
        page = find_page_by_ref(ref)
        if page is None:
            self.fail(
                line,
                "translation_of",
                _(
                    "référence inconnue « %s » "
                    "(ni plus haut dans le fichier, ni sur le site)"
                )
                % ref,
            )
            return None
        return Member(
            page.locale.language_code,
            content_types.of(page).key,
            ("key", page.translation_key),
        )

    def _join(self, line, clean, group):
        slot = (group, clean["language"])
        if slot in self.slots:
            other_line, other_ref = self.slots[slot]
            self.fail(
                line,
                "translation_of",
                _(
                    "cette fiche a déjà sa version « %(lang)s » : « %(ref)s » "
                    "(ligne %(line)d)"
                )
                % {"lang": clean["language"], "ref": other_ref, "line": other_line},
            )
            return False
        self.slots[slot] = (line, clean["ref"])
        self.members[clean["ref"]] = Member(clean["language"], clean["type"], group)
        return True
