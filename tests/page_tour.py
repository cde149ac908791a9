"""What a phone user meets on a page, measured in Chromium (issue #13): the
browser matrix (tests/test_browser_matrix.py) asserts these figures and
benchmarks/phone_pages.py prints them for every page type and language.

Each measure takes a Playwright page already at its address.
"""

import json
from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# Every public page type, by its name in tests/demo_pages.py.
PUBLIC = (
    "home",
    "practice-index",
    "practice-index-filtered",
    "practice",
    "template-index",
    "template",
    "training-index",
    "training",
    "commune",
    "communes",
    "search",
    "search-empty",
    "login",
    "not-found",
)
EDITOR = "tanger.redaction"  # a commune editor of the demo
RESULT = ".search-results a"  # a search result's link
TAB_LIMIT = 80  # far beyond the 5 the issue allows: the figure is reported

_axe = Axe()


def overflow(page):
    """Pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def widest_elements(page, limit=5):
    """The elements that stick out of the window, to name them in a failure."""
    return page.evaluate(
        """(limit) => [...document.querySelectorAll('body *')]
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.right > innerWidth + 1 || r.left < -1)
            .slice(0, limit)
            .map(([e, r]) => `${e.tagName.toLowerCase()}.${e.className}`
                 + ` [${Math.round(r.left)}, ${Math.round(r.right)}]`)""",
        limit,
    )


@dataclass
class Violation:
    rule: str
    impact: str
    nodes: list

    def __str__(self):
        return f"{self.rule} ({self.impact}): {'; '.join(self.nodes[:3])}"


def axe_violations(page):
    """axe-core's violations (every impact), with the first offending nodes."""
    results = _axe.run(page)
    return [
        Violation(
            v["id"], v.get("impact") or "", [" ".join(n["target"]) for n in v["nodes"]]
        )
        for v in results.response["violations"]
    ]


def tabs_to(page, selector):
    """Tab presses after the skip link until ``selector`` has the focus: the
    page freshly loaded, Tab reaches the skip link, Enter follows it to the
    main content, then Tab is counted. None when the skip link is not the
    first stop or ``selector`` is not reached within TAB_LIMIT presses."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    if not page.evaluate("document.activeElement.classList.contains('skip-link')"):
        return None
    page.keyboard.press("Enter")
    for presses in range(1, TAB_LIMIT + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return presses
    return None


def top_of(page, selector):
    """Distance in px from the top of the page to ``selector`` (None: absent)."""
    box = page.locator(selector).first
    if not box.count():
        return None
    return round(box.evaluate("e => e.getBoundingClientRect().top + scrollY"))


def header_share(page):
    """The share of the first screen the site header takes (0–100 %; None
    where there is none: the admin)."""
    share = page.evaluate(
        "(h => h && h.getBoundingClientRect().height / innerHeight)"
        "(document.querySelector('.site-header'))"
    )
    return None if share is None else round(100 * share)


def page_weight(page):
    """Bytes transferred for the document and what it loaded (compressed)."""
    return page.evaluate(
        """performance.getEntriesByType('navigation')
            .concat(performance.getEntriesByType('resource'))
            .reduce((sum, e) => sum + (e.transferSize || 0), 0)"""
    )


def describe(violations):
    return json.dumps([str(v) for v in violations], ensure_ascii=False, indent=1)


def log_in(page, base_url, lang, username, password):
    """The member login form, as a person fills it in."""
    page.goto(f"{base_url}/{lang}/compte/connexion/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def submit_share_form_empty(page, base_url, lang):
    """The share form sent with nothing in it: the page with its errors."""
    page.goto(f"{base_url}/{lang}/partager/")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
