"""``hub.slugs``: a slug's base, and the first free one among those taken."""

import pytest

from hub.slugs import free_child_slug, free_slug, slug_base
from practices.models import PracticePage
from tests.factories import PracticePageFactory


def test_slug_base_is_cut_with_its_callers_fallback():
    assert slug_base("Budget participatif", max_length=6, fallback="x") == "budget"
    assert slug_base("Budget participatif", max_length=7, fallback="x") == "budget-"
    assert (
        slug_base("Budget participatif", max_length=7, fallback="x", trim=True)
        == "budget"
    )
    assert slug_base("!!!", max_length=10, fallback="page") == "page"


def test_slug_base_keeps_arabic_letters_only_when_asked():
    assert slug_base("ميزانية تشاركية", max_length=80, fallback="pratique") == (
        "pratique"
    )
    assert (
        slug_base("ميزانية تشاركية", max_length=80, fallback="pratique", unicode=True)
        == "ميزانية-تشاركية"
    )
    # A title with ASCII letters keeps the ASCII slug.
    assert slug_base("Tanger ميزانية", max_length=80, fallback="x", unicode=True) == (
        "tanger"
    )


def test_free_slug_counts_from_two():
    assert free_slug("budget", set()) == "budget"
    assert free_slug("budget", {"budget", "budget-2"}) == "budget-3"
    assert free_slug("budget-fr", lambda s: s != "budget-fr-4") == "budget-fr-4"


@pytest.mark.django_db
def test_free_child_slug_looks_at_the_siblings_in_one_query(
    django_assert_num_queries,
):
    page = PracticePageFactory(slug="budget")
    parent = page.get_parent()
    with django_assert_num_queries(1):
        assert free_child_slug(parent, "budget") == "budget-2"
    assert free_child_slug(parent, "cantine") == "cantine"
    assert PracticePage.objects.filter(slug="budget").count() == 1
