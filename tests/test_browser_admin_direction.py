"""Browser lane: admin text fields follow their text's direction (dir="auto").

French typed in the Arabic admin reads left to right, Arabic typed in the French
admin right to left (hub/static/hub/admin/text-direction.js).
"""

import pytest
from django.urls import reverse
from wagtail.models import Collection

from home.site_structure import ensure_site
from programme.loader import load_taxonomy
from tests.conftest import TAXONOMY
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.test_browser import browser_page  # noqa: F401 (fixture)
from tests.test_browser_translation_editor import direction, log_in
from tests.workflow_helpers import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("admin_language", "typed", "expected"),
    [("ar", "Cantine solidaire", "ltr"), ("fr", "مطعم تضامني", "rtl")],
)
def test_text_fields_follow_the_typed_text(
    live_server,
    browser_page,  # noqa: F811
    django_user_model,
    admin_language,
    typed,
    expected,
):
    ensure_site()
    load_taxonomy(TAXONOMY)
    Collection.fix_tree()
    user = make_user(django_user_model, "admin", language=admin_language)
    user.is_superuser = True
    user.save()
    practice = PracticePageFactory(commune="tanger")
    log_in(browser_page, live_server, user)
    browser_page.goto(
        live_server.url + reverse("wagtailadmin_pages:edit", args=[practice.pk])
    )
    summary = browser_page.locator("textarea[name=summary]")
    summary.fill(typed)
    assert summary.get_attribute("dir") == "auto"
    assert direction(summary) == expected
    title = browser_page.locator("[name=title]").first
    title.fill(typed)
    assert direction(title) == expected
