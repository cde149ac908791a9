"""What a cached fragment's key needs (``hub.content_version``)::

    {% load wagtail_cache fragment_tags %}
    {% content_version as version %}{% viewer_key as viewer %}
    {% wagtailpagecache 600 "lineage" version viewer %}…{% endwagtailpagecache %}

Wagtail's ``wagtailpagecache`` adds the page's own ``cache_key`` (id, URL,
last publication) and the site, and never caches in a preview. ``version``
changes with any other content; ``viewer`` is needed only by fragments that
list pages or documents some visitors may not see (``hub.visibility``).
"""

from django import template

from hub.content_version import FRAGMENT_TIMEOUT, current_for
from hub.visibility import viewer, visibility_key

register = template.Library()


@register.simple_tag(takes_context=True)
def content_version(context):
    return current_for(context.get("request"))


@register.simple_tag(takes_context=True)
def viewer_key(context):
    return visibility_key(viewer(context.get("request")))


@register.simple_tag
def fragment_timeout():
    return FRAGMENT_TIMEOUT
