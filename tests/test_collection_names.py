"""Collection names in the reader's language (issue #14, item 3).

Collections are stored under French names (« Tanger », « Modèles partagés »,
practices/publishing/roles.py); an Arabic admin reads them in Arabic in the
document and image listings (column and filter), the document chooser's
filter, the edit form's collection select and the collections listing, and a
French admin in French (practices/publishing/collection_names.py).
"""

import pytest
from django.urls import reverse

from tests import workflow_helpers as flow
from tests.factories import (
    HubDocumentFactory,
    HubImageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)

pytestmark = pytest.mark.django_db

FRENCH = ("Tanger", "Modèles partagés")


@pytest.fixture
def document():
    return HubDocumentFactory(
        title="Guide", collection=flow.commune_collection("tanger")
    )


def admin(django_user_model, language):
    user = flow.make_user(django_user_model, f"moudir-{language}", language=language)
    user.is_superuser = True
    user.save()
    return user


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def places(client, document):
    """The pages where an admin reads collection names."""
    image = HubImageFactory(title="Photo", collection=document.collection)
    return {
        "documents": html(client, reverse("wagtaildocs:index")),
        "documents list": html(client, reverse("wagtaildocs:index_results")),
        "chooser": client.get(reverse("wagtaildocs_chooser:choose")).json()["html"],
        "upload": html(client, reverse("wagtaildocs:add_multiple")),
        "image chooser": client.get(reverse("wagtailimages_chooser:choose")).json()[
            "html"
        ],
        "edit form": html(client, reverse("wagtaildocs:edit", args=(document.pk,))),
        "image form": html(client, reverse("wagtailimages:edit", args=(image.pk,))),
        "images": html(client, reverse("wagtailimages:index") + "?layout=list"),
        "collections": html(client, reverse("wagtailadmin_collections:index")),
    }


def test_an_arabic_admin_reads_collections_in_arabic(
    client, django_user_model, document
):
    client.force_login(admin(django_user_model, "ar"))
    pages = places(client, document)
    for place, page in pages.items():
        assert "طنجة" in page, place
        for french in FRENCH:
            assert french not in page, (place, french)
    assert "نماذج وثائق مشتركة" in pages["collections"]


def test_a_french_admin_reads_them_in_french(client, django_user_model, document):
    client.force_login(admin(django_user_model, "fr"))
    pages = places(client, document)
    for place, page in pages.items():
        assert "Tanger" in page, place
        assert "طنجة" not in page, place
    assert "Modèles partagés" in pages["collections"]
