"""Locust scenario of the load-and-faults run (issue #12, part 5).

    locust -f benchmarks/load/locustfile.py --host http://127.0.0.1:8101

Run by ``python -m benchmarks.load_run`` (which starts the services, injects
the faults and reads the results); it can also run alone against any server.
Two kinds of users, as the hub's readers:

* **visitors** (95 %): anonymous, French and Arabic fiches, index pages with a
  filter, searches in both languages, document downloads;
* **partners** (5 %): demo accounts of the partners' group (load_demo
  --demo-users, password ``changeme``), logged in through the member login
  form; they browse fiches (never from the page cache), search, and the
  communes' editors among them open the « Partager une pratique » form.

What to ask comes from the JSON file named by LOAD_TARGETS (written by the
runner from the served database: fiches, index pages and their filter values,
public documents); search words are the benchmark corpus's vocabulary. Each
request, with its time and whether a search answered ``degraded`` (the page's
notice), is appended as a JSON line to LOAD_EVENTS when set: the runner counts
faults from it. Every request says it came through the HTTPS proxy
(X-Forwarded-Proto), as the benchmarks' (benchmarks/http_probe.py).
"""

import json
import os
import random
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.corpus import sentence_pools, vocabulary
from benchmarks.http_probe import PROXY_HEADERS, LoginFailed, log_in

LOGIN_PATH = "/fr/compte/connexion/"
PASSWORD = "changeme"  # load_demo's demo password
PARTNERS = ("partenaire", "tanger.redaction", "figuig.redaction", "formation")
# Only a commune's editors may share a practice (the others get a 403 page).
SHARERS = ("tanger.redaction", "figuig.redaction")
SHARE_PATH = "/fr/partager/"
# The search page's notices (search/templates/search/search.html), whatever
# the language: the engine did not answer (database results) / nothing did.
DEGRADED_MARK = 'class="notice" role="status"'
FAILED_MARK = 'class="notice" role="alert"'


def load_targets():
    path = os.environ.get("LOAD_TARGETS")
    if not path:
        raise SystemExit("LOAD_TARGETS must name the targets file (load_run)")
    return json.loads(Path(path).read_text())


TARGETS = load_targets()
WORDS = vocabulary(sentence_pools())


class EventLog:
    """One JSON line per request, for the runner (thread-safe: gevent or not)."""

    def __init__(self, path):
        self.file = open(path, "a", buffering=1) if path else None
        self.lock = threading.Lock()

    def write(self, **record):
        if self.file is None:
            return
        with self.lock:
            self.file.write(json.dumps(record) + "\n")


LOG = EventLog(os.environ.get("LOAD_EVENTS"))


@events.request.add_listener
def log_request(name, response, exception, start_time, response_time, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    record = {"t": start_time, "ms": round(response_time), "name": name}
    record["status"] = status
    if exception is not None:
        record["error"] = type(exception).__name__
    if name.startswith("search") and status == 200:
        text = response.text
        record["search"] = (
            "failed"
            if FAILED_MARK in text
            else "degraded"
            if DEGRADED_MARK in text
            else "ok"
        )
    LOG.write(**record)


class Reader(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def on_start(self):
        self.client.headers.update(PROXY_HEADERS)

    def fiche(self, language, prefix=""):
        path = random.choice(TARGETS["fiches"][language])
        self.client.get(path, name=f"{prefix}fiche {language}")

    def search(self, language, prefix=""):
        query = " ".join(random.sample(WORDS[language], random.choice((1, 1, 2))))
        self.client.get(
            f"/{language}/search/?q={quote(query)}", name=f"search {prefix}{language}"
        )


class Visitor(Reader):
    weight = 19

    @task(4)
    def fiche_fr(self):
        self.fiche("fr")

    @task(2)
    def fiche_ar(self):
        self.fiche("ar")

    @task(2)
    def index_filtered(self):
        language = random.choice(("fr", "fr", "ar"))
        index = TARGETS["indexes"][language]
        name, value = random.choice(TARGETS["filters"][language])
        self.client.get(
            f"{index}?{name}={quote(value)}", name=f"index filter {language}"
        )

    @task(2)
    def search_fr(self):
        self.search("fr")

    @task(1)
    def search_ar(self):
        self.search("ar")

    @task(1)
    def download(self):
        if TARGETS["documents"]:
            self.client.get(random.choice(TARGETS["documents"]), name="download")


class Partner(Reader):
    """A member of the partners' group: every page rendered for them."""

    weight = 1

    def on_start(self):
        super().on_start()
        username = self.username = random.choice(PARTNERS)
        started = time.time()
        try:
            cookie = log_in(self.host, LOGIN_PATH, username, PASSWORD)
        except (LoginFailed, OSError) as error:
            LOG.write(t=started, ms=0, name="login", status=0, error=str(error))
            raise
        elapsed = round((time.time() - started) * 1000)
        LOG.write(t=started, ms=elapsed, name="login", status=200)
        # Set by hand: the session cookie is Secure and the connection plain
        # HTTP behind the "proxy", where a cookie jar would keep it back.
        self.client.headers["Cookie"] = cookie

    @task(4)
    def fiche_member(self):
        self.fiche(random.choice(("fr", "ar")), prefix="partner ")

    @task(1)
    def search_member(self):
        self.search("fr", prefix="partner ")

    @task(1)
    def share_form(self):
        if self.username in SHARERS:
            self.client.get(SHARE_PATH, name="partner share form")
        else:
            self.fiche_member()
