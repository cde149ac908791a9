"""The admin's sign-in form, with its password field labelled through gettext.

Wagtail's ``LoginForm`` redeclares ``password`` without a label, so Django falls
back to the field's name: the French admin read « Password », English, in no
catalogue to override. Labelled with Django's own msgid, it reads « Mot de
passe » (Django's French) and « كلمة المرور » (our Arabic override,
``hub.interface_overrides``). Installed by ``WAGTAILADMIN_USER_LOGIN_FORM``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class LabelledLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
