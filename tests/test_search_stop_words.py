"""French and Arabic stop words neither match nor highlight (issue #17, item 2).

« participation des femmes » must not mark « des », and a page that holds only the
stop words of a query is not a result: an agent reads a mark as « this matched ».
The index keeps them (autocomplete still completes « de »).
"""

import pytest

from tests.test_search_page import html, make_page, needs_analysis, result_titles

pytestmark = pytest.mark.django_db


def test_french_stop_words_are_not_marked(client):
    make_page(
        "Participation des femmes",
        summary="La participation des femmes aux comités de la commune",
    )
    content = html(client.get("/fr/search/", {"q": "participation des femmes"}))
    assert "<mark>participation</mark> <mark>des</mark>" not in content
    assert "<mark>des</mark>" not in content
    assert "<mark>la</mark>" not in content
    assert "<mark>participation</mark> des <mark>femmes</mark>" in content


def test_arabic_stop_words_are_not_marked(client):
    make_page(
        "مشاركة النساء في الجماعة",
        language="ar",
        summary="مشاركة النساء من الدواوير في لجان الماء",
    )
    content = html(client.get("/ar/search/", {"q": "مشاركة النساء في لجان من"}))
    assert "<mark>في</mark>" not in content
    assert "<mark>من</mark>" not in content
    assert "<mark>لجان</mark>" in content


@needs_analysis
def test_stop_words_do_not_match(client):
    """« des » alone is no reason for a page to be a result, nor is it a word
    that a result must hold."""
    make_page("Égalité", summary="Les comités des femmes")
    make_page("Femmes et eau", summary="Une femme préside le comité")
    titles = result_titles(html(client.get("/fr/search/", {"q": "comités des femmes"})))
    assert sorted(titles) == ["<mark>Femmes</mark> et eau", "Égalité"]
    assert result_titles(html(client.get("/fr/search/", {"q": "des"}))) == []
