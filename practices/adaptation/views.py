"""« Adapter cette pratique dans ma commune »: make (or reopen) the linked draft
and open it in the page editor, on its "Adaptation" tab.

Only a POST from a commune editor of another commune, about a live practice
they may see, does anything; every other request gets a page that says why
(or a 404 for a practice they may not know about), and nothing is created.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hub.visibility import visible_pages

from ..drafts import save_draft
from ..models import CommuneSectionPage, PracticePage
from ..publishing.communes import editor_communes, section_of_user
from .access import adaptable_communes
from .copy import build_adaptation, existing_adaptation


def adapt(request, page_id):
    if request.method != "POST":
        return _refused(
            request,
            _(
                "Pour adapter une pratique, utilisez le bouton « Adapter cette "
                "pratique dans ma commune » sur sa fiche."
            ),
            status=405,
        )
    original = _visible_original(request, page_id)
    communes = adaptable_communes(request.user, original)
    if not communes:
        return _refused(request, _why_not(request.user), status=403)
    commune = _chosen(communes, request.POST.get("commune", ""))
    if commune is None:
        message = _("Choisissez la commune dans laquelle adapter cette pratique.")
        return _refused(request, message, status=400)
    section = section_of_user(request.user, original.locale, commune)
    if section is None:  # the group lost its rights on the section
        message = _(
            "Votre compte ne peut pas créer de fiche dans la section de votre "
            "commune : demandez-le à la coordination du programme."
        )
        return _refused(request, message, status=403)
    page, created = _adaptation(original, commune, section, request.user)
    if created:
        messages.success(request, _created_message())
    else:
        messages.info(request, _("Votre commune adapte déjà cette pratique."))
    return redirect(edit_url(page))


def _visible_original(request, page_id):
    """The live practice ``page_id`` if the user may see it; 404 otherwise,
    as for a page that does not exist (a draft or private fiche stays secret)."""
    pages = visible_pages(PracticePage.objects.live(), request.user)
    original = pages.filter(pk=page_id).select_related("commune", "locale").first()
    if original is None:
        raise Http404
    return original


def _chosen(communes, value):
    """The commune the form names (by slug), or the only one there is."""
    if len(communes) == 1 and not value:
        return communes[0]
    return next((c for c in communes if c.slug == value), None)


@transaction.atomic
def _adaptation(original, commune, section, user):
    """(page, created): ``commune``'s adaptation of ``original``, made in
    ``section`` if missing. The section row is locked so that a double click
    makes one."""
    CommuneSectionPage.objects.select_for_update().filter(pk=section.pk).first()
    existing = existing_adaptation(original, commune)
    if existing is not None:
        return existing, False
    page, _revision = save_draft(section, build_adaptation(original, section), user)
    return page, True


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk]) + adaptation_tab()


def adaptation_tab():
    """The editor's anchor of the "Adaptation" tab. Wagtail derives tab ids from
    the (translated) headings once per process (``child_identifiers`` is
    cached on the model's edit handler), so it is read there, not guessed."""
    handler = PracticePage.get_edit_handler()
    pairs = zip(handler.children, handler.child_identifiers, strict=True)
    for tab, identifier in pairs:
        if any(getattr(p, "field_name", "") == "adapted_from" for p in tab.children):
            return f"#tab-{identifier}"
    return ""


def _why_not(user):
    if not user.is_authenticated:
        return _(
            "Connectez-vous avec un compte de rédaction d'une commune partenaire "
            "pour adapter cette pratique."
        )
    if not editor_communes(user):
        return _(
            "Seuls les comptes de rédaction d'une commune partenaire peuvent "
            "adapter une pratique."
        )
    return _("Cette pratique est déjà celle de votre commune : modifiez-la plutôt.")


def _created_message():
    return _(
        "Brouillon d'adaptation créé dans votre commune. Dites ce qui change dans "
        "l'onglet « Adaptation » ; vos propres résultats iront dans l'onglet "
        "« Résultats »."
    )


def _refused(request, message, status):
    return render(
        request,
        "practices/components/adaptation_refused.html",
        {"message": message},
        status=status,
    )
