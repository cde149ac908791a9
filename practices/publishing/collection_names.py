"""Collection names in the reader's language, wherever the admin shows them.

Collections are stored under French names (« Tanger », « Modèles partagés »,
roles.py). Every collection select and filter Wagtail draws — the document and
image forms, the listings' and the choosers' filters, the collections listing —
labels a collection with ``Collection.get_indented_name``, which ``install``
(``PracticesConfig.ready``) makes read the name through ``localized_name``
(display_names.py): one override instead of a subclass of each form, filter and
view. The « Collection » column of the document and image listings and of the
document chooser (and the image grid's tooltip) read the collection's ``name``
directly: the view subclasses below hand them a copy of the collection carrying
the localised name, served at Wagtail's own URLs (``admin_urls``). The stored
names, and the collection form's « name » field, stay as they are.
"""

import copy

from django.urls import path
from wagtail.documents import get_document_model_string
from wagtail.documents.views import chooser, documents
from wagtail.images.views import images
from wagtail.models import Collection

from .display_names import Localised, localized_name

_wagtail_indented_name = Collection.get_indented_name


def _indented_name(collection, indentation_start_depth=2, html=False):
    # Wagtail's own indentation, applied to a collection whose ``name`` reads
    # in the active language.
    return _wagtail_indented_name(Localised(collection), indentation_start_depth, html)


def install():
    """``PracticesConfig.ready``."""
    Collection.get_indented_name = _indented_name


def _name_collections(items):
    """Each item's collection named in the reader's language: a copy, so that
    the stored collection is never renamed."""
    for item in items:
        named = copy.copy(item.collection)
        named.name = localized_name(named.name)
        item.collection = named
    return items


class LocalisedCollections:
    """Mixed into a listing view."""

    def decorate_paginated_queryset(self, object_list):
        return _name_collections(super().decorate_paginated_queryset(object_list))


class DocumentIndex(LocalisedCollections, documents.IndexView):
    pass


class ImageIndex(LocalisedCollections, images.IndexView):
    pass


class LocalisedChooserResults:
    """Mixed into the document chooser's views."""

    def get_results_page(self, request):
        page = super().get_results_page(request)
        page.object_list = _name_collections(list(page.object_list))
        return page


class DocumentChooser(chooser.DocumentChooserViewSet):
    choose_view_class = type(
        "DocumentChooseView", (LocalisedChooserResults, chooser.DocumentChooseView), {}
    )
    choose_results_view_class = type(
        "DocumentChooseResultsView",
        (LocalisedChooserResults, chooser.DocumentChooseResultsView),
        {},
    )


def admin_urls():
    """``register_admin_urls``: the paths of Wagtail's listings (our hook runs
    before theirs, ``practices`` coming first in INSTALLED_APPS)."""
    return [
        path("documents/", DocumentIndex.as_view(), name="practices_documents"),
        path(
            "documents/results/",
            DocumentIndex.as_view(results_only=True),
            name="practices_documents_results",
        ),
        path("images/", ImageIndex.as_view(), name="practices_images"),
        path(
            "images/results/",
            ImageIndex.as_view(results_only=True),
            name="practices_images_results",
        ),
    ] + _chooser_urls()


def _chooser_urls():
    # Built as Wagtail builds its own chooser (documents/views/chooser.py),
    # under the same name, so that its views reverse the same URLs.
    viewset = DocumentChooser(
        chooser.viewset.name,
        model=get_document_model_string(),
        url_prefix=chooser.viewset.url_prefix,
    )
    prefix = f"{viewset.url_prefix}/"
    return [
        path(prefix, viewset.choose_view, name="practices_document_chooser"),
        path(
            f"{prefix}results/",
            viewset.choose_results_view,
            name="practices_document_chooser_results",
        ),
    ]
