"""Passerelle's knowledge domain, one module per idea (see docs/architecture.md)."""

from .base import HubPageMixin, find_page_by_ref
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

__all__ = [
    "CommuneReviewTask",
    "CommuneRole",
    "CommuneSectionPage",
    "HubPageMixin",
    "PracticeAttachment",
    "PracticeIndexPage",
    "PracticePage",
    "PracticePageTag",
    "PracticeParticipation",
    "TemplateAttachment",
    "TemplateIndexPage",
    "TemplatePage",
    "TemplatePageTag",
    "TrainingAttachment",
    "TrainingIndexPage",
    "TrainingPage",
    "TrainingPageTag",
    "find_page_by_ref",
]
