"""Labels of Wagtail's own admin screens that said something else than what they
show: the sign-in page's password (English in French), a listing's language
column (« Région » in French)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Mot de passe"), ("ar", "كلمة المرور")]
)
def test_admin_login_labels_the_password_in_the_admin_language(client, language, label):
    page = soup(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=language))
    labels = [tag.get_text(" ", strip=True) for tag in page.select("label")]
    assert any(text.startswith(label) for text in labels), labels
    assert not any(text.startswith("Password") for text in labels), labels


@pytest.mark.parametrize(
    ("language", "label", "wrong"),
    [("fr", "Langue", "Région"), ("ar", "اللغة", "اللغة المحلية")],
)
@pytest.mark.parametrize("listing", ["theme", "commune", "partnership"])
def test_vocabulary_listings_call_the_language_column_language(
    admin_client, admin_user, language, label, wrong, listing
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    page = soup(admin_client.get(reverse(f"wagtailsnippets_programme_{listing}:list")))
    headers = [th.get_text(" ", strip=True) for th in page.select("table th")]
    assert label in headers, headers
    # The communes' own region column is « Région » in French, rightly.
    regions = 1 if (listing, language) == ("commune", "fr") else 0
    assert headers.count(wrong) == regions, headers
    cells = [td.get_text(" ", strip=True) for td in page.select("table tbody td")]
    assert {"Français", "العربية"} & set(cells), cells
