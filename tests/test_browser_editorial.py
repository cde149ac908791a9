"""Browser lane: the editorial journey, in each admin language (issue #14).

Tanger's editor writes a practice in the admin and submits it to the
practice workflow; Tanger's reviewer approves it, then the coordination, and
the fiche is live. Everyone's admin is in French, then in Arabic (their
Wagtail profile's language, set before they log in): each button is found by
its role and the name the admin shows in that language — Wagtail's own
translation, or ours where we override it.
"""

import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.models import Collection

from practices.models import PracticePage
from practices.publishing.roles import ensure_roles
from tests.conftest import skeleton_restored
from tests.factories import isolated_media_root  # noqa: F401 (autouse fixture)
from tests.test_browser import browser_page, site  # noqa: F401 (fixtures)
from tests.workflow_helpers import (
    PASSWORD,
    coordinators,
    editor_group,
    make_user,
    reviewer_group,
    section,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Cantine solidaire du parcours"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(params=["fr", "ar"])
def team(request, site, django_user_model):  # noqa: F811 (fixture)
    """Tanger's editor and reviewer and a coordinator, whose admin is in
    ``request.param``."""
    if not skeleton_restored(request):
        # The restored snapshot leaves the collection root's child count stale.
        Collection.fix_tree()
        ensure_roles()
    language = request.param
    return language, {
        role: make_user(django_user_model, name, group, language=language)
        for role, name, group in (
            ("editor", "redaction-tanger", editor_group("tanger")),
            ("reviewer", "relecture-tanger", reviewer_group("tanger")),
            ("coordinator", "coordination", coordinators()),
        )
    }


def label(language, msgid):
    """The label the admin shows in ``language`` for ``msgid``."""
    with override(language):
        return gettext(msgid)


def as_user(browser_page, live_server, user):  # noqa: F811 (fixture)
    """A new browser context (its own cookies), logged into the admin."""
    context = browser_page.context.browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def open_actions(page):
    """The editor footer's "more actions" menu."""
    page.locator("footer .w-dropdown__toggle").first.click()


def act(page, name):
    """Click the footer's button named ``name`` and wait for the next page."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def approve(browser_page, live_server, user, practice, language):  # noqa: F811
    page = as_user(browser_page, live_server, user)
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[practice.pk]))
    assert page.locator("html").get_attribute("dir") == (
        "rtl" if language == "ar" else "ltr"
    )
    open_actions(page)
    # The commune's task words it « Approuver » (ours), the coordination's
    # Wagtail's « Approve »: whichever the admin shows in this language.
    # At the last step Wagtail adds « and Publish » around it.
    names = {label(language, "Approuver"), label(language, "Approve")}
    pattern = re.compile("|".join(map(re.escape, names)))
    button = page.get_by_role("button", name=pattern)
    with page.expect_navigation():
        button.first.click()
    page.context.close()


def test_a_practice_is_written_submitted_approved_and_published(
    live_server,
    browser_page,  # noqa: F811 (fixture)
    team,
    tmp_path,
):
    language, users = team
    if language == "ar":
        assert label("ar", "Save draft") != "Save draft", "Wagtail's Arabic admin"
    tanger = section("tanger")

    # The editor writes the fiche in Tanger's section and submits it.
    page = as_user(browser_page, live_server, users["editor"])
    add = reverse(
        "wagtailadmin_pages:add", args=("practices", "practicepage", tanger.pk)
    )
    # Loaded at each width (Wagtail lays out its sidebar on load), the last
    # one the desktop's, where the fiche is written and submitted.
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + add)
        page.fill("[name=title]", TITLE)
        page.fill("[name=summary]", "Des repas pour les élèves, chaque midi.")
        page.screenshot(path=tmp_path / f"editor-{language}-{name}.png")
    open_actions(page)
    submit = label(language, "Submit to %(workflow_name)s").split("%")[0].strip()
    button = page.get_by_role("button", name=re.compile("^" + re.escape(submit)))
    with page.expect_navigation():
        button.first.click()
    practice = PracticePage.objects.get(title=TITLE)
    assert practice.get_parent().pk == tanger.pk
    assert practice.workflow_in_progress
    assert not practice.live
    page.context.close()

    # Tanger's reviewer approves; the fiche goes on to the coordination.
    first_task = practice.current_workflow_task
    approve(browser_page, live_server, users["reviewer"], practice, language)
    practice.refresh_from_db()
    assert practice.current_workflow_task.pk != first_task.pk
    assert not practice.live

    # The coordination approves: the fiche is online.
    approve(browser_page, live_server, users["coordinator"], practice, language)
    practice.refresh_from_db()
    assert practice.live
    assert not practice.workflow_in_progress
