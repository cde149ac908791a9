"""Where the share form (``share.build``) still imports the attachment rule
from. The rule lives in practices/attachment_choice.py, beside the inline forms
it checks, because the page models use its panel and import nothing of
``publishing``. Delete this module once ``share.build`` imports
``practices.attachment_choice``.
"""

from ..attachment_choice import REFUSED, refused_documents

__all__ = ["REFUSED", "refused_documents"]
