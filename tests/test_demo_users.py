"""The documented demonstration accounts (README, "Demo content"): one per role,
for Tanger and Figuig, each able to do what its role says and no more."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

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
    from practices.models import Commune

    commune = Commune.objects.get(slug=slug, locale__language_code="fr")
    return section_for(commune, commune.locale)
