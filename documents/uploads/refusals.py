"""Every reason an upload is refused, worded for the editor who uploaded it.

One place for the messages, so that they read alike and are translated together
(French source strings; Arabic in ``locale/``). Each refusal has a ``code`` that
tests and callers can rely on whatever the language.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "no_extension": _(
        "Le nom du fichier doit se terminer par son format (formats acceptés : "
        "%(allowed)s)."
    ),
    "extension": _(
        "Les fichiers « .%(extension)s » ne sont pas acceptés. Formats acceptés : "
        "%(allowed)s."
    ),
    "empty": _("Le fichier est vide."),
    "too_large": _(
        "Le fichier est trop volumineux (%(size)s) : la taille maximale est de "
        "%(max_size)s."
    ),
    "executable": _(
        "Ce fichier est un programme exécutable, pas un document : il est refusé."
    ),
    "html": _(
        "Ce fichier est une page web (HTML), qui peut exécuter du code dans le "
        "navigateur : il est refusé."
    ),
    "svg": _(
        "Les images SVG sont refusées : elles peuvent contenir du code exécuté par "
        "le navigateur. Déposez l'image en PNG ou en JPEG."
    ),
    "mismatch": _(
        "Le contenu de ce fichier (%(found)s) ne correspond pas à son extension "
        "« .%(extension)s »."
    ),
    "invalid": _("Ce fichier n'est pas un fichier %(format)s valide."),
    "legacy_or_encrypted": _(
        "Ce fichier est protégé par un mot de passe ou enregistré dans l'ancien "
        "format Office : enregistrez-le au format %(format)s, sans mot de passe, "
        "puis déposez-le à nouveau."
    ),
    "macros": _(
        "Ce document contient des macros (du code exécutable) : enregistrez-le sans "
        "macros (par exemple en .docx plutôt qu'en .docm) puis déposez-le à nouveau."
    ),
    "encrypted": _(
        "Ce fichier est protégé par un mot de passe, son contenu ne peut donc pas "
        "être vérifié : déposez une version sans mot de passe."
    ),
    "zip_bomb": _(
        "Ce fichier se décompresse en un volume anormalement grand (%(size)s) : "
        "c'est le signe d'une archive piégée, il est refusé."
    ),
    "too_many_entries": _(
        "Ce fichier contient trop d'éléments (%(count)d, au plus %(max_count)d) : "
        "il est refusé."
    ),
    "not_text": _(
        "Ce fichier n'est pas un fichier texte : enregistrez-le en texte brut ou en "
        "CSV (UTF-8 de préférence)."
    ),
    "image_extension": _(
        "Les images « .%(extension)s » ne sont pas acceptées. Formats acceptés : "
        "%(allowed)s."
    ),
    "invalid_image": _("Ce fichier n'est pas une image lisible."),
    "too_many_pixels": _(
        "Cette image est trop grande (plus de %(max_pixels)s pixels) : la "
        "décompresser saturerait le serveur. Réduisez-la puis déposez-la à nouveau."
    ),
}


class UploadRefused(ValidationError):
    """A ``ValidationError`` whose ``str()`` is the message itself (not a list
    repr), so that logs and the importer's report read naturally."""

    def __str__(self):
        return " ".join(str(message) for message in self.messages)


def refuse(code, **params):
    """Raise the refusal ``code`` with its message filled in with ``params``."""
    raise UploadRefused(MESSAGES[code], code=code, params=params or None)
