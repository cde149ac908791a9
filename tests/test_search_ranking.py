"""Ranking that agents trust (issue #17, item 2).

On small purpose-built pages: a fiche holding more distinct query terms ranks
first; title > summary > body > attachment text; repeating a word does not win;
practices are not buried by a template that mentions the topic in passing. On the
demo: the judged queries (tests/data/judged_queries.json, measured by
``benchmarks.ranking_eval``) keep an nDCG@10 and a recall@10 floor.
"""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from benchmarks.ranking_eval import evaluate, means

pytestmark = pytest.mark.django_db

BACKEND = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
# Measured with benchmarks.ranking_eval (README, "Search ranking"), minus a margin.
FLOORS = {"search.backends.database": (0.88, 0.88)}
ENGINE_FLOOR = (0.75, 0.75)  # not measured here: a guard against a collapse


def test_judged_queries_keep_their_floor():
    """nDCG@10 and recall@10 of the judged queries on the demo content."""
    call_command("load_demo", "--no-users", stdout=StringIO())
    rows = evaluate()
    assert len(rows) >= 40
    gain, found = means(rows)["all"]
    floor_gain, floor_found = FLOORS.get(BACKEND, ENGINE_FLOOR)
    assert gain >= floor_gain, [r[:4] for r in rows if r[2] < 0.5]
    assert found >= floor_found
