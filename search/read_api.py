"""The read API, Wagtail's API v2 at ``/api/v2/``: pages, documents and images,
public and live only, whoever asks.

Wagtail's own endpoints filter by the *request*: a logged-in partner's API
calls would list partners-only pages and documents, and a session cookie is
enough for a script run from a browser to read them. Here every endpoint
answers as to an anonymous visitor (``hub.visibility``, ``documents.access``):
what the API returns can be cached, shared and republished. Pages: live, no
view restriction on them or an ancestor, no alias. Documents: published (a
live public page attaches them, or a public collection holds them) and in no
restricted collection. Images: shown by a live public page, in no restricted
collection.

``?locale=fr`` / ``ar`` (Wagtail's filter) narrows pages to a language;
``?type=practices.PracticePage`` to a page type, whose fields
(practices/api_fields.py) may then be asked with ``?fields=``.

Described at ``/api/v2/openapi.json`` (``read_api_openapi.py``); the values
Wagtail would hand to the database unchecked are refused first
(``read_api_params.py``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from django.http import JsonResponse
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from documents.access import published
from documents.visibility import private_collection_ids
from hub.visibility import visible_pages

from .read_api_params import CheckedParameters


class JsonOnly:
    """JSON, also to a browser: DRF's browsable HTML pages would come with
    their scripts, styles and login links under the public site's policy."""

    renderer_classes = [JSONRenderer]


class PublicPages(JsonOnly, CheckedParameters, PagesAPIViewSet):
    def get_base_queryset(self):
        pages = super().get_base_queryset().filter(alias_of__isnull=True)
        # By primary key: ``?search=`` hands the queryset to the search backend,
        # which filters on indexed fields only (ids, as Wagtail's typed lists).
        public = visible_pages(pages, None).values("pk")
        return Page.objects.filter(pk__in=public).order_by("path")


class PublicDocuments(JsonOnly, CheckedParameters, DocumentsAPIViewSet):
    def get_queryset(self):
        documents = self.model.objects.exclude(collection__in=private_collection_ids())
        public = published(documents, None).values("pk")
        return self.model.objects.filter(pk__in=public).order_by("id")  # as pages


class PublicImages(JsonOnly, CheckedParameters, ImagesAPIViewSet):
    def get_queryset(self):
        """Images a live public page shows (Wagtail's reference index of the
        pages' published content), less those of a restricted collection: an
        upload no page publishes yet (a shared fiche's photo under review) is
        not listed, even by title."""
        shown = ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(self.model),
            object_id__in=visible_pages(Page.objects.live(), None).values_list(
                Cast("pk", CharField()), flat=True
            ),
        ).values_list(Cast("to_object_id", IntegerField()), flat=True)
        images = self.model.objects.filter(pk__in=shown)
        return images.exclude(collection__in=private_collection_ids()).order_by("id")


router = WagtailAPIRouter("read_api")
router.register_endpoint("pages", PublicPages)
router.register_endpoint("documents", PublicDocuments)
router.register_endpoint("images", PublicImages)


def not_found(request):
    """A JSON 404 for any other address under ``/api/v2/`` (``/pages/-1/``
    included): not the site's HTML « Page introuvable » of Wagtail's catch-all."""
    return JsonResponse({"message": "not found"}, status=404)
