"""Group, workflow, task and collection names in the reader's language (issue
#14, item 3).

They are stored under their French names (practices/publishing/roles.py,
workflows.py), the stable keys an editor may still rename; an Arabic admin
reads them in Arabic (practices/publishing/display_names.py): in the page
editor's status panel and submit button, the workflow history, the dashboard,
the users and groups listings and the user form, the workflow reports, and the
workflow e-mails (collections: test_collection_names.py).
"""

import pytest
from django.core import mail
from django.urls import reverse

from practices.models import PracticePage
from tests import workflow_helpers as flow
from tests.factories import isolated_media_root  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.django_db

PRACTICE_AR = "بطاقة ممارسة: مراجعة الجماعة ثم منسقية البرنامج"
REVIEW_AR = "مراجعة الجماعة"
FRENCH = ("rédaction", "relecture communale", "Relecture par la commune")


@pytest.fixture
def people(django_user_model):
    people = {
        "editor": flow.make_user(
            django_user_model, "katib", flow.editor_group("tanger"), language="ar"
        ),
        "reviewer": flow.make_user(
            django_user_model, "mourajie", flow.reviewer_group("tanger"), language="ar"
        ),
        "coordinator": flow.make_user(
            django_user_model, "tansiq", flow.coordinators(), language="ar"
        ),
        "superuser": flow.make_user(django_user_model, "moudir", language="ar"),
    }
    people["superuser"].is_superuser = True
    people["superuser"].save()
    return people


def submitted(client, editor):
    client.force_login(editor)
    data = {**flow.practice_form("Cantine", "cantine"), "action-submit": "1"}
    assert client.post(flow.add_url(flow.section("tanger")), data).status_code == 302
    return PracticePage.objects.get(slug="cantine")


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def assert_no_french(text):
    for french in FRENCH:
        assert french not in text


def test_names_follow_the_active_language():
    from django.utils.translation import override

    from practices.publishing.display_names import localized_name

    with override("ar"):
        assert localized_name("Tanger — rédaction") == "طنجة — التحرير"
        assert localized_name("Relecture par la commune") == REVIEW_AR
        assert localized_name("Tanger") == "طنجة"
        assert localized_name("Nom choisi dans l'admin") == "Nom choisi dans l'admin"
    with override("fr"):
        assert localized_name("Tanger — relecture") == "Tanger — relecture"


def test_submit_button_names_the_workflow_in_arabic(client, people):
    client.force_login(people["editor"])
    page = html(client, flow.add_url(flow.section("tanger")))
    assert f"تقديم إلى {PRACTICE_AR}" in page
    assert_no_french(page)


def test_status_panel_and_history_in_arabic(client, people):
    page = submitted(client, people["editor"])
    client.force_login(people["reviewer"])
    editor = html(client, flow.edit_url(page))
    assert PRACTICE_AR in editor
    assert REVIEW_AR in editor
    assert_no_french(editor)
    history = html(
        client, reverse("wagtailadmin_pages:workflow_history", args=(page.pk,))
    )
    assert PRACTICE_AR in history and REVIEW_AR in history
    assert_no_french(history)
    state = page.current_workflow_state
    detail = html(
        client,
        reverse("wagtailadmin_pages:workflow_history_detail", args=(page.pk, state.pk)),
    )
    assert PRACTICE_AR in detail and REVIEW_AR in detail
    assert_no_french(detail)


def test_dashboard_names_the_step_in_arabic(client, people):
    submitted(client, people["editor"])
    client.force_login(people["reviewer"])
    assert REVIEW_AR in html(client, reverse("wagtailadmin_home"))
    client.force_login(people["editor"])
    dashboard = html(client, reverse("wagtailadmin_home"))
    assert REVIEW_AR in dashboard
    assert_no_french(dashboard)


def test_users_and_groups_in_arabic(client, people):
    client.force_login(people["coordinator"])
    users = html(client, reverse("wagtailusers_users:index"))
    assert "طنجة — التحرير" in users
    assert "تنسيق" in users
    assert_no_french(users)
    form = html(client, reverse("wagtailusers_users:edit", args=(people["editor"].pk,)))
    assert "طنجة — التحرير" in form
    assert_no_french(form)
    # Groups are managed by superusers only.
    client.force_login(people["superuser"])
    groups = html(client, reverse("wagtailusers_groups:index") + "?q=Tanger")
    assert "طنجة — المراجعة" in groups
    assert_no_french(groups)
    form = html(client, reverse("wagtailusers_users:edit", args=(people["editor"].pk,)))
    assert "طنجة — التحرير" in form
    assert_no_french(form)


def test_submission_mail_names_workflow_and_step_in_arabic(client, people):
    submitted(client, people["editor"])
    (message,) = [m for m in mail.outbox if m.to == ["mourajie@example.org"]]
    assert REVIEW_AR in message.subject
    assert_no_french(message.subject + message.body)


def test_workflow_reports_name_workflow_and_step_in_arabic(client, people):
    submitted(client, people["editor"])
    client.force_login(people["coordinator"])
    report = html(client, reverse("wagtailadmin_reports:workflow_results"))
    assert PRACTICE_AR in report and REVIEW_AR in report
    assert_no_french(report)
    tasks = html(client, reverse("wagtailadmin_reports:workflow_tasks_results"))
    assert REVIEW_AR in tasks
    assert_no_french(tasks)


def filter_choices(client, url, name):
    """The labels of the report's filter ``name`` (a <select>)."""
    from tests.parsed_pages import parsed

    select = parsed(client.get(url)).find("select", attrs={"name": name})
    return [option.get_text(strip=True) for option in select.find_all("option")]


def test_workflow_reports_filters_name_workflows_and_tasks_in_arabic(client, people):
    """The « Workflows » and « Workflow tasks » reports' drop-downs list the
    workflows and steps in Arabic, not under their stored French names."""
    client.force_login(people["coordinator"])
    by_workflow = reverse("wagtailadmin_reports:workflow")
    by_task = reverse("wagtailadmin_reports:workflow_tasks")
    choices = {
        "workflows": filter_choices(client, by_workflow, "workflow"),
        "workflows, by task": filter_choices(client, by_task, "workflow"),
        "tasks": filter_choices(client, by_task, "task"),
    }
    assert PRACTICE_AR in choices["workflows"]
    assert PRACTICE_AR in choices["workflows, by task"]
    assert REVIEW_AR in choices["tasks"]
    for labels in choices.values():
        assert_no_french(" ".join(labels))
        assert not any("par la coordination" in label for label in labels)
