"""Django's and Wagtail's strings translated again in our own catalogue, so that
Arabic uses one term per concept (``locale/interface-terms.csv``) and Moroccan
month names.

Their Arabic catalogues disagree with ours: « كلمة السر » and « رمز المرور »
beside « كلمة المرور », « مستند » beside « وثيقة », « طلب تغييرات » beside
« طلب تعديلات », and the Middle-Eastern months (مايو، أغسطس، سبتمبر…) where
Morocco writes ماي، غشت، شتنبر. Our ``locale/`` catalogue wins over every
app's (LOCALE_PATHS come first in Django's lookup).

The msgids are written here, in code, so that ``makemessages`` keeps finding
them: an entry found in no code would be marked obsolete and dropped by the
README's ``msgattrib --no-obsolete``. The three functions below carry the names
that makemessages passes to xgettext as keywords (``gettext_noop``,
``pgettext_lazy`` with its context, ``ngettext_lazy`` with its plural), so each
call is extracted with the right msgctxt and msgid_plural; at run time they only
record the key, which the tests look up in the catalogue.
"""

from typing import NamedTuple


class Override(NamedTuple):
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None


def gettext_noop(msgid):
    return Override(None, msgid, None)


def pgettext_lazy(context, msgid):
    return Override(context, msgid, None)


def ngettext_lazy(singular, plural):
    return Override(None, singular, plural)


# django.contrib.auth (login, password change and reset), wagtail.admin (login)
# and wagtail.users (user forms): « كلمة المرور », never كلمة السر / رمز المرور.
PASSWORD = [
    gettext_noop("Password"),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both "
        "fields may be case-sensitive."
    ),
    gettext_noop("Password confirmation"),
    gettext_noop("The two password fields didn't match."),
    gettext_noop("Enter the same password as above, for verification."),
]

# wagtail.documents, as a publisher sees it: the menu and listing, adding,
# editing and deleting, the chooser. « وثيقة », never مستند.
DOCUMENTS = [
    gettext_noop("Documents"),
    gettext_noop("Document"),
    gettext_noop("Latest documents"),
    gettext_noop("Add a document"),
    gettext_noop("Add documents"),
    gettext_noop("Add multiple documents"),
    gettext_noop("Drag and drop documents into this area to upload immediately."),
    gettext_noop(
        "Upload successful. Please update this document with a more appropriate "
        "title, if necessary. You may also delete the document completely if the "
        "upload wasn't required."
    ),
    gettext_noop("You haven't uploaded any documents."),
    gettext_noop(
        "You haven't uploaded any documents. Why not "
        '<a href="%(wagtaildocs_add_document_url)s">upload one now</a>?'
    ),
    gettext_noop('Sorry, no documents match "<em>%(search_query)s</em>"'),
    gettext_noop('Sorry, no documents match "<em>%(query_string)s</em>"'),
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    gettext_noop("Document '%(document_title)s' added."),
    gettext_noop("The document could not be created due to errors."),
    gettext_noop("Edit this document"),
    gettext_noop("Change document:"),
    gettext_noop("Document updated."),
    gettext_noop("Document '%(document_title)s' updated"),
    gettext_noop("The document could not be saved due to errors."),
    gettext_noop("Delete document"),
    gettext_noop("Select all documents in listing"),
    gettext_noop("1 document selected"),
    gettext_noop("%(objects)s documents selected"),
    gettext_noop("All %(objects)s documents on this screen selected"),
    gettext_noop("All documents in listing selected"),
    gettext_noop("Add tags to the selected documents"),
    gettext_noop("Add selected documents to collection"),
    gettext_noop("Delete selected documents"),
    gettext_noop("Document '%(document_title)s' deleted."),
    ngettext_lazy(
        "Are you sure you want to delete this document?",
        "Are you sure you want to delete these documents?",
    ),
    ngettext_lazy("Delete 1 document", "Delete %(counter)s documents"),
    gettext_noop("Choose a document"),
    gettext_noop("Choose another document"),
    gettext_noop("You need a password to access this document."),
]

# wagtail (workflow actions and history): « طلب تعديلات », never طلب تغييرات.
WORKFLOW = [
    gettext_noop("Request changes"),
    gettext_noop("Changes requested"),
    gettext_noop("Changes requested at"),
    gettext_noop("Changes requested by %(requested_by)s"),
    gettext_noop("Changes requested %(finished_at)s"),
    gettext_noop("Rejected at '%(task)s'. Changes requested"),
]

# django.utils.dates: MONTHS, MONTHS_3, MONTHS_AP and MONTHS_ALT (the last two
# with their msgctxt), in Moroccan usage.
MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    gettext_noop("jan"),
    gettext_noop("feb"),
    gettext_noop("mar"),
    gettext_noop("apr"),
    gettext_noop("may"),
    gettext_noop("jun"),
    gettext_noop("jul"),
    gettext_noop("aug"),
    gettext_noop("sep"),
    gettext_noop("oct"),
    gettext_noop("nov"),
    gettext_noop("dec"),
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]

OVERRIDDEN = PASSWORD + DOCUMENTS + WORKFLOW + MONTHS
