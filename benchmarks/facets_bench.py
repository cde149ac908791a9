"""Facet index benchmark: filtering and counting over many matching ids.

    python -m benchmarks.facets_bench

Prints the median of 5 runs for 100, 1,000 and 12,000 matching ids in an index of
12,000 pages with realistic facet spreads (no database needed).
"""

import itertools
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")


def synthetic_index(size):
    """An index of ``size`` pages with realistic facet spreads (no database)."""
    from practices.content_types import KEYS
    from search.facets import Entry, FacetIndex

    entries, values = {}, {}
    themes, tags = [f"theme-{n}" for n in range(10)], [f"tag-{n}" for n in range(300)]
    for page_id in range(1, size + 1):
        entries[page_id] = Entry(page_id, "practice", "fr", str(page_id), page_id, ())
        values[page_id] = [
            ("type", KEYS[page_id % 3]),
            ("language", ("fr", "ar")[page_id % 2]),
            ("region", f"region-{page_id % 7}"),
            ("commune", f"commune-{page_id % 20}"),
            ("year", str(2000 + page_id % 25)),
            ("public", ("women", "youth", "migrants", "specific-needs")[page_id % 4]),
            *(("theme", t) for t in itertools.islice(themes, page_id % 3, None, 4)),
            *(("tag", tags[(page_id * k) % 300]) for k in (1, 7, 13)),
        ]
    return FacetIndex(entries, values, {"fr": 1, "ar": 2})


def measure(index, matches):
    """Median milliseconds of filter + two counts over ``matches`` ids."""
    ids = list(range(matches, 0, -1))
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        kept = index.filter(ids, {"type": ("practice",), "public": ("women",)})
        index.count(ids)
        index.count(kept)
        timings.append(time.perf_counter() - start)
    return sorted(timings)[2] * 1000


def main():
    import django

    django.setup()
    index = synthetic_index(12_000)
    for matches in (100, 1_000, 12_000):
        median = measure(index, matches)
        sys.stdout.write(f"{matches} ids: filter + 2 counts in {median:.2f} ms\n")


if __name__ == "__main__":
    main()
