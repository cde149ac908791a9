"""Rotating the secret key (SECURITY.md): with the old key in
``DJANGO_SECRET_KEY_FALLBACKS``, what was signed with it (sessions, password
reset links, signed values) still verifies under the new key; once the old key is
dropped from the list, it no longer does. Production settings are loaded in a
subprocess, as in test_settings.py."""

import secrets

from django.core import signing

from tests.test_settings import PRODUCTION, run

OLD, NEW, OTHER = (secrets.token_urlsafe(50) for _ in range(3))
CHECK = (
    "import sys, django; django.setup(); from django.core import signing; "
    "print(signing.loads(sys.argv[1], salt='rotation'))"
)


def loads_in_production(token, **environ):
    return run(
        ["-c", CHECK, token],
        PRODUCTION,
        ALLOWED_HOSTS="passerelle.example.org",
        CACHE_URL="redis://127.0.0.1:6379/0",
        **environ,
    )


def test_a_value_signed_with_the_old_key_verifies_while_it_is_a_fallback():
    token = signing.dumps("session of an agent", key=OLD, salt="rotation")
    result = loads_in_production(
        token, DJANGO_SECRET_KEY=NEW, DJANGO_SECRET_KEY_FALLBACKS=f"{OTHER}, {OLD}"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "session of an agent"


def test_a_value_signed_with_a_dropped_key_is_refused():
    token = signing.dumps("session of an agent", key=OLD, salt="rotation")
    result = loads_in_production(token, DJANGO_SECRET_KEY=NEW)
    assert result.returncode != 0
    assert "BadSignature" in result.stderr
