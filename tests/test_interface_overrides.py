"""Django's and Wagtail's own strings, translated again in our catalogue
(``hub.interface_overrides``), as an Arabic reader meets them: Moroccan month
names in dates, « كلمة المرور » in Wagtail's login and account pages, « وثيقة »
in its documents admin, « طلب تعديلات » among the workflow actions."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils.translation import gettext, ngettext, override, pgettext

from hub.interface_overrides import OVERRIDDEN
from practices.models import TemplateIndexPage, TemplatePage
from tests.factories import PracticePageFactory
from tests.test_admin import template_data
from tests.workflow_helpers import (
    add_url,
    coordinators,
    edit_url,
    make_user,
    trainers,
)

MOROCCAN_MONTHS = (
    "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر".split()
)
# The Middle-Eastern (and Egyptian-spelt) names that Django's catalogue uses.
OTHER_MONTHS = ["مايو", "يوليو ", "أغسطس", "سبتمبر", "نوفمبر", "ديسمبر", "إبريل"]
OTHER_TERMS = ["كلمة السر", "رمز المرور", "مستند", "طلب تغييرات", "طلب التغييرات"]


def arabic_catalogue():
    po = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "ar/LC_MESSAGES/django.po"))
    return {(e.msgctxt, e.msgid, e.msgid_plural or None): e for e in po}


def translated(key):
    """What Django answers in Arabic for an override's key."""
    msgctxt, msgid, plural = key
    if plural:
        return [ngettext(msgid, plural, n) for n in (0, 1, 2, 3, 11, 100)]
    return [pgettext(msgctxt, msgid) if msgctxt else gettext(msgid)]


def test_every_override_is_in_our_arabic_catalogue_and_wins():
    """Each listed msgid has an Arabic entry (same msgctxt, same plural) with
    every form translated, and Django answers with ours, not the app's."""
    catalogue = arabic_catalogue()
    for key in OVERRIDDEN:
        entry = catalogue.get(tuple(key))
        assert entry is not None and not entry.obsolete, f"{key} not in locale/ar"
        ours = (
            [entry.msgstr_plural[i] for i in (0, 1, 2, 3, 4, 5)]
            if key.msgid_plural
            else [entry.msgstr]
        )
        assert all(ours), f"{key} untranslated"
        with override("ar"):
            assert translated(key) == ours, key
        assert not any(term in text for term in OTHER_TERMS for text in ours), ours


def render_dates(fmt, *dates):
    template = Template("{% for d in dates %}{{ d|date:fmt }}|{% endfor %}")
    with override("ar"):
        return template.render(Context({"dates": dates, "fmt": fmt}))


@pytest.mark.parametrize("fmt", ["DATE_FORMAT", "F", "N", "E", "b"])
def test_arabic_dates_use_moroccan_month_names(fmt):
    """Every month, in each of Django's month formats (F: MONTHS, N:
    MONTHS_AP, E: MONTHS_ALT, b: MONTHS_3)."""
    dates = [datetime.date(2026, month, 15) for month in range(1, 13)]
    rendered = render_dates(fmt, *dates).split("|")[:12]
    for text, name in zip(rendered, MOROCCAN_MONTHS, strict=True):
        assert name in text, (fmt, text, name)
    assert not [m for m in OTHER_MONTHS if m in "|".join(rendered)]


@pytest.mark.django_db
def test_arabic_fiche_dates_read_mai_and_ghusht(client):
    """A practice that ran from May to August shows ماي and غشت, as our
    content writes them."""
    page = PracticePageFactory(
        language="ar",
        title="مطعم تضامني",
        commune="tanger",
        start_date=datetime.date(2025, 5, 3),
        end_date=datetime.date(2025, 8, 20),
    )
    html = client.get(page.url).content.decode()
    assert "3 ماي، 2025" in html
    assert "20 غشت، 2025" in html
    assert "مايو" not in html and "أغسطس" not in html


@pytest.fixture
def arabic_coordinator(client, django_user_model):
    user = make_user(
        django_user_model, "coordination-ar", coordinators(), language="ar"
    )
    client.force_login(user)
    return client


def assert_one_voice(html, expected):
    # The sidebar menu and the bulk actions' labels are JSON with \uXXXX escapes.
    html = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), html)
    assert expected in html
    found = [term for term in OTHER_TERMS if term in html]
    assert not found, found


@pytest.mark.django_db
def test_arabic_admin_login_says_kalimat_al_murur(client):
    with override("ar"):
        html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert_one_voice(html, "كلمة المرور")


@pytest.mark.django_db
def test_arabic_admin_password_change_says_kalimat_al_murur(arabic_coordinator):
    html = arabic_coordinator.get("/admin/account/").content.decode()
    assert_one_voice(html, "كلمة المرور")


@pytest.mark.django_db
def test_arabic_admin_user_form_says_kalimat_al_murur(client, django_user_model):
    admin = make_user(django_user_model, "chef", language="ar")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    html = client.get("/admin/users/new/").content.decode()
    assert_one_voice(html, "تأكيد كلمة المرور")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/", "الوثائق"),
        ("/admin/documents/", "إضافة وثيقة"),
        ("/admin/documents/multiple/add/", "إضافة وثائق"),
        ("/admin/documents/chooser/", "اختيار وثيقة"),
    ],
)
def test_arabic_documents_admin_says_wathiqa(arabic_coordinator, url, expected):
    response = arabic_coordinator.get(url)
    assert response.status_code == 200
    assert_one_voice(response.content.decode(), expected)


@pytest.mark.django_db
def test_arabic_workflow_action_reads_request_changes(
    client, django_user_model, arabic_coordinator
):
    """A template waiting for the coordination: the coordinator's Arabic
    editor offers « طلب تعديلات », the term of our own review task."""
    trainer = make_user(django_user_model, "formation-fr", trainers())
    data = template_data("fr")
    parent = TemplateIndexPage.objects.get(locale__language_code="fr")
    client.force_login(trainer)
    client.post(add_url(parent, TemplatePage), data)
    page = TemplatePage.objects.get(slug=data["slug"])
    client.post(edit_url(page), {**data, "action-submit": "1"})
    page.refresh_from_db()
    assert page.current_workflow_task is not None
    coordinator = django_user_model.objects.get(username="coordination-ar")
    client.force_login(coordinator)
    html = client.get(edit_url(page)).content.decode()
    assert_one_voice(html, "طلب تعديلات")
