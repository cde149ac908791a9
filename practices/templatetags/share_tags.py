"""``{% share_urls page as share %}``: ``share.url`` (absolute) and
``share.mailto`` for the share links (practices/share_links.py)."""

from django import template

from practices.share_links import absolute_url, mailto

register = template.Library()


@register.simple_tag(takes_context=True)
def share_urls(context, page):
    url = absolute_url(context["request"], page)
    return {"url": url, "mailto": mailto(page.title, url)}
