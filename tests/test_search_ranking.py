"""Ranking that agents trust (issue #17, item 2).

On small purpose-built pages: a fiche holding more distinct query terms ranks
first; title > summary > body > attachment text; repeating a word does not win;
practices are not buried by a template that mentions the topic in passing. On the
demo: the judged queries (tests/data/judged_queries.json, measured by
``benchmarks.ranking_eval``) keep an nDCG@10 and a recall@10 floor, and every
backend gives each query the same top 3 (tests/data/judged_top3.json). The
module runs in every lane: SQLite, PostgreSQL, OpenSearch and Elasticsearch.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from benchmarks.ranking_eval import evaluate, means
from practices.models import PracticePage
from search.backends.field_ranking import index_texts, object_texts
from search.resilience import run_search
from tests.factories import HubDocumentFactory, PracticePageFactory
from tests.test_search_page import html, make_page, result_titles

pytestmark = pytest.mark.django_db

BACKEND = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
# Measured with benchmarks.ranking_eval (README, "Ranking"): 0.946 / 0.936
# on all four backends, minus a margin.
FLOOR = (0.90, 0.88)
# The first 3 refs of each judged query, as all four backends rank them
# (`python -m benchmarks.ranking_eval --top3 FILE`); a deliberate change of the
# ranking or of the demo rewrites it.
TOP3 = Path(__file__).parent / "data" / "judged_top3.json"


def ranked_titles(query, operator="and"):
    ids, _backend, _degraded = run_search(
        PracticePage.objects.live(), query, operator=operator, ids_only=True
    )
    titles = dict(PracticePage.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [titles[pk] for pk in ids]


def filler(words=40):
    return " ".join(["Le comité se réunit chaque mois avec les services."] * words)


def test_more_distinct_query_terms_rank_first():
    """« citerne femmes douars »: the fiche with all three words, once each,
    before the ones that repeat one or two of them."""
    PracticePageFactory(
        title="Citernes", summary="Citerne citerne citerne, citerne des citernes."
    )
    PracticePageFactory(
        title="Citernes et femmes", summary="Les citernes et les femmes, citerne."
    )
    PracticePageFactory(
        title="Eau potable", summary="Une citerne gérée par les femmes des douars."
    )
    titles = ranked_titles("citerne femmes douars", operator="or")
    assert titles == ["Eau potable", "Citernes et femmes", "Citernes"]


def test_title_then_summary_then_body_then_attachment():
    document = HubDocumentFactory(title="Annexe")
    document.extracted_text = "Plan de la citerne du village."
    document.save()
    PracticePageFactory(title="Pièce", summary="Un plan.", attachments=[document])
    PracticePageFactory(
        title="Corps", summary="Un plan.", context="<p>La citerne du village.</p>"
    )
    PracticePageFactory(title="Résumé", summary="La citerne du village.")
    PracticePageFactory(title="Citerne du village", summary="Un plan.")
    assert ranked_titles("citerne") == [
        "Citerne du village",
        "Résumé",
        "Corps",
        "Pièce",
    ]


def test_repetition_does_not_win():
    """A fiche whose summary holds both words beats one whose text repeats one
    of them 30 times and holds the other once."""
    PracticePageFactory(
        title="Un puits",
        summary="Un puits.",
        context=f"<p>{'Forage. ' * 30} Une femme a assisté à une réunion.</p>",
    )
    PracticePageFactory(
        title="Comité",
        summary="Les femmes gèrent le forage du douar.",
        context=f"<p>{filler(3)}</p>",
    )
    assert ranked_titles("forage femmes") == ["Comité", "Un puits"]


def test_practices_are_not_buried_by_a_template_mentioning_the_topic(client):
    """« participation femmes »: the practices about women's participation come
    before a short template that mentions « femme » once in passing."""
    make_page(
        "Grille de participation",
        page_type="template",
        summary="Une grille pour noter la participation aux réunions.",
        body=[("paragraph", "<p>Préciser si une femme a pris la parole.</p>")],
    )
    for name in ("comités de l'eau", "budget"):
        make_page(
            f"Participation des femmes aux {name}",
            summary=f"Les femmes participent aux {name} des douars.",
            context=f"<p>{filler()} La participation des femmes progresse.</p>",
        )
    titles = result_titles(
        html(client.get("/fr/search/", {"q": "participation femmes"}))
    )
    assert [t.split(" aux")[0] for t in titles[:2]] == [
        "<mark>Participation</mark> des <mark>femmes</mark>"
    ] * 2
    assert "Grille" in titles[2]


def test_the_engines_rank_by_the_texts_the_database_index_holds(db):
    """What an engine document keeps for the ranking (``object_texts``) is what
    the database backends' index holds for the same page: title, then summary |
    body | attachment text zones, all analysed. On PostgreSQL too (the first
    version imported a module of modelsearch that only imports on SQLite)."""
    if BACKEND != "search.backends.database":
        pytest.skip("the engines keep no database index (test_search_engine.py)")
    document = HubDocumentFactory(title="Annexe")
    document.extracted_text = "Plan de la citerne du village."
    document.save()
    page = PracticePageFactory(
        title="Les coopératives féminines",
        summary="Des femmes rurales.",
        context="<p>Un marché hebdomadaire.</p>",
        attachments=[document],
    )
    columns = ("title", "body")
    if connection.vendor == "postgresql":
        columns = ("title_text", "body_text")
    held = index_texts(PracticePage, *columns)([page.pk])[page.pk]
    texts = object_texts(page)
    assert (texts["title"], texts["body"]) == held
    assert texts["title"] == "les coperatif feminin"
    assert texts["body"].split(" | ")[2] == "ane plan de la citern du vilag"


def test_judged_queries_keep_their_floor_and_their_top_3():
    """nDCG@10 and recall@10 of the judged queries on the demo content, and the
    same top 3 on every backend (the engines too: ``field_ranking`` orders their
    first matches, and their stemmers reach the Python chain's fixed point)."""
    call_command("load_demo", "--no-users", stdout=StringIO())
    rows = evaluate()
    assert len(rows) >= 40
    gain, found = means(rows)["all"]
    assert gain >= FLOOR[0], [r[:4] for r in rows if r[2] < 0.5]
    assert found >= FLOOR[1]
    expected = json.loads(TOP3.read_text(encoding="utf-8"))
    tops = {lang: {} for lang in expected}
    for query, language, _gain, _found, ranked in rows:
        tops[language][query] = ranked[:3]
    differing = {
        (lang, query): (top, tops[lang].get(query))
        for lang, queries in expected.items()
        for query, top in queries.items()
        if tops[lang].get(query) != top
    }
    assert not differing, (BACKEND, differing)
