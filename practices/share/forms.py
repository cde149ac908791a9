"""The « Partager une pratique » form: the fiche's sections in plain words.

Labels, help and examples are written for commune agents, not for CMS editors.
Files are checked exactly as in the admin (``documents.uploads``); a refused file
is named with its reason while the accepted ones are kept for the next try
(``pending``). Which commune and section the draft goes to is decided here
from the user's roles, never from what the browser sends.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from documents.uploads.forms import check_uploaded
from documents.uploads.validation import sanitise_filename, validate_upload
from hub.localize import LANGUAGE_CHOICES, locale_of, localised
from hub.tag_parsing import parse_tags
from programme.models import TargetPublic, Theme

from ..models.practices import STATUS_CHOICES
from ..publishing.communes import editor_communes, section_of_user
from . import pending
from .fields import AmountField, MultipleFileField, SingleLineField
from .steps import EXAMPLES, STEPS

LONG_TEXT = 20_000
MAX_FILES = 10
MAX_TAGS = 20
TAG_LENGTH = 100


def text(label, help_text="", required=False, max_length=LONG_TEXT, rows=5):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _files_help():
    return ngettext(
        "Jusqu'à %(count)d fichier : PDF, Word, Excel, LibreOffice, texte.",
        "Jusqu'à %(count)d fichiers : PDF, Word, Excel, LibreOffice, texte.",
        MAX_FILES,
    ) % {"count": MAX_FILES}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class SharePracticeForm(forms.Form):
    commune = forms.ChoiceField(label=_("Pour quelle commune ?"))
    language = forms.ChoiceField(
        label=_("Langue de la fiche"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("La langue dans laquelle vous écrivez cette fiche."),
    )
    title = SingleLineField(label=_("Titre de la pratique"), max_length=255)
    summary = text(
        _("La pratique en deux ou trois phrases"),
        _("Ce que c'est, pour qui, et ce que cela a changé."),
        required=True,
        max_length=1500,
        rows=3,
    )
    context = text(
        _("Le point de départ"), _("La situation et le besoin avant l'action.")
    )
    objectives = text(_("Les objectifs"), _("Ce que vous vouliez obtenir."), rows=3)
    body = text(
        _("Ce qui a été fait"),
        _("Les étapes, dans l'ordre. Laissez une ligne vide entre deux paragraphes."),
        rows=8,
    )
    start_date = forms.DateField(label=_("Date de début"), required=False)
    end_date = forms.DateField(label=_("Date de fin"), required=False)
    status = forms.ChoiceField(
        label=_("Où en est-elle ?"), choices=STATUS_CHOICES, required=False
    )
    actors_services = text(_("Services de la commune"), rows=2, max_length=5000)
    actors_associations = text(_("Associations"), rows=2, max_length=5000)
    actors_authorities = text(
        _("Autorités et partenaires publics"), rows=2, max_length=5000
    )
    resources = text(
        _("Moyens mobilisés"), _("Personnes, locaux, matériel, argent."), rows=3
    )
    funding_own = AmountField(
        label=_("Fonds propres de la commune (MAD)"), required=False
    )
    funding_external = AmountField(
        label=_("Financements extérieurs (MAD)"), required=False
    )
    results = text(
        _("Les résultats"), _("Ce qui a changé, avec des chiffres si possible.")
    )
    difficulties = text(
        _("Les difficultés"), _("Ce qui a coincé : les échecs aussi aident les autres.")
    )
    lessons = text(_("Les enseignements"), _("Ce que vous referiez, ou autrement."))
    transferability = text(
        _("Pour la refaire ailleurs"),
        _("Ce dont une autre commune a besoin pour adopter cette pratique."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_publics = forms.ModelMultipleChoiceField(
        label=_("Publics concernés"),
        queryset=TargetPublic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = SingleLineField(
        label=_("Mots-clés"),
        help_text=_("Séparés par des virgules."),
        required=False,
        max_length=1000,
    )
    contacts = text(
        _("Personnes à contacter"),
        _("Nom, fonction, téléphone ou e-mail."),
        rows=3,
        max_length=2000,
    )
    attachments = MultipleFileField(
        label=_("Documents à joindre"),
        required=False,
        help_text=lazy(_files_help, str)(),
    )
    kept = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", get_language())
        kwargs["initial"].setdefault("status", "ongoing")
        super().__init__(*args, **kwargs)
        self.user = user
        self.accepted_uploads = []  # new files that passed the checks
        self.kept_files = []  # files kept from an earlier try, still wanted
        self.dropped_files = []  # kept files the agent unticked
        self.section = None
        ui_locale = Locale.get_active()
        for name, model in [("themes", Theme), ("target_publics", TargetPublic)]:
            self.fields[name].queryset = model.objects.filter(locale=ui_locale)
        for name in ("start_date", "end_date"):
            self.fields[name].widget = DateInput()
        self.communes = {c.slug: c for c in editor_communes(user)}
        if len(self.communes) > 1:
            self.fields["commune"].choices = [("", "—")] + [
                (slug, localised(c, ui_locale.pk).name)
                for slug, c in self.communes.items()
            ]
        else:
            del self.fields["commune"]

    def steps(self):
        """The form's sections in order: (legend, intro, [(field, example)])."""
        for legend, intro, names in STEPS:
            fields = [(self[n], EXAMPLES.get(n, "")) for n in names if n in self.fields]
            if fields:
                yield legend, intro, fields

    def clean_status(self):
        return self.cleaned_data["status"] or "ongoing"

    def clean_tags(self):
        tags = parse_tags(self.cleaned_data["tags"])
        if len(tags) > MAX_TAGS:
            raise ValidationError(
                ngettext(
                    "Au plus %(count)d mot-clé.",
                    "Au plus %(count)d mots-clés.",
                    MAX_TAGS,
                ),
                params={"count": MAX_TAGS},
            )
        if any(len(tag) > TAG_LENGTH for tag in tags):
            raise ValidationError(
                ngettext(
                    "Un mot-clé ne peut dépasser %(count)d caractère.",
                    "Un mot-clé ne peut dépasser %(count)d caractères.",
                    TAG_LENGTH,
                ),
                params={"count": TAG_LENGTH},
            )
        return tags

    def clean_attachments(self):
        """Check every new file; refuse the bad ones by name, keep the others."""
        refusals = []
        for upload in self.cleaned_data["attachments"]:
            shown = sanitise_filename(upload.name)
            try:
                check_uploaded(upload, validate_upload)
            except ValidationError as refusal:
                refusals.append(
                    ValidationError(
                        _("« %(name)s » : %(reason)s"),
                        code="refused",
                        params={"name": shown, "reason": " ".join(refusal.messages)},
                    )
                )
            else:
                self.accepted_uploads.append(upload)
        if refusals:
            raise ValidationError(refusals)
        return self.accepted_uploads

    def clean(self):
        data = super().clean()
        self._clean_kept()
        if len(self.kept_files) + len(self.accepted_uploads) > MAX_FILES:
            self.add_error(
                "attachments",
                ngettext(
                    "Au plus %(count)d document par fiche.",
                    "Au plus %(count)d documents par fiche.",
                    MAX_FILES,
                )
                % {"count": MAX_FILES},
            )
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La fin ne peut pas précéder le début."))
        if "language" in data and ("commune" in data or "commune" not in self.fields):
            self._find_section(data)
        return data

    def _clean_kept(self):
        files = pending.loads(self.user, self.data.get("kept", ""))
        if files is None:
            self.add_error(
                "attachments",
                _(
                    "Les documents choisis lors de votre essai précédent ne sont "
                    "plus disponibles : choisissez-les à nouveau."
                ),
            )
            return
        getlist = getattr(self.data, "getlist", lambda key: [])
        dropped = set(getlist("kept_remove"))
        self.kept_files = [f for f in files if f.key not in dropped]
        self.dropped_files = [f for f in files if f.key in dropped]

    def _find_section(self, data):
        """The user's section in the chosen language: a commune that is not
        theirs never gets one (ChoiceField already refuses unknown values)."""
        commune = (
            self.communes.get(data.get("commune")) if len(self.communes) > 1 else None
        )
        self.section = section_of_user(self.user, locale_of(data["language"]), commune)
        if self.section is None:
            raise ValidationError(
                _(
                    "Vous ne pouvez pas créer de fiche pour cette commune. "
                    "Demandez à la coordination du programme de vérifier vos droits."
                )
            )
