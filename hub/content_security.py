"""The Content-Security-Policy header: one policy per kind of response.

Rich text is sanitised where it enters (``hub.text``); the policy is the
second wall, for whatever a bug or a future field lets through: on the public
site the browser runs no script but the hub's own files, and no inline script,
handler (``onerror=``) or style at all.

django-csp (the Mozilla project, whose settings Django 6's built-in CSP
follows) writes the header; rather than a hand-written middleware it also gives
views ``csp_update``/``csp_override`` decorators and nonces if one day a page
needs them. Its middleware applies one policy from the settings; this subclass
chooses the policy by response instead:

* ``PUBLIC``: HTML of the public site (pages, search, share form, logins, error
  pages). Scripts and styles from this origin only; videos of training pages
  play in the provider's frame (any https: player Wagtail's oEmbed finders
  accept); no one may frame the site (as X-Frame-Options: DENY).
* ``ADMIN``: Wagtail's admin and wagtail-localize's editor still write inline
  scripts (inline panels, date pickers, the translation editor's props) and
  style attributes, so both are allowed there — for logged-in staff only, on
  pages that never show raw HTML from outside. No third-party host (Gravatar
  and Wagtail's update check are off in the settings); the editor shows its
  live preview in a frame of the admin (the previewed page included).
* ``NOT_HTML``: JSON (the search API), documents, images: nothing in them may
  load or run anything, even opened directly in a tab.
"""

from functools import cache

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse

COMMON = {
    "default-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
}
PUBLIC = {
    **COMMON,
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF],
    "frame-src": ["https:"],
    "frame-ancestors": [NONE],
}
ADMIN = {
    **COMMON,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "connect-src": [SELF],
    "frame-src": [SELF, "https:"],
    "frame-ancestors": [SELF],
}
NOT_HTML = {"default-src": [NONE], "frame-ancestors": [NONE]}


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def policy_for(request, response):
    """The directives for ``response`` (see the module's docstring); None for
    the page a preview renders: Wagtail runs it through the middleware as a
    request of its own (``is_dummy``), with the page's public URL, but it is
    served by the admin's preview view, which gives it the admin's policy."""
    if getattr(request, "is_dummy", False):
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return NOT_HTML
    if request.path_info.startswith(admin_prefix()):
        return ADMIN
    return PUBLIC


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # A 304 Not Modified updates the headers the browser stored with the
        # page: it keeps the page's own policy only if the 304 brings none.
        if response.status_code == 304:
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        # A view's csp_override still wins; csp_update/csp_replace still apply.
        if not report_only and parts.config is None:
            parts.config = policy_for(request, response)
        return parts
