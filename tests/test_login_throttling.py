"""Password guessing: after 5 refused passwords for one username from one
address, the Wagtail admin login and the member login show a translated
lock-out page (how long to wait, whom to ask) instead of trying the password,
even a right one; the lock lifts after the cool-off; a success before the limit
clears the count; another address or another username is not locked. Behind
a reverse proxy (``TRUSTED_PROXY_COUNT``), the address is the client's, read
from X-Forwarded-For, never the part the client could forge.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "une phrase de passe solide"
LOGINS = {
    "admin": lambda: reverse("wagtailadmin_login"),
    "member": lambda: "/fr/compte/connexion/",
}


@pytest.fixture
def agent(django_user_model):
    return django_user_model.objects.create_user(
        "agent.tanger", "agent@example.org", PASSWORD, is_superuser=True
    )


def attempt(client, url, username, password, address="203.0.113.7", language="fr"):
    return client.post(
        url,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def fail(client, url, times, username="agent.tanger", **kwargs):
    """``times`` wrong passwords; their status codes."""
    return [
        attempt(client, url, username, "mauvais mot de passe", **kwargs).status_code
        for _ in range(times)
    ]


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("login", LOGINS)
def test_right_password_logs_in(client, agent, login):
    """The throttling leaves a normal login alone."""
    response = attempt(client, LOGINS[login](), "agent.tanger", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


@pytest.mark.parametrize("login", LOGINS)
def test_fifth_failure_locks_out_with_a_clear_page(client, agent, login):
    """Four failures show the form again; the fifth shows the lock-out page
    (429, our template, 15 minutes, the coordination to ask)."""
    url = LOGINS[login]()
    assert fail(client, url, 4) == [200] * 4  # the form again, with its error
    response = attempt(client, url, "agent.tanger", "encore faux")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Trop de tentatives de connexion" in text
    assert "Vous pourrez réessayer dans 15 minutes." in text
    assert "coordination du programme" in text
    assert '<html lang="fr"' in text


@pytest.mark.parametrize("login", LOGINS)
def test_locked_out_even_with_the_right_password(client, agent, login):
    url = LOGINS[login]()
    assert fail(client, url, 5)[-1] == 429
    response = attempt(client, url, "agent.tanger", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)


def test_lockout_page_in_arabic(client, agent):
    """The lock-out page speaks the visitor's language, right to left."""
    url = LOGINS["member"]().replace("/fr/", "/ar/")
    fail(client, url, 5, language="ar")
    response = attempt(client, url, "agent.tanger", PASSWORD, language="ar")
    assert response.status_code == 429
    text = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in text
    assert "محاولات" in text
    assert "Trop de tentatives" not in text


def test_lockout_lifts_after_the_cool_off(client, agent):
    """15 minutes after the last failure, the right password works again."""
    url = LOGINS["admin"]()
    fail(client, url, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = attempt(client, url, "agent.tanger", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_success_resets_the_count(client, agent):
    """Four failures, a success, then four failures again: never locked."""
    url = LOGINS["admin"]()
    assert fail(client, url, 4) == [200] * 4
    assert attempt(client, url, "agent.tanger", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, url, 4) == [200] * 4
    assert attempt(client, url, "agent.tanger", PASSWORD).status_code == 302


def test_lock_is_per_username_and_address(client, agent, django_user_model):
    """The locked pair only: the same user from another address, and another
    user from the same address, still log in."""
    django_user_model.objects.create_user("agent.tiznit", password=PASSWORD)
    url = LOGINS["admin"]()
    fail(client, url, 5)
    other_address = attempt(client, url, "agent.tanger", PASSWORD, "198.51.100.9")
    assert other_address.status_code == 302
    client.logout()
    assert attempt(client, url, "agent.tiznit", PASSWORD).status_code == 302


def test_login_in_code_is_not_throttled(client, agent):
    """``authenticate()`` without a request (the test client, a command) is
    not a login form: it is neither refused nor counted."""
    assert client.login(username="agent.tanger", password=PASSWORD)
    assert not client.login(username="agent.tanger", password="faux")
    assert not AccessAttempt.objects.exists()


# Behind a reverse proxy (TRUSTED_PROXY_COUNT) -------------------------------------

PROXY = "10.0.0.2"


def via_proxy(url, password, forwarded):
    """A login posted through the proxy, for the client ``forwarded`` names."""
    return Client().post(
        url,
        {"username": "agent.tanger", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_clients_behind_one_proxy_are_throttled_separately(agent):
    """Every request comes from the proxy's address: the client's, the last
    one of X-Forwarded-For, is what is locked — not everyone at once."""
    url = LOGINS["member"]()
    failures = [via_proxy(url, "faux", "192.0.2.1").status_code for _ in range(5)]
    assert failures == [200] * 4 + [429]
    assert via_proxy(url, PASSWORD, "192.0.2.1").status_code == 429
    assert via_proxy(url, PASSWORD, "192.0.2.2").status_code == 302  # a colleague
    # What the client wrote itself, left of the proxy's entry, is not believed.
    assert via_proxy(url, PASSWORD, "198.51.100.3, 192.0.2.1").status_code == 429


def test_forged_forwarded_for_does_not_escape_a_lockout(client, agent):
    """Without a trusted proxy (the default), X-Forwarded-For is the client's
    own word: ignored."""
    url = LOGINS["admin"]()
    assert fail(client, url, 5)[-1] == 429
    forged = Client().post(
        url,
        {"username": "agent.tanger", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.3",
    )
    assert forged.status_code == 429
