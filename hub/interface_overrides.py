"""Django's and Wagtail's strings that our public pages show, translated again
in our own catalogue so that Arabic uses one term per concept
(``locale/interface-terms.csv``).

Their Arabic catalogues disagree: the login page said « رمز المرور » (Wagtail's
label), « كلمة السر » (Django's wrong-password message) and « كلمة المرور » (ours)
for the same password. Our ``locale/`` catalogue wins over every app's
(LOCALE_PATHS come first in Django's lookup). The msgids are listed here, in
code, so that ``makemessages`` keeps finding them: an entry found in no code
would be marked obsolete and dropped by the README's ``msgattrib --no-obsolete``.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    # django.contrib.auth (AuthenticationForm, password change and reset)
    gettext_noop("Password"),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both "
        "fields may be case-sensitive."
    ),
    # wagtail.users and wagtail.admin: the same words, other translations
    gettext_noop("Password confirmation"),
    gettext_noop("The two password fields didn't match."),
]
