"""Wagtail's own plain-text mails (comment notification, password reset)
quote values and links as our workflow mails do: isolated when they are of the
other direction (practices/publishing/mail_isolation.py). Used by the thin
overrides in practices/templates/wagtailadmin/."""

from django import template

from ..publishing import mail_isolation

register = template.Library()


@register.filter
def mail_isolated(value):
    """``value`` isolated if it is not of the active language's direction."""
    return mail_isolation.isolated(value)


@register.filter(is_safe=True)
def isolated_links(text):
    """For ``{% filter isolated_links %}``: each link left to right in an
    Arabic mail."""
    return mail_isolation.isolated_links(text)


@register.simple_tag(takes_context=True)
def isolate_quoted_values(context):
    """Wrap the page, people and comments of the context, for the rest of the
    enclosing block (``{{ block.super }}`` then reads them isolated)."""
    mail_isolation.isolate_context(context)
    return ""
