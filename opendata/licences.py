"""The licences the coordination may put the open data under (the admin's
« Données ouvertes » setting); CC BY 4.0 unless it chooses another."""

from django.utils.translation import gettext_lazy as _

DEFAULT = "cc-by-4.0"
LICENCES = {
    "cc-by-4.0": (
        _("Creative Commons Attribution 4.0 (CC BY 4.0)"),
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "cc-by-sa-4.0": (
        _(
            "Creative Commons Attribution – Partage dans les mêmes conditions 4.0 "
            "(CC BY-SA 4.0)"
        ),
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "cc0-1.0": (
        _("Creative Commons Zéro 1.0 (CC0 1.0, domaine public)"),
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "odbl-1.0": (
        _("Open Database License 1.0 (ODbL)"),
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
}
CHOICES = [(key, label) for key, (label, _url) in LICENCES.items()]
