"""The programme's vocabularies, translatable snippets (one module per idea)."""

from .communes import Commune, Partnership
from .contacts import Contact
from .taxonomy import COUNTRY_CHOICES, DocumentKind, Region, TargetPublic, Term, Theme

__all__ = [
    "COUNTRY_CHOICES",
    "Commune",
    "Contact",
    "DocumentKind",
    "Partnership",
    "Region",
    "TargetPublic",
    "Term",
    "Theme",
]
