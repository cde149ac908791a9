"""Ranking quality on the judged queries: nDCG@10 and recall@10 per backend.

    python -m benchmarks.ranking_eval [-v] [--top3 FILE]

The judged set (tests/data/judged_queries.json) grades, for French and Arabic
queries, the demo fiches that answer them (3 exactly, 2 strongly, 1 partly). The
demo is loaded (``load_demo``) into a throwaway database of the configured backend
(as ``benchmarks.search_bench``: SQLite by default, PostgreSQL with DATABASE_URL,
the engine with SEARCH_BACKEND + SEARCH_URL), every query runs through the search
service as an anonymous visitor would, and the means are printed. Fiches that an
anonymous visitor may not see are left out of the judgments (no backend may show
them). ``--top3 FILE`` writes each query's first 3 refs, to compare backends;
``-v`` prints every query. ``tests/test_search_ranking.py`` keeps a floor with the
same functions.
"""

import json
import logging
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

JUDGED = Path(__file__).resolve().parents[1] / "tests/data/judged_queries.json"
K = 10


def judged_queries():
    return json.loads(JUDGED.read_text(encoding="utf-8"))["queries"]


def ndcg(ranked, grades, k=K):
    """Normalised discounted cumulative gain of the first ``k`` of ``ranked``
    (gain 2^grade - 1, log2 discount), against the ideal order of ``grades``."""

    def dcg(values):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:k]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(ref, 0) for ref in ranked]) / ideal if ideal else 0.0


def recall(ranked, grades, k=K):
    """Share of the relevant fiches (grade ≥ 1) found in the first ``k``."""
    relevant = {ref for ref, grade in grades.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def ranked_refs(query, language, k=K):
    """The refs of the first ``k`` results of the search page for ``query``."""
    from django.utils import translation

    from search import service
    from search.params import SearchParams

    with translation.override(language):
        response = service.run(SearchParams(q=query, lang=language, page_size=k))
    if response.degraded:  # the database answered for the engine: not its ranking
        raise RuntimeError(f"{query!r}: the search engine did not answer")
    return [result.page.ref for result in response.results]


def visible_refs():
    """Refs of the hub pages an anonymous visitor may see."""
    from hub.visibility import visible_pages
    from practices import content_types

    refs = set()
    for model in content_types.models():
        pages = visible_pages(model.objects.live(), None)
        refs.update(pages.values_list("ref", flat=True))
    return refs


def evaluate(queries=None):
    """[(query, language, nDCG@10, recall@10, ranked refs)] for each judged query."""
    visible = visible_refs()
    rows = []
    for item in queries or judged_queries():
        grades = {r: g for r, g in item["relevant"].items() if r in visible}
        if not grades:
            continue
        ranked = ranked_refs(item["q"], item["lang"])
        rows.append(
            (item["q"], item["lang"], ndcg(ranked, grades), recall(ranked, grades))
            + (ranked,)
        )
    return rows


def means(rows):
    """{"all"|"fr"|"ar": (nDCG@10, recall@10)} averaged over ``rows``."""
    found = {}
    for scope in ("all", "fr", "ar"):
        kept = [r for r in rows if scope in ("all", r[1])]
        if kept:
            found[scope] = (
                sum(r[2] for r in kept) / len(kept),
                sum(r[3] for r in kept) / len(kept),
            )
    return found


def main():
    from benchmarks.search_bench import configure, create_database, report

    logging.disable(logging.INFO)  # load_demo's page log is not the result
    with tempfile.TemporaryDirectory() as workdir:
        configure(workdir)
        from io import StringIO

        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        create_database()
        call_command("load_demo", "--no-users", stdout=StringIO())
        call_command("update_index", verbosity=0)
        backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
        rows = evaluate()
        verbose = "-v" in sys.argv
        for query, language, gain, found, ranked in rows:
            if verbose or gain < 0.5:
                report(f"{language} {gain:.2f} {found:.2f} {query!r}: {ranked[:5]}")
        report(f"{connection.vendor}, {backend}: {len(rows)} judged queries")
        if "--top3" in sys.argv:  # to compare backends: JSON {lang: {query: top 3}}
            tops = {}
            for query, language, _gain, _found, ranked in rows:
                tops.setdefault(language, {})[query] = ranked[:3]
            Path(sys.argv[sys.argv.index("--top3") + 1]).write_text(
                json.dumps(tops, ensure_ascii=False, indent=1)
            )
        report("| scope | nDCG@10 | recall@10 |")
        for scope, (gain, found) in means(rows).items():
            report(f"| {scope} | {gain:.3f} | {found:.3f} |")


if __name__ == "__main__":
    main()
