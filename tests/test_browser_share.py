"""Browser lane: an agent of Tanger logs in and shares a practice in Arabic.

A first submission has an error (no title): every typed value and the chosen
file must still be there; the corrected submission lands in Tanger's Arabic
section and enters the review workflow.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.models import Collection, TaskState
from wagtail.users.models import UserProfile

from practices.models import PracticePage
from practices.models.review_task import CommuneReviewTask
from practices.models.roles import EDITOR, REVIEWER, CommuneRole
from practices.publishing.roles import ensure_roles
from practices.publishing.sections import section_for
from programme.models import Commune
from tests.conftest import skeleton_restored
from tests.factories import PDF_BYTES, isolated_media_root, locale  # noqa: F401
from tests.test_browser import browser_page, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXTS = {
    "summary": "تستقبل الجماعة النساء صباحين في الأسبوع.",
    "context": "لم تكن النساء يعرفن إلى من يتوجهن.",
    "objectives": "مكان قريب للإنصات.",
    "body": "جمعنا الجمعيات.\n\nثم هيأنا قاعة.",
    "actors_associations": "جمعية أمل",
    "resources": "مساعدة اجتماعية بنصف دوام",
    "funding_own": "٢٥٠٠٠",
    "results": "الإنصات إلى 340 امرأة",
    "difficulties": "قليلات جئن في البداية",
    "lessons": "الجمعيات تخلق الثقة",
    "transferability": "قاعة تحفظ الخصوصية",
    "tags": "إنصات، توجيه",
    "contacts": "فاطمة ز.",
    "start_date": "2023-02-01",
}
TITLE = "فضاء الإنصات للنساء"


@pytest.fixture
def agent(site, request):  # noqa: F811 (fixture)
    if not skeleton_restored(request):
        # The restored snapshot leaves the collection root's child count stale.
        Collection.fix_tree()
        ensure_roles()
    tanger = Commune.objects.get(slug="tanger", locale=locale("fr"))
    user = User.objects.create_user("amina", password="mot-de-passe-agent")
    user.groups.add(CommuneRole.objects.get(commune=tanger, role=EDITOR).group)
    return user


def log_in(page, base):
    page.goto(base + "/ar/partager/")
    page.wait_for_url("**/ar/compte/connexion/?next=/ar/partager/")
    page.fill("#id_username", "amina")
    page.fill("#id_password", "mot-de-passe-agent")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/ar/partager/")


def test_share_in_arabic_keeps_everything_then_submits(
    live_server,
    browser_page,  # noqa: F811 (fixture)
    agent,
):
    page = browser_page
    log_in(page, live_server.url)
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.check("input[name=language][value=ar]")
    for name, value in TEXTS.items():
        page.fill(f"[name={name}]", value)
    page.select_option("[name=status]", "completed")
    page.locator("input[name=themes]").first.check()
    page.set_input_files(
        "[name=attachments]",
        {"name": "حصيلة.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES},
    )
    page.click("button[value=submit]")
    page.wait_for_load_state()

    # No title: the error is in Arabic, next to the title field.
    assert "هذا الحقل مطلوب" in page.locator("#id_title_error").inner_text()
    for name, value in TEXTS.items():
        assert page.input_value(f"[name={name}]") == value, name
    assert page.input_value("[name=status]") == "completed"
    assert page.locator("input[name=themes]").first.is_checked()
    assert page.locator("input[name=language][value=ar]").is_checked()
    assert "حصيلة.pdf" in page.locator(".kept-files").inner_text()
    assert not PracticePage.objects.exists()

    page.fill("[name=title]", TITLE)
    page.click("button[value=submit]")
    page.wait_for_url("**/ar/partager/merci/*/")
    assert "أُرسلت بطاقتكم للمراجعة" in page.content()

    practice = PracticePage.objects.get()
    tanger = Commune.objects.get(slug="tanger", locale=locale("fr"))
    assert practice.get_parent().pk == section_for(tanger, locale("ar")).pk
    assert practice.title == TITLE
    assert practice.workflow_in_progress
    assert practice.funding_own == 25000
    assert practice.attachments.get().document.title == "حصيلة"
    # Typed with the Arabic comma, as the form's Arabic example shows: two tags.
    tags = practice.get_latest_revision_as_object().tags.all()
    assert sorted(tag.name for tag in tags) == ["إنصات", "توجيه"]


# Journeys of issue #13, on a phone (390×844), in both languages: one error
# leads to the field, the fix is sent for review; axe-core finds nothing on the
# share form with errors nor on the login page with errors (phone and desktop).
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DONE = {"fr": "Votre fiche a été envoyée en relecture", "ar": "أُرسلت بطاقتكم للمراجعة"}


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [(v["id"], v["impact"], len(v["nodes"])) for v in found]


def log_in_as_agent(page, base, language):
    page.goto(f"{base}/{language}/partager/")
    page.wait_for_url(f"**/{language}/compte/connexion/?next=/{language}/partager/")
    page.fill("#id_username", "amina")
    page.fill("#id_password", "mot-de-passe-agent")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/partager/")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_one_error_leads_to_the_field_then_the_fiche_is_sent(
    live_server,
    browser_page,  # noqa: F811 (fixture)
    agent,
    language,
):
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in_as_agent(page, live_server.url, language)
    page.fill("[name=title]", TITLE)
    page.fill("[name=summary]", TEXTS["summary"])
    page.fill("[name=funding_own]", "12,5")  # no centimes: the one error
    with page.expect_navigation():
        page.click("button[value=submit]")

    # The summary has the focus, at the top of the screen, and names the field.
    focused = page.evaluate("document.activeElement.className")
    assert focused == "error-summary"
    assert page.title().startswith({"fr": "Erreur : ", "ar": "خطأ: "}[language])
    summary = page.locator(".error-summary")
    assert 0 <= summary.bounding_box()["y"] < PHONE["height"]
    link = summary.locator("a")
    assert link.count() == 1
    label = page.locator("label[for=id_funding_own]").inner_text()
    assert link.inner_text() == label
    assert axe_violations(page) == []
    # The field is far below; the link brings it, with its label, into view.
    field = page.locator("#id_funding_own")
    assert field.bounding_box()["y"] > 2 * PHONE["height"]
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_funding_own"
    label_box = page.locator("label[for=id_funding_own]").bounding_box()
    assert 0 <= label_box["y"] and field.bounding_box()["y"] < PHONE["height"]
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_funding_own_error" in field.get_attribute("aria-describedby")
    # The invalid state shows: a red, wider border (not the 1px grey one).
    border = field.evaluate(
        "el => ((s) => [s.borderTopColor, s.borderTopWidth])(getComputedStyle(el))"
    )
    assert border == ["rgb(164, 38, 44)", "2px"]

    field.fill("25000")
    with page.expect_navigation():
        page.click("button[value=submit]")
    assert "/merci/" in page.url, page.locator("main").inner_text()[:600]
    assert DONE[language] in page.content()
    practice = PracticePage.objects.get()
    assert practice.workflow_in_progress and practice.funding_own == 25000


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_forms_with_errors_pass_axe(
    live_server,
    browser_page,  # noqa: F811 (fixture)
    agent,
    language,
    viewport,
):
    page = browser_page
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/{language}/compte/connexion/")
    page.fill("#id_username", "amina")
    page.fill("#id_password", "pas-le-bon")
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert axe_violations(page) == []

    page.fill("#id_password", "mot-de-passe-agent")
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    page.goto(f"{live_server.url}/{language}/partager/")
    with page.expect_navigation():
        page.click("button[value=draft]")  # nothing typed: no title, no summary
    assert page.locator(".error-summary a").count() == 2
    assert axe_violations(page) == []
    # Every input's border is at least 3:1 against white (WCAG 1.4.11).
    colours = page.eval_on_selector_all(
        ".share-field input:not([type=checkbox]):not([type=radio]), "
        ".share-field textarea, .share-field select",
        "els => [...new Set(els.map(el => getComputedStyle(el).borderTopColor))]",
    )
    assert colours and all(contrast_on_white(c) >= 3 for c in colours), colours


def contrast_on_white(rgb):
    """WCAG contrast ratio of an ``rgb(r, g, b)`` colour against white."""
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.fixture(params=["fr", "ar"])
def reviewer(request, agent):
    """Tanger's reviewer, whose admin is in French, then in Arabic."""
    tanger = Commune.objects.get(slug="tanger", locale=locale("fr"))
    user = User.objects.create_user("youssef", password="mot-de-passe-relecteur")
    user.groups.add(CommuneRole.objects.get(commune=tanger, role=REVIEWER).group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = request.param
    profile.save()
    return user


def test_reviewer_approves_the_shared_fiche_in_the_admin(
    live_server,
    browser_page,  # noqa: F811 (fixture)
    agent,
    reviewer,
):
    """Tanger's reviewer opens the submitted fiche in the admin and approves it
    from the editor's footer — « Approuver » as their admin's language words
    it: it moves on to the coordination."""
    sharer = Client()
    sharer.force_login(agent)
    sharer.post(
        "/fr/partager/",
        {"language": "fr", "title": "Cantine", "summary": "S", "action": "submit"},
    )
    practice = PracticePage.objects.get()
    commune_task = practice.current_workflow_task
    assert isinstance(commune_task.specific, CommuneReviewTask)
    task_state = practice.current_workflow_task_state

    page = browser_page
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", "youssef")
    page.fill("input[name=password]", "mot-de-passe-relecteur")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[practice.pk]))
    page.locator("footer .w-dropdown__toggle").first.click()
    with override(UserProfile.get_for_user(reviewer).preferred_language):
        approve = page.get_by_role("button", name=gettext("Approuver"), exact=True)
    with page.expect_navigation():
        approve.click()
    practice.refresh_from_db()
    assert practice.current_workflow_task.pk != commune_task.pk
    done = TaskState.objects.get(pk=task_state.pk)
    assert done.status == TaskState.STATUS_APPROVED
    assert done.finished_by == reviewer
    assert not practice.live  # the coordination publishes
