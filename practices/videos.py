"""The video of a training page, embedded through Wagtail's embed finders.

A training may link a recorded session; on slow connections the player (often a
megabyte of scripts) loads only when shown, and a provider that cannot be
reached costs the page nothing but the plain link.
"""

import hashlib
import logging

from django.core.cache import cache
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.finders import get_finders

logger = logging.getLogger(__name__)

# After a failed embed lookup (no network, provider down), pages show the plain
# link for this long instead of waiting for the provider on every visit.
EMBED_RETRY_AFTER = 60 * 60


def video_embed(url):
    """The embed HTML of a video whose provider Wagtail's embed finders accept
    (WAGTAILEMBEDS_FINDERS), or "" — the page then shows a plain link. Lookups
    are stored by Wagtail (the ``Embed`` model); failures are remembered for a
    while, so an unreachable provider neither breaks nor slows the page."""
    if not url or not any(finder.accept(url) for finder in get_finders()):
        return ""
    failed_key = "video-embed-failed:" + hashlib.sha256(url.encode()).hexdigest()
    if cache.get(failed_key):
        return ""
    try:
        embed = get_embed(url)
    except (EmbedException, OSError, ValueError) as error:
        logger.info("Video not embedded (%s): %s", url, error)
        cache.set(failed_key, True, EMBED_RETRY_AFTER)
        return ""
    if embed.type != "video":  # a "photo" would be a third-party <img>
        return ""
    # The player (often a megabyte of scripts) loads only when shown.
    return embed.html.replace("<iframe", '<iframe loading="lazy"', 1)
