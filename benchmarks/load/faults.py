"""The load run's services and the faults it injects into them.

``Services`` starts PostgreSQL and OpenSearch through the CI scripts
(.ci/postgres.sh with PG_PORT, .ci/search-engine.sh with SEARCH_PORT), and
breaks them as an operator would meet it: the engine's JVM killed (SIGKILL,
no goodbye) then started again by the script — which gives a fresh, empty node,
as after losing the machine —, PostgreSQL restarted with ``pg_ctl restart -m
fast`` (every connection cut).

``FaultPlan`` runs them at fixed fractions of the run beside locust, and
publishes a page during the engine's outage through a ``manage.py shell``
process with the server's production environment (an editor's publish from
another process), then, once locust is done, asks the server's search API
whether the engine finds that page.
"""

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

from benchmarks.http_probe import request
from benchmarks.serve_sides import REPO, SideFailed

RUN_DIR = Path(os.environ.get("PASSERELLE_CACHE") or Path.home() / ".cache/passerelle")
RUN_DIR = RUN_DIR / "run"
# When each fault happens, as a fraction of the run.
ENGINE_KILLED = 0.20
PUBLISHED = 0.30
ENGINE_STARTED = 0.45
POSTGRES_RESTARTED = 0.75
FOUND_WAIT_SECONDS = 60


def script(name, *words, env=None):
    """A .ci script's last line of output (its URL), or CalledProcessError."""
    done = subprocess.run(
        ["bash", str(REPO / ".ci" / name), *words],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


class Services:
    def __init__(self, workdir, say):
        self.workdir = workdir
        self.say = say
        self.pg_port = os.environ.get("PG_PORT", "54329")
        self.search_port = os.environ.get("SEARCH_PORT", "9201")
        self.started = []
        self.engine_url = ""

    def start_postgres(self, name):
        cluster = script("postgres.sh", "start", env={"PG_PORT": self.pg_port})
        self.started.append("postgres.sh")
        with psycopg.connect(cluster, autocommit=True) as connection:
            database = sql.Identifier(name)
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database)
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(database))
        self.say(f"PostgreSQL on port {self.pg_port}, database {name}")
        return cluster.rsplit("/", 1)[0] + "/" + name

    def start_engine(self):
        self.say(f"Starting OpenSearch on port {self.search_port} (about 40 s)…")
        self.engine_url = script(
            "search-engine.sh", "start", env={"SEARCH_PORT": self.search_port}
        )
        self.started.append("search-engine.sh")
        return self.engine_url

    def kill_engine(self):
        state = RUN_DIR / f"opensearch-{self.search_port}.rundir"
        pid = int((Path(state.read_text().strip()) / "opensearch.pid").read_text())
        os.kill(pid, signal.SIGKILL)

    def restart_engine(self):
        script("search-engine.sh", "start", env={"SEARCH_PORT": self.search_port})

    def restart_postgres(self):
        data = (RUN_DIR / f"postgres-{self.pg_port}.datadir").read_text().strip()
        command = (
            f"/usr/lib/postgresql/15/bin/pg_ctl -D '{data}' -l '{data}/server.log'"
        )
        command += " -m fast -w restart"
        if os.getuid() == 0:
            words = ["su", "postgres", "-s", "/bin/bash", "-c", command]
        else:
            words = ["bash", "-c", command]
        subprocess.run(words, check=True, capture_output=True)

    def stop(self):
        for name, port in (
            ("search-engine.sh", {"SEARCH_PORT": self.search_port}),
            ("postgres.sh", {"PG_PORT": self.pg_port}),
        ):
            if name in self.started:
                subprocess.run(
                    ["bash", str(REPO / ".ci" / name), "stop"],
                    cwd=REPO,
                    env={**os.environ, **port},
                    capture_output=True,
                    check=False,
                )


PUBLISH = """
import json, random, sys
from practices.models import PracticePage
word = "".join(random.choices("bcdfghjklmnpqrstvwxz", k=12))
page = PracticePage.objects.live().public().filter(
    locale__language_code="fr").order_by("path").first()
page.title = f"{page.title} {word}"
page.save_revision().publish()
print(json.dumps({"word": word, "url": page.url}))
"""


@dataclass
class FaultPlan:
    seconds: int
    services: Services
    side: object
    cache_url: str
    say: object
    marks: dict = field(default_factory=dict)
    published: dict = field(default_factory=dict)
    found: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def run_beside(self, locust):
        """The faults at their times, while ``locust`` runs."""
        start = time.time()
        steps = [
            (ENGINE_KILLED, "engine killed", self.services.kill_engine),
            (PUBLISHED, "page published", self.publish),
            (ENGINE_STARTED, "engine started", self.restart_engine),
            (POSTGRES_RESTARTED, "PostgreSQL restarted", self.restart_postgres),
        ]
        for fraction, label, action in steps:
            while time.time() < start + fraction * self.seconds:
                if locust.poll() is not None:
                    return
                time.sleep(0.2)
            self.say(label)
            began = time.time()
            try:
                action()
            except (
                OSError,
                subprocess.CalledProcessError,
                ValueError,
                SideFailed,
            ) as error:
                self.notes.append(f"{label}: FAILED ({error})")
            self.marks[label] = (began, time.time())

    def saved(self):
        """What the report reads, as JSON."""
        return {
            "marks": self.marks,
            "published": self.published,
            "found": self.found,
            "notes": self.notes,
        }

    def production(self):
        return self.side.production_env(self.cache_url)

    def publish(self):
        self.published = self.side.ask(
            sys.executable, PUBLISH, "could not publish", env=self.production()
        )

    def restart_engine(self):
        # Nothing else: the balancer's /readyz probes (benchmarks/load/
        # readiness.py) start the heal, and the tasks worker runs it.
        self.services.restart_engine()

    def restart_postgres(self):
        self.services.restart_postgres()

    def finish(self):
        """Whether the engine finds the page published during the outage: the
        search API, not degraded, lists its URL (asked for up to a minute)."""
        if not self.published:
            return
        path = f"/api/search/?q={quote(self.published['word'])}&lang=fr"
        began = time.time()
        deadline = began + FOUND_WAIT_SECONDS
        answer = {}
        while time.time() < deadline:
            try:
                status, _headers, body = request(self.side.base_url, path)
                answer = json.loads(body) if status == 200 else {"status": status}
            except (OSError, ValueError) as error:
                answer = {"error": str(error)}
            urls = [result.get("url") for result in answer.get("results", [])]
            if answer.get("degraded") is False and self.published["url"] in urls:
                self.found = {"found": True, "after": time.time() - began}
                return
            time.sleep(2)
        self.found = {"found": False, "last": answer}
