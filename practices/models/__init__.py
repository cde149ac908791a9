"""Passerelle's knowledge domain, one module per idea (see ARCHITECTURE.md)."""

from .base import HubPageMixin, find_page_by_ref
from .communes import Commune, Partnership
from .documents import HubDocument, HubImage, HubRendition
from .indexes import PracticeIndexPage, TemplateIndexPage, TrainingIndexPage
from .practices import (
    PracticeAttachment,
    PracticePage,
    PracticePageTag,
    PracticeParticipation,
)
from .resources import (
    TemplateAttachment,
    TemplatePage,
    TemplatePageTag,
    TrainingAttachment,
    TrainingPage,
    TrainingPageTag,
)
from .review_task import CommuneReviewTask
from .roles import CommuneRole
from .sections import CommuneSectionPage
from .taxonomy import DocumentKind, Region, TargetPublic, Theme

__all__ = [
    "Commune",
    "CommuneReviewTask",
    "CommuneRole",
    "CommuneSectionPage",
    "DocumentKind",
    "HubDocument",
    "HubImage",
    "HubPageMixin",
    "HubRendition",
    "Partnership",
    "PracticeAttachment",
    "PracticeIndexPage",
    "PracticePage",
    "PracticePageTag",
    "PracticeParticipation",
    "Region",
    "TargetPublic",
    "TemplateAttachment",
    "TemplateIndexPage",
    "TemplatePage",
    "TemplatePageTag",
    "Theme",
    "TrainingAttachment",
    "TrainingIndexPage",
    "TrainingPage",
    "TrainingPageTag",
    "find_page_by_ref",
]
