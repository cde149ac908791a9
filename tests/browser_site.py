"""The demo as production serves it, for the browser matrix (issue #13): the
README's demo (``load_demo --demo-users``) built once into a temporary
directory, served by gunicorn under production settings over plain HTTP
with a throwaway Redis as the shared cache.

Built once per test run: the matrix's tests share one xdist group
(``xdist_group("demo_site")``, the Makefile's ``--dist loadgroup``), so one
worker builds it (≈ 45 s) and runs them while the other runs the rest.
"""

import json
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from benchmarks.serve_sides import REPO, Redis, Side

DEMO_PASSWORD = "changeme"  # home/management/commands/load_demo.py (DEBUG only)
# Production settings seen from inside the TLS proxy: the browser speaks plain
# HTTP to 127.0.0.1, so the HTTPS redirect, HSTS and secure-only cookies are
# off; the rest — DEBUG off, hashed static files, compression, the page cache,
# the security headers — is what visitors get.
PLAIN_HTTP = """
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
"""

# The demo's pages (tests/demo_pages.py), run by ``manage.py shell -c``.
FIND_PATHS = (Path(__file__).with_name("demo_pages.py")).read_text()


class DemoSide(Side):
    """A Side (benchmarks/serve_sides.py) on production settings over plain
    HTTP; also for an older commit's checkout (the benchmark's baseline)."""

    def write_settings(self):
        module = super().write_settings()
        with (self.workdir / f"{module}.py").open("a") as settings:
            settings.write(PLAIN_HTTP)
        return module

    def production_env(self, cache_url, max_requests=None):
        env = super().production_env(cache_url, max_requests)
        # Tasks run in the request: no worker beside this server.
        return {**env, "TASKS_BACKEND": "immediate"}


@dataclass
class DemoSite:
    base_url: str
    paths: dict
    workdir: Path

    def url(self, path):
        return self.base_url + path


def start_demo_site(stack: ExitStack, workdir: Path, python, root=REPO, name="demo"):
    """Build and serve the demo of the code in ``root``; every process is
    stopped by ``stack``."""
    side = DemoSide(name, root, workdir)
    side.build(python)
    paths = side.ask(python, FIND_PATHS, "the demo's pages were not found")
    redis = Redis(workdir)  # one per site: sides never share a cache
    stack.callback(redis.stop)
    side.start(redis.url(0), workers=2, max_requests=None)
    stack.callback(side.stop)
    side.wait_ready(lambda: urllib.request.urlopen(side.base_url + "/healthz").close())
    (workdir / "paths.json").write_text(json.dumps(paths, indent=2))
    return DemoSite(side.base_url, paths, workdir)
