"""Search benchmark: index build time and query latency on the configured backend.

    python -m benchmarks.search_bench [--practices 10000] [--queries 200]

Each query runs twice, with the search's ``field_ranking`` and, as the baseline of
the same run, without it (the backend's own order); the two alternate which goes
first.

The backend is the one the environment selects (as for the site): SQLite by
default, PostgreSQL with DATABASE_URL, the engine with SEARCH_BACKEND + SEARCH_URL.
It uses its own database (a temporary SQLite file, or a ``<name>_bench`` database
on PostgreSQL, dropped at the end) and prints numbers; it asserts nothing.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def configure(workdir):
    """Point Django at a throwaway benchmark database before setup()."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/passerelle_bench"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
    import django

    django.setup()


def create_database():
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        name = settings.DATABASES["default"]["NAME"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load(count):
    """Create ``count`` practices without indexing (timed separately)."""
    from wagtail.models import Locale

    from benchmarks.bulk import create_practices
    from benchmarks.corpus import practices
    from home.site_structure import ensure_site
    from practices.publishing.sections import section_for
    from programme.loader import load_taxonomy
    from programme.models import Commune, Theme

    ensure_site()
    load_taxonomy(Path(__file__).resolve().parents[1] / "programme/data/taxonomy.json")
    rng = random.Random(3)
    batches = {"fr": [], "ar": []}
    for item in practices(count):
        batches[item.pop("language")].append(item)
    started = time.perf_counter()
    for code, items in batches.items():
        locale = Locale.objects.get(language_code=code)
        communes = list(Commune.objects.filter(locale=locale, country="MA"))
        themes = list(Theme.objects.filter(locale=locale).values_list("pk", flat=True))
        body = [
            (
                {
                    "title": item["title"],
                    "summary": item["summary"],
                    "context": f"<p>{item['body']}</p>",
                    "year": item["year"],
                    "commune_id": rng.choice(communes).pk,
                },
                rng.sample(themes, 2),
            )
            for item in items
        ]
        # All in the programme's section: where a practice sits does not
        # change how it is searched, and one parent keeps the bulk insert simple.
        create_practices(section_for(None, locale), body)
    return time.perf_counter() - started


def build_index():
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    return time.perf_counter() - started


@contextmanager
def without_field_ranking():
    """The backends' own order: no search is one that ``field_ranking`` orders."""
    # Only the modules the configured backend loaded: modelsearch's SQLite
    # module (under sqlite_ranking) does not import on PostgreSQL.
    names = ("engine", "postgres", "sqlite_ranking")
    loaded = (sys.modules.get(f"search.backends.{name}") for name in names)
    modules = [module for module in loaded if module is not None]
    kept = [module.is_ranked_search for module in modules]
    for module in modules:
        module.is_ranked_search = lambda query: False
    try:
        yield
    finally:
        for module, function in zip(modules, kept, strict=True):
            module.is_ranked_search = function


def latencies(count):
    """Run ``count`` mixed FR/AR queries through the search service, with facets:
    ({"field_ranking": [ms…], "baseline": [ms…]}) — each query both ways."""
    from urllib.parse import urlencode

    from django.http import QueryDict
    from django.utils import translation
    from modelsearch.backends import get_search_backend

    from benchmarks.corpus import sentence_pools, vocabulary
    from search import facets, params, service

    words = vocabulary(sentence_pools())
    rng = random.Random(11)
    facets.get_index()  # built once per process, as on a server
    get_search_backend()  # its modules loaded before without_field_ranking
    timings = {"field_ranking": [], "baseline": []}
    for number in range(count):
        language = "ar" if number % 2 else "fr"
        query = " ".join(rng.sample(words[language], rng.choice((1, 1, 2))))
        data = {"q": query, "lang": language}
        if number % 4 == 0:
            data["year"] = str(rng.randint(2012, 2026))
        ways = [("field_ranking", nullcontext), ("baseline", without_field_ranking)]
        if number % 3 == 0:
            ways.reverse()
        with translation.override(language):
            request, _errors = params.parse(QueryDict(urlencode(data)), language)
            for name, way in ways:
                with way():
                    started = time.perf_counter()
                    service.run(request)
                    timings[name].append((time.perf_counter() - started) * 1000)
    return timings


def report(line):
    """Benchmarks print their numbers: that is their whole output."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        configure(workdir)
        from django.conf import settings
        from django.db import connection

        create_database()
        backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
        report(f"database: {connection.vendor}  search backend: {backend}")
        report(f"created {args.practices} practices in {load(args.practices):.1f} s")
        report(f"index build (update_index): {build_index():.1f} s")
        for name, timings in latencies(args.queries).items():
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            report(
                f"{args.queries} queries, {name}: p50 "
                f"{statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
                f"max {timings[-1]:.1f} ms"
            )


if __name__ == "__main__":
    main()
