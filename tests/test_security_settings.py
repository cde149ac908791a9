"""Passwords and sessions: Django's validators refuse short, common, numeric
and look-alike passwords, with a message in the user's language, in the
admin's forms too; production sessions are short-lived, secure cookies; the
login throttling is installed as django-axes asks.

Production values are read in a subprocess (tests.test_settings.run), because
this process has the test settings loaded.
"""

import json

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.test_settings import PRODUCTION, SECRET, SHARED_CACHE, run

pytestmark = pytest.mark.django_db

GOOD = "trois olives sous la pluie"


def refusal(password, user=None, language="fr"):
    with translation.override(language):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return " ".join(error.messages)
    return None


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Tanger-2024", "au minimum 12 caractères"),
        ("123456789012345", "entièrement numérique"),
        ("password1234", "trop courant"),
    ],
)
def test_weak_passwords_are_refused(password, message):
    assert message in refusal(password)


def test_password_like_the_username_is_refused(django_user_model):
    user = django_user_model(username="agent.tanger", email="agent@tanger.ma")
    assert "trop semblable" in refusal("agent.tanger1", user)


def test_a_long_passphrase_is_accepted(django_user_model):
    user = django_user_model(username="agent.tanger", email="agent@tanger.ma")
    assert refusal(GOOD, user) is None


def test_refusal_speaks_arabic():
    """Django's own Arabic messages: an Arabic-speaking agent understands."""
    message = refusal("Tanger-2024", language="ar")
    assert "12" in message and "Tanger" not in message
    assert any("\u0600" <= char <= "\u06ff" for char in message)


def test_admin_password_change_applies_the_validators(client, django_user_model):
    """The admin's "change password" form refuses a short password and keeps
    the old one."""
    user = django_user_model.objects.create_superuser(
        "coordination", "c@example.org", GOOD
    )
    client.force_login(user)
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "password-old_password": GOOD,
            "password-new_password1": "court-123",
            "password-new_password2": "court-123",
        },
    )
    assert "au minimum 12 caractères" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(GOOD)


def test_axes_is_installed_as_documented():
    """The app, its middleware last, our backend first: without any of them the
    lock-out silently stops working."""
    assert "axes" in settings.INSTALLED_APPS
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AUTHENTICATION_BACKENDS[0] == (
        "hub.auth_backends.LoginThrottlingBackend"
    )
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_RESET_ON_SUCCESS


PRODUCTION_SESSION = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k) for k in ["
    "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_AGE', "
    "'SESSION_EXPIRE_AT_BROWSER_CLOSE', 'CSRF_COOKIE_SECURE', "
    "'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', 'X_FRAME_OPTIONS', "
    "'AXES_FAILURE_LIMIT']}))"
)


def test_production_sessions_are_short_and_secure():
    result = run(
        ["-c", PRODUCTION_SESSION],
        PRODUCTION,
        DJANGO_SECRET_KEY=SECRET,
        ALLOWED_HOSTS="passerelle.example.org",
        CACHE_URL=SHARED_CACHE,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_AGE": 8 * 60 * 60,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_SSL_REDIRECT": True,
        "X_FRAME_OPTIONS": "DENY",
        "AXES_FAILURE_LIMIT": 5,
    }
