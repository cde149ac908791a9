"""Collection names in the reader's language, wherever the admin shows them.

Collections are stored under French names (« Tanger », « Modèles partagés »,
roles.py). Every collection select and filter Wagtail draws — the document and
image forms, the listings' and the choosers' filters, the collections listing —
labels a collection with ``Collection.get_indented_name``, which ``install``
(``PracticesConfig.ready``) makes read the name through ``localized_name``
(display_names.py): one override instead of a subclass of each form, filter and
view. The « Collection » column of the document and image listings and
choosers (and the images' tooltips) read the collection's ``name``
directly: the view subclasses below hand them a copy of the collection carrying
the localised name, served at Wagtail's own URLs (``admin_urls``). The stored
names, and the collection form's « name » field, stay as they are.
"""

import copy

from django.urls import path
from wagtail.documents.views import chooser as document_chooser
from wagtail.documents.views import documents
from wagtail.images.views import chooser as image_chooser
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
    """Mixed into a chooser's views."""

    def get_results_page(self, request):
        page = super().get_results_page(request)
        page.object_list = _name_collections(list(page.object_list))
        return page


def admin_urls():
    """``register_admin_urls``: the paths of Wagtail's listings and choosers
    (our hook runs before theirs, ``practices`` coming first in
    INSTALLED_APPS)."""
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
        *_chooser_urls(document_chooser.viewset),
        *_chooser_urls(image_chooser.viewset),
    ]


def _chooser_urls(wagtail_viewset):
    """The choose views of ``wagtail_viewset``, collections localised: built
    as Wagtail builds its own, under the same name, so that they reverse the
    same URLs."""
    base = type(wagtail_viewset)
    views = {
        attribute: type(view.__name__, (LocalisedChooserResults, view), {})
        for attribute in ("choose_view_class", "choose_results_view_class")
        for view in [getattr(base, attribute)]
    }
    viewset = type(base.__name__, (base,), views)(
        wagtail_viewset.name,
        model=wagtail_viewset.model,
        url_prefix=wagtail_viewset.url_prefix,
    )
    prefix = f"{viewset.url_prefix}/"
    return [
        path(prefix, viewset.choose_view, name=f"practices_{viewset.name}"),
        path(
            f"{prefix}results/",
            viewset.choose_results_view,
            name=f"practices_{viewset.name}_results",
        ),
    ]
