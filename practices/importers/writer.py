"""Writing checked records: upsert by ref, translations linked, published.

The caller wraps ``write`` in one transaction; files saved to storage are listed
in ``stored_files`` so that a rollback can remove them too (nothing half-written).
A record that changes nothing on its page is left alone: re-running an import
must not pile up revisions nor re-publish every page.
"""

import datetime
from functools import partial

from wagtail.models import Locale

from hub.slugs import free_child_slug, slug_base
from hub.text import plain_text_to_html
from programme.models import TargetPublic

from .. import content_types
from ..models import PracticeParticipation, find_page_by_ref
from ..models.practices import PracticePage
from ..publishing.sections import section_for
from .exporter import record_of
from .fields import fields_for
from .stored import DocumentStore, ImageStore, TermStore
from .stream import stream_data
from .visibility import Collections, GroupKeys, page_value, set_page_visibility


def content_of(page):
    """Everything an import sets on a page, in export form, to tell whether a
    record changes anything."""
    return record_of(page, None), page.original_language


class Writer:
    def __init__(self):
        self.created = self.updated = self.unchanged = 0
        self.current_line = 0
        self._locales = {}
        self.terms = TermStore(self.locale)
        self.keys = GroupKeys()
        self.stored_files = []  # shared by both stores: removed if the import fails
        collections = Collections(self.keys)
        self.documents = DocumentStore(collections, self.stored_files)
        self.images = ImageStore(collections, self.stored_files)

    def write(self, records):
        for record in records:
            self.current_line = record.line
            self.write_record(record.data)
        return self

    def locale(self, code):
        if code not in self._locales:
            self._locales[code] = Locale.objects.get(language_code=code)
        return self._locales[code]

    def write_record(self, data):
        source = (
            find_page_by_ref(data["translation_of"])
            if "translation_of" in data
            else None
        )
        page = self._existing_page(data, source)
        if page is None:
            self._create_page(data, source)
            self.created += 1
            return
        before = content_of(page) if page.live else None
        self._apply(page, data, source)
        self._move_to_commune_section(page)
        self._restrict(page, data, source)
        if not page.has_unpublished_changes and content_of(page) == before:
            self.unchanged += 1
            return
        page.save_revision().publish()
        self.updated += 1

    def _existing_page(self, data, source):
        page = find_page_by_ref(data["ref"])
        if page is None and source is not None:
            # A translation made in the admin takes the record's ref.
            page = source.get_translation_or_none(self.locale(data["language"]))
        return page.specific if page is not None else None

    def _apply(self, page, data, source):
        locale = self.locale(data["language"])
        page.title = data["title"]
        page.ref = data["ref"]
        page.original_language = (
            source.original_language if source else data["language"]
        )
        for spec in fields_for(data["type"]):
            value = data.get(spec.name)
            if value is None and source is not None and spec.inherited:
                inherit = getattr(self, f"_inherit_{spec.kind}", self._inherit_plain)
                inherit(page, source.specific, spec)
            else:
                getattr(self, f"_set_{spec.kind}")(page, spec, value, locale)
        if isinstance(page, PracticePage) and page.commune and not page.region_id:
            # What PracticePage.save does; done here too so that content_of()
            # sees the page as it will be saved.
            page.region_id = page.commune.region_id

    def _create_page(self, data, source):
        locale = self.locale(data["language"])
        if source is not None:
            page = source.specific.copy_for_translation(locale, copy_parents=True)
        else:
            parent = self._parent(data, locale)
            page = content_types.get(data["type"]).model(
                title=data["title"],
                slug=self._free_slug(parent, data["ref"]),
                locale=locale,
                ref=data["ref"],  # not a generated one, even for a moment
            )
            parent.add_child(instance=page)
        self._apply(page, data, source)
        self._restrict(page, data, source, created=True)
        page.save_revision().publish()
        return page

    def _restrict(self, page, data, source, created=False):
        """The page's view restriction, once it is in place (restrictions are
        rows of their own, saved at once). A record without ``visibility``
        (older files) leaves an existing page as it is, and makes a new
        translation as private as its original."""
        value = data.get("visibility")
        if value is None and created and source is not None:
            value = page_value(source, self.keys)
        if value is not None:
            set_page_visibility(page, value, self.keys)

    def _parent(self, data, locale):
        """Practices go to their commune's section, the others to their index."""
        if data["type"] != "practice":
            return content_types.index_page(data["type"], locale)
        commune = data.get("commune")
        return section_for(self.terms.get(commune, locale) if commune else None, locale)

    @staticmethod
    def _move_to_commune_section(page):
        """A record that changes a practice's commune moves it to that commune's
        section (the section decides the commune on save)."""
        if not isinstance(page, PracticePage):
            return
        section = section_for(page.commune, page.locale)
        if not page.path.startswith(section.path):
            page.move(section, pos="last-child")
            page.refresh_from_db(fields=["path", "depth", "url_path"])

    @staticmethod
    def _free_slug(parent, ref):
        return free_child_slug(parent, slug_base(ref, max_length=200, fallback="page"))

    # Setters, one per field kind (see fields.py) ---------------------------------

    def _set_text(self, page, spec, value, locale):
        setattr(page, spec.name, value or "")

    def _set_rich(self, page, spec, value, locale):
        setattr(page, spec.name, plain_text_to_html(value, html_passes=True))

    def _set_body(self, page, spec, value, locale):
        page.body = stream_data(
            value or "",
            partial(plain_text_to_html, html_passes=True),
            lambda image: self.images.get(image).pk,
        )

    def _set_visibility(self, page, spec, value, locale):
        """Set by _restrict, once the page has its place in the tree."""

    def _set_int(self, page, spec, value, locale):
        setattr(page, spec.name, value)

    def _set_date(self, page, spec, value, locale):
        # A date object, not the ISO string: content_of() compares isoformat().
        setattr(page, spec.name, datetime.date.fromisoformat(value) if value else None)

    def _set_choice(self, page, spec, value, locale):
        setattr(page, spec.name, value or "completed")

    def _set_term(self, page, spec, value, locale):
        setattr(page, spec.name, self.terms.get(value, locale) if value else None)

    def _set_terms(self, page, spec, value, locale):
        setattr(page, spec.name, [self.terms.get(ref, locale) for ref in value or []])

    def _set_tags(self, page, spec, value, locale):
        page.tags.set(value or [])

    def _set_participants(self, page, spec, value, locale):
        page.participations = [
            PracticeParticipation(
                target_public=self.terms.by_slug(TargetPublic, slug, locale),
                count=count,
                sort_order=order,  # else the order on the page is the database's
            )
            for order, (slug, count) in enumerate((value or {}).items())
        ]

    def _set_indicators(self, page, spec, value, locale):
        page.indicators = [("indicator", item) for item in value or []]

    def _set_sessions(self, page, spec, value, locale):
        page.sessions = [
            ("note", item["note"])
            if "note" in item
            else ("session", {"duration": "", "description": "", **item})
            for item in value or []
        ]

    def _set_attachments(self, page, spec, value, locale):
        model = type(page).attachments.rel.related_model
        page.attachments = [
            model(document=self.documents.get(item, locale), sort_order=order)
            for order, item in enumerate(value or [])
        ]

    # Translations leave out what does not change between languages -------------

    def _inherit_plain(self, page, source, spec):
        setattr(page, spec.name, getattr(source, spec.name))

    def _inherit_term(self, page, source, spec):
        term = getattr(source, spec.name)
        setattr(page, spec.name, term and self.terms.localised(term, page.locale))

    def _inherit_terms(self, page, source, spec):
        terms = getattr(source, spec.name).all()
        setattr(page, spec.name, [self.terms.localised(t, page.locale) for t in terms])

    def _inherit_participants(self, page, source, spec):
        page.participations = [
            PracticeParticipation(
                target_public=self.terms.localised(p.target_public, page.locale),
                count=p.count,
                sort_order=order,
            )
            for order, p in enumerate(source.participations.all())
        ]
