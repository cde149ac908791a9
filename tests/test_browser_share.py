"""Browser lane: an agent of Tanger logs in and shares a practice in Arabic.

A first submission has an error (no title): every typed value and the chosen
file must still be there; the corrected submission lands in Tanger's Arabic
section and enters the review workflow.
"""

import pytest
from django.contrib.auth.models import User
from wagtail.models import Collection

from practices.models import PracticePage
from practices.models.roles import EDITOR, CommuneRole
from practices.publishing.roles import ensure_roles
from practices.publishing.sections import section_for
from programme.models import Commune
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
def agent(site):  # noqa: F811 (fixture)
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
