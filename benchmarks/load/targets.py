"""What the load run's users ask for, read from the served database before
the server starts: public fiches in French and Arabic, the practice index of
each language with the filter values its own form offers, and the documents
anyone may download. Written as JSON for the locustfile (LOAD_TARGETS)."""

import json
import sys

from benchmarks.serve_sides import SideFailed

FIND_TARGETS = r"""
import json, random, re
from django.test import Client
from documents.access import is_public
from documents.models import HubDocument
from practices.models import PracticeIndexPage, PracticePage

rng = random.Random(5)
targets = {"fiches": {}, "indexes": {}, "filters": {}}
for language in ("fr", "ar"):
    fiches = PracticePage.objects.live().public().filter(
        locale__language_code=language
    )
    urls = [page.url for page in fiches.specific(defer=True).iterator()]
    targets["fiches"][language] = rng.sample(urls, min(300, len(urls)))
    index = PracticeIndexPage.objects.live().get(locale__language_code=language)
    targets["indexes"][language] = index.url
    # The filters of the index page's own form: <select name=…><option value=…>
    html = Client(headers={"X-Forwarded-Proto": "https"}).get(index.url).content
    html = html.decode()
    filters = []
    selects = re.findall(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', html, re.S)
    for name, options in selects:
        filters += [(name, v) for v in re.findall(r'<option value="([^"]+)"', options)]
    targets["filters"][language] = filters
targets["documents"] = [d.url for d in HubDocument.objects.all() if is_public(d)]
print(json.dumps(targets))
"""


def find_targets(side, path):
    """Ask ``side``'s database (development settings) and write ``path``."""
    targets = side.ask(sys.executable, FIND_TARGETS, "targets not found")
    for language in ("fr", "ar"):
        if not targets["fiches"][language] or not targets["filters"][language]:
            raise SideFailed(f"no {language} fiches or filters: {targets}")
    path.write_text(json.dumps(targets))
    return path
