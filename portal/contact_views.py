"""Writing to a contact person whose address is hidden: the form, the page
that says the message left, and the 429 page when one address posts too much.

The contact's address goes only into the e-mail's recipients: no page here
renders it (tests/test_portal_contacts.py reads every one of them).
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from hub.single_line import single_line
from programme.models import Contact

from . import contact_throttling
from .contact_form import ContactForm

logger = logging.getLogger(__name__)


UNSENT = gettext_lazy(
    "Votre message n'a pas pu être envoyé pour l'instant. Réessayez dans quelques "
    "minutes : ce que vous avez écrit est gardé."
)


def _contact(pk):
    contact = get_object_or_404(
        Contact.objects.select_related("commune", "locale"), pk=pk
    )
    if not contact.reachable_by_form:
        raise Http404("This person is not reached through the form.")
    return contact


@require_http_methods(["GET", "POST"])
def contact_person(request, pk):
    contact = _contact(pk)
    if request.method == "POST":
        if contact_throttling.is_throttled(request):
            return _throttled(request)
        contact_throttling.count_post(request)
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                _send(request, contact, form.cleaned_data)
            except (smtplib.SMTPException, OSError):
                # The mail server is down or refuses: the reader keeps what
                # they wrote and is told, never a 500.
                logger.exception("contact form: mail to contact %s not sent", pk)
                form.add_error(None, UNSENT)
            else:
                return redirect("contact-person-sent", pk=contact.pk)
    else:
        form = ContactForm()
    context = {"contact": contact, "form": form}
    return render(request, "portal/contact_form.html", context)


def contact_sent(request, pk):
    return render(request, "portal/contact_sent.html", {"contact": _contact(pk)})


def _send(request, contact, data):
    subject = single_line(
        _("[Passerelle] Message de %(name)s") % {"name": data["name"]}
    )
    body = render_to_string(
        "portal/contact_mail.txt", {"contact": contact, **data}, request=request
    )
    EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        to=[contact.email],
        reply_to=[data["email"]],
    ).send()


def _throttled(request):
    minutes = max(1, contact_throttling.window_seconds() // 60)
    response = render(
        request, "portal/contact_throttled.html", {"minutes": minutes}, status=429
    )
    response["Retry-After"] = str(contact_throttling.window_seconds())
    return response
