"""Browser lane: the Content-Security-Policy breaks nothing, in the admin or on
the public site (hub/content_security.py).

An editor logs into Wagtail's admin, opens a practice in the page editor, shows
its live preview, types into a rich text field (Draftail) and saves a draft,
visits listings, the link chooser and wagtail-localize's translation editor;
then the public practice page and the search page (with its suggestions) are
opened. Chromium reports every blocked script, style, frame or request as a
``securitypolicyviolation`` event and a console error: there must be none.
"""

import pytest
from django.contrib.auth.models import User
from wagtail.models import Collection, Locale

from practices.models import PracticePage
from practices.publishing.roles import ensure_roles
from tests.conftest import skeleton_restored
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.test_browser import browser_page, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mot-de-passe-admin"
TYPED = "Ajout fait dans le navigateur"
# Runs in every frame before the page's own scripts (and is not subject to the
# page's policy): keeps what the browser blocked.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.violatedDirective} blocked ${event.blockedURI} ${event.sample}`
  );
});
"""


@pytest.fixture
def practice(site, request):  # noqa: F811 (fixture)
    if not skeleton_restored(request):
        # The restored snapshot leaves the collection root's child count stale.
        Collection.fix_tree()
        ensure_roles()
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    return PracticePageFactory(
        title="Cantine solidaire",
        commune="tanger",
        context="<p>Des élèves sans repas à midi.</p>",
    )


def translation_of(practice):
    """Its Arabic translation, made with wagtail-localize (opened in its editor)."""
    from wagtail_localize.operations import translate_object

    arabic = Locale.objects.get(language_code="ar")
    translate_object(practice, [arabic], user=User.objects.get(username="admin"))
    return PracticePage.objects.get(
        translation_key=practice.translation_key, locale=arabic
    )


class Watcher:
    """Every violation reported on ``page``: events and console errors."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def violations(self):
        self.page.wait_for_load_state("networkidle")
        events = [
            event
            for frame in self.page.frames
            for event in frame.evaluate("window.__violations || []")
        ]
        return events + self.console


def test_admin_editing_and_public_pages_report_no_violation(
    live_server,
    browser_page,  # noqa: F811 (fixture)
    practice,
):
    page, base = browser_page, live_server.url
    watcher = Watcher(page)

    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    assert watcher.violations() == []

    page.goto(f"{base}/admin/pages/{practice.pk}/edit/")
    editor = page.locator('[data-contentpath="context"] [contenteditable=true]')
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(f" {TYPED}")
    page.click('[data-side-panel-toggle="preview"]')
    page.frame_locator("iframe#w-preview-iframe").locator("h1").wait_for(
        state="attached"
    )
    assert watcher.violations() == []

    page.click("button.action-save")
    page.wait_for_selector(".messages .success")
    assert watcher.violations() == []
    draft = PracticePage.objects.get(pk=practice.pk).get_latest_revision_as_object()
    assert TYPED in draft.context

    # Other screens with inline scripts: listings, the page chooser (a modal
    # whose HTML comes by fetch), wagtail-localize's translation editor.
    for path in ("/admin/pages/", "/admin/documents/", "/admin/images/"):
        page.goto(base + path)
        assert watcher.violations() == [], path
    page.goto(f"{base}/admin/pages/{practice.pk}/edit/")
    page.locator('[data-contentpath="context"] [contenteditable=true]').click()
    page.keyboard.press("Control+A")
    page.click('[data-contentpath="context"] button[name=LINK]')
    page.wait_for_selector(".modal-content .listing, .modal-content form")
    assert watcher.violations() == []
    page.goto(f"{base}/admin/pages/{translation_of(practice).pk}/edit/")
    page.wait_for_selector(".js-translation-editor li")
    assert watcher.violations() == []

    page.goto(base + practice.url)
    assert "Cantine solidaire" in page.locator("h1").inner_text()
    assert watcher.violations() == []

    page.goto(base + "/fr/search/?q=cantine")
    page.fill("#q", "cant")
    page.wait_for_selector("#q-suggestions li")
    assert watcher.violations() == []


def test_inline_script_is_blocked_on_the_public_site(
    live_server,
    browser_page,  # noqa: F811 (fixture)
    practice,
):
    """The policy is enforced: a script written into a public page by a bug
    (simulated here) does not run, and is reported."""
    page = browser_page
    watcher = Watcher(page)
    page.goto(live_server.url + practice.url)
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.append(script);
        }"""
    )
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in watcher.violations())
