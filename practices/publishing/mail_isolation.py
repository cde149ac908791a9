"""Workflow e-mails isolate what they quote of the other direction (issue #14).

Plain text has no ``<bdi>``: in an Arabic mail, a French title, a Latin user
name, a reviewer's comment or a link laid out by the sentence's direction
comes out of order and drags the quotes and punctuation around it. So a value
whose first strong letter is not of the mail's direction (or that has none:
« 2024 ») is wrapped in U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL
ISOLATE, and each link, always left to right, in U+2066 LEFT-TO-RIGHT
ISOLATE … U+2069.

Decided: a value of the mail's own direction is left as it is, so a French
mail quoting French values is unchanged (and one quoting an Arabic title
isolates it). The direction is the one active when the template reads the
value (``ReliableEmails`` renders each mail in its recipient's language), so
one wrapped context serves every recipient. The HTML alternative (off:
``WAGTAILADMIN_NOTIFICATION_USE_HTML``) gets the same isolated values, which
browsers honour as they do ``<bdi>``, but not the links' isolates, which would
land inside their ``href``.
"""

import re
import unicodedata

from django.utils.translation import get_language_bidi

from hub.templatetags.bidi_tags import POP_DIRECTIONAL_ISOLATE, isolated_text

from .display_names import _Wrapper

LEFT_TO_RIGHT_ISOLATE = "\u2066"
ISOLATED = "quoted_values_isolated"
LINK = re.compile(r"https?://[^\s\u2066-\u2069]+")


def first_strong_is_rtl(text):
    """True, False, or None when ``text`` has no letter of either direction."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return None


def isolated(value):
    """``value`` as the active language's mail may quote it."""
    text = str(value) if value is not None else ""
    if not text or first_strong_is_rtl(text) is get_language_bidi():
        return text
    return isolated_text(text)


def isolated_links(text):
    """``text`` (a rendered mail) with each link isolated left to right, when
    the mail is right to left."""
    if not text or not get_language_bidi():
        return text
    # Spaces inside the isolate: a mail reader that turns the address into a
    # link stops at a space, not at U+2069, which would end up in the link.
    return LINK.sub(
        lambda m: f"{LEFT_TO_RIGHT_ISOLATE} {m.group()} {POP_DIRECTIONAL_ISOLATE}",
        text,
    )


class _Isolating(_Wrapper):
    """Reads as the wrapped object, but for the ``quoted`` attributes and
    methods, which give their value isolated."""

    quoted = ()

    def __getattr__(self, attribute):
        value = super().__getattr__(attribute)
        if attribute not in self.quoted:
            return value
        if callable(value):
            return lambda: isolated(value())
        return isolated(value)

    def __str__(self):
        return isolated(str(self._wrapped))


class IsolatedName(_Isolating):
    """A workflow or task."""

    quoted = ("name",)


class IsolatedPage(_Isolating):
    quoted = ("get_admin_display_title", "title")


class IsolatedUser(_Isolating):
    """A person, as Wagtail's templates name them (``user_display_name``,
    ``get_short_name|default:get_username``)."""

    quoted = ("get_full_name", "get_short_name", "get_username")


class IsolatedComment(_Isolating):
    """A comment or reply of Wagtail's comment notification."""

    quoted = ("text",)


def isolated_comments(comments):
    return [IsolatedComment(comment) for comment in comments]


def isolated_threads(threads):
    """``replied_comments``: each comment with its new replies."""
    return [
        {
            "comment": IsolatedComment(thread["comment"]),
            "replies": isolated_comments(thread["replies"]),
        }
        for thread in threads
    ]


class IsolatedTaskState(_Wrapper):
    def __init__(self, task_state):
        super().__init__(task_state)
        finished_by = task_state.finished_by
        self.finished_by = finished_by and IsolatedUser(finished_by)


class IsolatedText:
    """A text (the reviewer's comment) isolated when the template reads it."""

    def __init__(self, text):
        self.text = text

    def __bool__(self):
        return bool(self.text)

    def __str__(self):
        return isolated(self.text)


WRAPPERS = {
    "workflow": IsolatedName,
    "task": IsolatedName,
    "page": IsolatedPage,
    "requested_by": IsolatedUser,
    "task_state": IsolatedTaskState,
    "comment": IsolatedText,
    # Wagtail's comment notification (templates/wagtailadmin/notifications/
    # updated_comments*): the person who commented, the reader, the comments.
    "editor": IsolatedUser,
    "user": IsolatedUser,
    "new_comments": isolated_comments,
    "resolved_comments": isolated_comments,
    "deleted_comments": isolated_comments,
    "replied_comments": isolated_threads,
}


def isolate_context(context):
    """Wrap, in place, the values of ``context`` a mail template quotes.

    Once only: a value isolated twice would carry two pairs of isolates. (A
    template asks from inside a block, whose scope Django drops after it:
    the next block, or the next recipient's mail, wraps the plain values
    again.)"""
    if context.get(ISOLATED):
        return
    for name, wrapper in WRAPPERS.items():
        if context.get(name) is not None:
            context[name] = wrapper(context[name])
    context[ISOLATED] = True
