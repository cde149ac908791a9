"""The form through which a reader writes to a contact person whose address
is not shown: their name, their address (the reply goes there) and the message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.single_line import single_line

MESSAGE_LENGTH = 5000


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Votre nom"), max_length=150)
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        help_text=_("La réponse vous sera envoyée à cette adresse."),
        error_messages={
            "invalid": _(
                "Écrivez une adresse e-mail complète, par exemple nom@exemple.ma."
            )
        },
    )
    message = forms.CharField(
        label=_("Votre message"),
        max_length=MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_name(self):
        # It goes into the e-mail's subject: one line, no header injection.
        return single_line(self.cleaned_data["name"]).strip()
