"""Member login and logout on the public site, in both languages."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/fr/compte/connexion/"


@pytest.fixture
def salma():
    return User.objects.create_user(
        "salma", password="bon-mot-de-passe", first_name="Salma", last_name="B."
    )


def test_login_page_in_french(client):
    """The page uses the site's layout, its form posts to itself with CSRF."""
    html = client.get(LOGIN).content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "<h1>Se connecter</h1>" in html
    assert 'name="username"' in html and 'name="password"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'class="site-header"' in html


def test_login_page_in_arabic_reads_right_to_left(client):
    html = client.get("/ar/compte/connexion/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>تسجيل الدخول</h1>" in html
    assert "Se connecter" not in html


def test_login_follows_next_on_this_site(client, salma):
    """After logging in, the member is back where they were going."""
    response = client.post(
        LOGIN,
        {"username": "salma", "password": "bon-mot-de-passe", "next": "/fr/partager/"},
    )
    assert response.status_code == 302
    assert response.url == "/fr/partager/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_login_never_follows_next_off_site(client, salma, target):
    """A ``next`` to another site is ignored: the member lands on the home page."""
    response = client.post(
        "/ar/compte/connexion/",
        {"username": "salma", "password": "bon-mot-de-passe", "next": target},
    )
    assert response.status_code == 302
    assert response.url == "/ar/"


def test_wrong_password_is_explained_in_arabic(client, salma):
    response = client.post(
        "/ar/compte/connexion/", {"username": "salma", "password": "faux"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    # Django's own Arabic says « كلمة السر »; ours keeps the one term of the page.
    assert "وكلمة المرور الصحيحين" in html
    assert "كلمة السر" not in html
    assert "_auth_user_id" not in client.session


def test_next_is_kept_in_the_login_form(client):
    html = client.get(LOGIN + "?next=/fr/partager/").content.decode()
    assert 'name="next" value="/fr/partager/"' in html


def test_header_shows_login_link_to_visitors(client):
    html = client.get("/fr/").content.decode()
    assert "/fr/compte/connexion/?next=/fr/" in html
    assert "Se déconnecter" not in html
    assert 'href="/fr/partager/"' in html  # « Partager une pratique »


def test_header_shows_name_and_logout_to_members(client, salma):
    client.force_login(salma)
    html = client.get("/fr/").content.decode()
    assert "Salma B." in html
    assert "Se déconnecter" in html
    assert 'action="/fr/compte/deconnexion/"' in html
    assert "/fr/compte/connexion/" not in html


def test_logout_needs_a_post(client, salma):
    """A link (GET) cannot log anyone out; the header's button (POST) does."""
    client.force_login(salma)
    assert client.get("/fr/compte/deconnexion/").status_code == 405
    response = client.post("/ar/compte/deconnexion/")
    assert response.status_code == 302
    assert response.url == "/ar/"
    assert "_auth_user_id" not in client.session


def test_logged_in_member_visiting_login_goes_on(client, salma):
    client.force_login(salma)
    response = client.get(LOGIN + "?next=/fr/partager/")
    assert response.status_code == 302
    assert response.url == "/fr/partager/"
