"""The editor's block picker: every block the page models' StreamFields offer
has a description (in French and in Arabic) and a preview, and the admin's
block preview view renders each one with the site's stylesheet."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Collection, CollectionViewRestriction

from practices.blocks import PictureBlock
from practices.models import PracticePage, TemplatePage, TrainingPage
from tests.factories import (
    HubImageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)

PAGE_MODELS = [PracticePage, TemplatePage, TrainingPage]


def picker_blocks():
    """(field path, block) of every block offered by a StreamBlock, reached from
    the page models' StreamFields (StructBlocks' fields are not in the picker)."""
    found = {}

    def walk(path, block):
        if isinstance(block, blocks.StreamBlock):
            for name, child in block.child_blocks.items():
                found.setdefault(f"{path}.{name}", child)
                walk(f"{path}.{name}", child)
        elif isinstance(block, blocks.ListBlock):
            walk(path, block.child_block)

    for model in PAGE_MODELS:
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                walk(f"{model.__name__}.{field.name}", field.stream_block)
    return sorted(found.items())


BLOCKS = picker_blocks()
IDS = [path for path, _block in BLOCKS]


def test_the_page_models_offer_blocks():
    assert {"PracticePage.body.step", "PracticePage.indicators.indicator"} <= set(IDS)
    assert {"TrainingPage.sessions.session", "TrainingPage.sessions.note"} <= set(IDS)


@pytest.mark.parametrize(("path", "block"), BLOCKS, ids=IDS)
def test_block_has_a_description_in_both_languages(path, block):
    with translation.override("fr"):
        french = str(block.get_description())
    with translation.override("ar"):
        arabic = str(block.get_description())
    assert french.strip(), f"{path} has no description"
    assert arabic.strip() and arabic != french, f"{path}: no Arabic description"


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "block"), BLOCKS, ids=IDS)
def test_block_is_previewable_with_a_value(path, block):
    HubImageFactory()
    assert block.is_previewable, f"{path} is not previewable in the picker"
    value = block.get_preview_value()
    assert value not in (None, "", {}), f"{path} has no preview value"
    if not isinstance(block, PictureBlock):  # an image comes from the library
        assert hasattr(block.meta, "preview_value"), path


def plain(value):
    """The first text of a preview value, as the page shows it."""
    if isinstance(value, dict):
        value = next(iter(value.values()))
    return " ".join(strip_tags(getattr(value, "source", str(value))).split())


def preview(client, block):
    return client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "block"), BLOCKS, ids=IDS)
def test_admin_renders_the_preview(admin_client, path, block):
    image = HubImageFactory()
    response = preview(admin_client, block)
    assert response.status_code == 200, path
    html = response.content.decode()
    assert "css/hub.css" in html  # the site's stylesheet, not a bare page
    if isinstance(block, PictureBlock):
        assert "<img" in html and image.description in html
    else:
        text = unescape(strip_tags(html))
        assert plain(block.get_preview_value())[:30] in " ".join(text.split()), path


@pytest.mark.django_db
def test_image_preview_without_any_image(admin_client):
    block = dict(BLOCKS)["PracticePage.body.image"]
    assert block.get_preview_value() is None
    assert preview(admin_client, block).status_code == 200


@pytest.mark.django_db
def test_preview_needs_the_admin(client):
    block = dict(BLOCKS)["PracticePage.body.heading"]
    response = preview(client, block)
    assert response.status_code == 302


@pytest.mark.django_db
def test_image_preview_skips_partners_only_collections():
    private = Collection.get_first_root_node().add_child(name="Partenaires")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    inner = private.add_child(name="Atelier")
    HubImageFactory(collection=private)
    HubImageFactory(collection=inner)
    block = dict(BLOCKS)["PracticePage.body.image"]
    assert block.get_preview_value() is None
    public = HubImageFactory()
    assert block.get_preview_value().pk == public.pk
