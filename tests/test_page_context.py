"""``hub.page_context``: page context built outside the page models, by builders
registered per model class — a base class's apply to its subclasses, first."""

from hub.page_context import PageContextMixin, builders_for, register


class Page:
    """Stands for Wagtail's ``Page``: the context ``get_context`` starts from."""

    def get_context(self, request, *args, **kwargs):
        return {"page": self, "request": request}


class Listed(PageContextMixin, Page):
    pass


class Routed(Listed):
    pass


def base_builder(page, request, context, **route_kwargs):
    context["order"] = [*context.get("order", []), "base"]
    context["route"] = route_kwargs


def subclass_builder(page, request, context, **route_kwargs):
    context["order"] = [*context.get("order", []), "subclass"]


register(Listed, base_builder)
register(Routed, subclass_builder)


def test_a_base_class_builder_applies_to_subclasses_first():
    assert builders_for(Listed) == [base_builder]
    assert builders_for(Routed) == [base_builder, subclass_builder]
    context = Routed().get_context("request")
    assert context["order"] == ["base", "subclass"]
    assert context["request"] == "request"


def test_route_values_reach_the_builders():
    context = Routed().get_context("request", tag_slug="eau")
    assert context["route"] == {"tag_slug": "eau"}


def test_registering_twice_builds_once():
    register(Listed, base_builder)
    assert builders_for(Listed) == [base_builder]


def test_the_site_pages_are_registered():
    """``ready()`` registered the builders of every page model that shows more
    than its fields."""
    from home.models import HomePage
    from practices.models import (
        PracticeIndexPage,
        PracticePage,
        TemplateIndexPage,
        TemplatePage,
        TrainingIndexPage,
        TrainingPage,
    )

    for model in (
        HomePage,
        PracticePage,
        TemplatePage,
        TrainingPage,
        PracticeIndexPage,
        TemplateIndexPage,
        TrainingIndexPage,
    ):
        assert builders_for(model), model
    assert len(builders_for(TrainingPage)) == len(builders_for(TemplatePage)) + 1
