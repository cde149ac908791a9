"""Two app servers as production runs them, on one fresh PostgreSQL database and
one Redis (issue #12, part 6): the harness of tests/test_two_servers.py.

Each server is ``gunicorn --config gunicorn.conf.py hub.wsgi`` under production
settings (benchmarks/serve_sides.py's ``Side``: a settings module adding only a
temporary STATIC_ROOT), with the page cache on (production's default), Redis as
CACHE_URL, and the same MEDIA_ROOT — or the S3 bucket when MEDIA_S3_BUCKET is
in the environment (it is passed through, with the credentials boto3 reads).
When the Makefile has a ``worker`` target (background tasks on the database
backend), one ``db_worker`` runs beside them, as production would.
"""

import os
import secrets
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from benchmarks.s3_peer import ensure_bucket
from benchmarks.serve_sides import REPO, Side, start_tasks_worker, stop_process

# Who may pass through to the servers: the S3 peer, boto3's credentials and
# the choice of the tasks backend (the other parts of issue #12).
PASSED_THROUGH = ("MEDIA_S3_", "AWS_", "TASKS_")
WORKERS = 2  # per server: two servers of two sync workers on CI's two cores


def passed_through_env():
    return {k: v for k, v in os.environ.items() if k.startswith(PASSED_THROUGH)}


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class Database:
    """A database of its own on the cluster of ``cluster_url``, dropped after."""

    cluster_url: str
    name: str = ""

    def __post_init__(self):
        self.name = self.name or f"two_servers_{secrets.token_hex(4)}"

    @property
    def url(self):
        return with_database(self.cluster_url, self.name)

    def _admin(self, statement):
        with psycopg.connect(self.cluster_url, autocommit=True) as connection:
            connection.execute(statement)

    def create(self):
        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def drop(self):
        self._admin(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(self.name)
            )
        )

    def query(self, statement, *params):
        with psycopg.connect(self.url) as connection:
            return connection.execute(statement, params).fetchall()


def start_servers(stack: ExitStack, workdir: Path, database: Database, cache_url):
    """Build the demo into ``database`` (migrate, load_demo --demo-users, static
    files), start server A and B (and a tasks worker when there is one); every
    process is stopped by ``stack``. Returns (A, B)."""
    env = passed_through_env()
    ports = os.environ.get("TWO_SERVERS_PORTS", "8101,8102").split(",")
    sides = [
        Side(
            name,
            REPO,
            workdir,
            port=int(port),
            database_url=database.url,
            extra_env=dict(env),
        )
        for name, port in zip(("a", "b"), ports, strict=True)
    ]
    # The browser talks plain HTTP to the loopback and says https through
    # X-Forwarded-Proto, as the proxy would: its Origin is the http one.
    origins = ",".join(side.base_url for side in sides)
    for side in sides:
        side.extra_env["CSRF_TRUSTED_ORIGINS"] = origins
    ensure_bucket(env)
    sides[0].build(sys.executable)
    for side in sides:
        stack.callback(side.stop)
        side.start(cache_url, WORKERS, None)
    worker = start_tasks_worker(sides[0], cache_url)
    if worker is not None:
        stack.callback(stop_process, worker)
    return sides
