"""The portal's models: the programme page and the useful links."""

from .programme_page import ProgrammePage
from .useful_links import LINK_CATEGORIES, UsefulLink

__all__ = ["LINK_CATEGORIES", "ProgrammePage", "UsefulLink"]
