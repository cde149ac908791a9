"""The documented demonstration accounts (README, "Demo content"): one per role,
for Tanger and Figuig, each able to do what its role says and no more — and
created only by ``load_demo --demo-users`` on development settings, never with
production variables (issue #9, item 8)."""

import io
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from practices.demo.users import create_demo_users, demo_accounts
from practices.publishing.roles import ensure_roles
from practices.publishing.sections import section_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    return create_demo_users(ensure_roles(), "changeme")


def test_one_account_per_role_and_commune(accounts):
    assert sorted(accounts) == sorted(name for name, _f, _k in demo_accounts())
    assert {"coordination", "tanger.redaction", "figuig.relecture"} <= set(accounts)


def test_accounts_log_in_with_the_documented_password(client, accounts):
    for username in accounts:
        assert client.login(username=username, password="changeme"), username
        client.logout()


def test_commune_editor_may_add_only_in_own_section(accounts):
    user = get_user_model().objects.get(username="tanger.redaction")
    tanger = section_for_slug("tanger")
    figuig = section_for_slug("figuig")
    assert tanger.permissions_for_user(user).can_add_subpage()
    assert not figuig.permissions_for_user(user).can_add_subpage()
    assert not tanger.permissions_for_user(user).can_publish_subpage()


def test_partner_member_has_no_admin(client, accounts):
    client.login(username="partenaire", password="changeme")
    assert client.get("/admin/").status_code == 302


def test_coordinator_reaches_the_admin(client, accounts):
    client.login(username="coordination", password="changeme")
    assert client.get("/admin/").status_code == 200


def test_running_setup_twice_changes_nothing(accounts):
    """setup_roles is idempotent: groups and their rights stay as they were."""
    from django.contrib.auth.models import Group

    before = {g.name: g.permissions.count() for g in Group.objects.all()}
    call_command("setup_roles", stdout=io.StringIO())
    assert {g.name: g.permissions.count() for g in Group.objects.all()} == before


def section_for_slug(slug):
    from programme.models import Commune

    commune = Commune.objects.get(slug=slug, locale__language_code="fr")
    return section_for(commune, commune.locale)


# load_demo --demo-users: only on development settings -------------------------

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_USERNAMES = ["admin", *(name for name, _f, _k in demo_accounts())]


@pytest.fixture
def light_demo(monkeypatch):
    """load_demo without its content (files and import: seconds), which these
    tests are not about; the accounts are created exactly as usual."""
    from home.management.commands import load_demo

    writer = SimpleNamespace(created=0, updated=0)
    monkeypatch.setattr(load_demo, "generate_demo_files", lambda directory: None)
    monkeypatch.setattr(load_demo, "run_import", lambda path: (writer, []))


def demo_users_in_database():
    return sorted(
        get_user_model()
        .objects.filter(username__in=DEMO_USERNAMES)
        .values_list("username", flat=True)
    )


def load_demo(*args):
    call_command("load_demo", *args, stdout=io.StringIO())


def test_load_demo_without_the_flag_creates_no_account(light_demo, settings):
    """Even on development settings, no account unless asked for."""
    settings.DEBUG = True
    settings.SECRET_KEY_FROM_ENVIRONMENT = False
    load_demo()
    assert demo_users_in_database() == []


def test_load_demo_with_the_flag_creates_the_documented_accounts(
    light_demo, settings, client
):
    settings.DEBUG = True
    settings.SECRET_KEY_FROM_ENVIRONMENT = False
    load_demo("--demo-users")
    assert demo_users_in_database() == sorted(DEMO_USERNAMES)
    assert client.login(username="admin", password="changeme")


def test_flag_with_a_secret_key_from_the_environment_is_refused(light_demo, settings):
    """DJANGO_SECRET_KEY exported (production variables): refused with a clear
    error, even with DEBUG on, and nothing is created."""
    settings.DEBUG = True
    settings.SECRET_KEY_FROM_ENVIRONMENT = True
    with pytest.raises(CommandError, match="DJANGO_SECRET_KEY"):
        load_demo("--demo-users")
    assert demo_users_in_database() == []


def test_flag_without_debug_is_refused(light_demo, settings):
    settings.DEBUG = False
    settings.SECRET_KEY_FROM_ENVIRONMENT = False
    with pytest.raises(CommandError, match="DEBUG"):
        load_demo("--demo-users")
    assert demo_users_in_database() == []


def manage(*args, **environ):
    """``manage.py`` with only PATH, HOME and ``environ`` set (no settings
    module unless given): what an operator's shell would run."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        **environ,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_variables_without_the_settings_module_are_refused(tmp_path):
    """The operator exported DJANGO_SECRET_KEY and DATABASE_URL but not
    DJANGO_SETTINGS_MODULE: manage.py's development fallback refuses to start
    (no DEBUG on the production database) and says which module to set; the
    database is not even opened."""
    database = tmp_path / "production.sqlite3"
    result = manage(
        "load_demo",
        "--demo-users",
        DJANGO_SECRET_KEY="a-production-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        DATABASE_URL=f"sqlite:///{database}",
    )
    assert result.returncode != 0
    assert "DJANGO_SETTINGS_MODULE=hub.settings.production" in result.stderr
    assert not database.exists()


def test_demo_users_flag_fails_before_touching_the_database(tmp_path):
    """With any settings module, the flag and an exported DJANGO_SECRET_KEY end
    in a CommandError before anything is written."""
    database = tmp_path / "production.sqlite3"
    result = manage(
        "load_demo",
        "--demo-users",
        DJANGO_SETTINGS_MODULE="hub.settings.test",
        DJANGO_SECRET_KEY="a-production-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        DATABASE_URL=f"sqlite:///{database}",
    )
    assert result.returncode != 0
    assert "CommandError: --demo-users" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert not database.exists()
