"""The servers of the serving benchmark: a throwaway Redis, the old commit's
checkout, and one gunicorn per side with its own demo database.

Each side builds its database with its own code (``migrate`` + ``load_demo
--demo-users`` under development settings: the migrations differ between
commits), collects its own static files (production's manifest storage needs
them), then is served by gunicorn with production settings, two sync workers,
on its own port and its own Redis database. Everything lives in one temporary
directory; ``ExitStack`` callbacks undo every step, also after an error or
Ctrl-C.
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
HOST = "127.0.0.1"
# What gunicorn.conf.py sets, for a commit that has no such file.
FALLBACK_GUNICORN_OPTIONS = [
    "--worker-class=sync",
    "--timeout=30",
    "--graceful-timeout=30",
    "--keep-alive=5",
    "--forwarded-allow-ips=127.0.0.1,::1",
    "--access-logfile=-",
    "--access-logformat=%(m)s %(U)s %(s)s %(M)sms",
]
STARTUP_SECONDS = 120


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def run(command, cwd, env, log):
    """Run a setup command, its output appended to ``log``; fail loudly."""
    with log.open("a") as out:
        out.write(f"\n$ {' '.join(map(str, command))}\n")
        out.flush()
        done = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=out)
    if done.returncode != 0:
        raise SideFailed(f"{' '.join(map(str, command))} failed: see {log}")


class SideFailed(RuntimeError):
    """A side could not be built or started (the benchmark exits non-zero)."""


class Redis:
    """A redis-server with nothing on disk, stopped on exit."""

    def __init__(self, workdir):
        self.port = free_port()
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", HOST]
            + ["--save", "", "--appendonly", "no", "--dir", str(workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SideFailed("redis-server did not start")
            time.sleep(0.1)

    def _answers(self):
        try:
            return self.command(0, "PING") == "PONG"
        except OSError:
            return False

    def command(self, db, *words):
        """One command through redis-cli, whose answer is returned."""
        done = subprocess.run(
            ["redis-cli", "-h", HOST, "-p", str(self.port), "-n", str(db), *words],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise OSError(done.stderr)
        return done.stdout.strip()

    def url(self, db):
        return f"redis://{HOST}:{self.port}/{db}"

    def flush(self, db):
        self.command(db, "FLUSHDB")

    def stop(self):
        stop_process(self.process)


def stop_process(process, timeout=30):
    """SIGTERM (gunicorn stops its workers gracefully), then SIGKILL."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def git(path, *words):
    """A git command in ``path`` (never raising: the caller reads returncode)."""
    return subprocess.run(
        ["git", *words], cwd=path, capture_output=True, text=True, check=False
    )


def add_worktree(commit, path):
    """The old commit checked out beside this one (same .venv); returns its hash."""
    done = git(REPO, "worktree", "add", "--detach", str(path), commit)
    if done.returncode != 0:
        raise SideFailed(f"git worktree add {commit}: {done.stderr.strip()}")
    return commit_of(path)


def remove_worktree(path):
    git(REPO, "worktree", "remove", "--force", str(path))


def commit_of(path):
    return git(path, "rev-parse", "--short", "HEAD").stdout.strip()


def has_changes(path):
    """Uncommitted changes to tracked files: the numbers are not the commit's."""
    return bool(git(path, "status", "--porcelain", "--untracked-files=no").stdout)


@dataclass
class Side:
    """One server: its code (``root``), files, settings and port."""

    name: str
    root: Path
    workdir: Path
    settings_base: str = "hub.settings.production"
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    # Another database than the side's own SQLite file (the load run and the
    # two-server check share one PostgreSQL database between servers), and more
    # environment (search engine, S3, workers: passed through as given).
    database_url: str = ""
    extra_env: dict = field(default_factory=dict)

    @property
    def database(self):
        return self.workdir / "db.sqlite3"

    @property
    def log(self):
        return self.workdir / f"{self.name}.log"

    @property
    def base_url(self):
        return f"http://{HOST}:{self.port}"

    def env(self, settings, **extra):
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.workdir),
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(self.workdir),  # the settings module below
            "DJANGO_SETTINGS_MODULE": settings,
            # dj_database_url: sqlite:// + an absolute path (four slashes)
            "DATABASE_URL": self.database_url or f"sqlite:///{self.database}",
            "MEDIA_ROOT": str(self.workdir / "media"),
            **self.extra_env,
            **extra,
        }

    def write_settings(self):
        """Production settings with STATIC_ROOT in the temporary directory
        (the repository's own is fixed under the checkout)."""
        module = f"bench_settings_{self.name}"
        (self.workdir / f"{module}.py").write_text(
            f"from {self.settings_base} import *  # noqa: F403\n"
            f"STATIC_ROOT = {str(self.workdir / 'static')!r}\n"
        )
        return module

    def build(self, python):
        """Demo database (development settings, this side's code), then the
        static files (production settings)."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        dev = self.env("hub.settings.dev")
        manage = [python, "manage.py"]
        run([*manage, "migrate", "--noinput"], self.root, dev, self.log)
        run([*manage, "load_demo", "--demo-users"], self.root, dev, self.log)
        production = self.production_env(UNUSED_CACHE_URL)
        run([*manage, "collectstatic", "--noinput"], self.root, production, self.log)

    def find_paths(self, python):
        """{"practice", "index", "home"}: the demo's first public French
        practice fiche (/fr/pratiques/<commune>/<fiche>/), its index and the
        home page, asked of this side's own database and code."""
        return self.ask(python, FIND_PATHS, "no practice page found")

    def ask(self, python, script, failure, env=None):
        """The JSON printed last by ``script`` (``manage.py shell -c``), under
        development settings on this side's database unless ``env`` is given;
        SideFailed with ``failure`` and its errors if it fails."""
        done = subprocess.run(
            [python, "manage.py", "shell", "-c", script],
            cwd=self.root,
            env=env or self.env("hub.settings.dev"),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SideFailed(f"{self.name}: {failure}\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def production_env(self, cache_url, max_requests=None):
        extra = {
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": HOST,
            "CACHE_URL": cache_url,
            # gunicorn.conf.py believes X-Forwarded-Proto from the loopback then
            "TRUSTED_PROXY_COUNT": "1",
            "PORT": str(self.port),
        }
        if max_requests is not None:
            extra["GUNICORN_MAX_REQUESTS"] = str(max_requests)
        return self.env(self.write_settings(), **extra)

    def start(self, cache_url, workers, max_requests):
        command = [GUNICORN, f"--workers={workers}"]
        if (self.root / "gunicorn.conf.py").exists():
            command += ["--config=gunicorn.conf.py"]
        else:
            command += FALLBACK_GUNICORN_OPTIONS + [f"--bind={HOST}:{self.port}"]
            if max_requests is not None:
                command += [f"--max-requests={max_requests}"]
                command += ["--max-requests-jitter=100"] if max_requests else []
        command += ["hub.wsgi"]
        with self.log.open("a") as out:
            out.write(f"\n$ {' '.join(map(str, command))}\n")
            out.flush()
            self.process = subprocess.Popen(
                command,
                cwd=self.root,
                env=self.production_env(cache_url, max_requests),
                stdout=out,
                stderr=out,
                start_new_session=True,  # Ctrl-C reaches us, we stop it
            )

    def wait_ready(self, probe):
        """Until ``probe()`` gets an HTTP answer (any), or SideFailed."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                return probe()
            except OSError as error:
                if self.process.poll() is not None:
                    failure = f"{self.name}: gunicorn exited, see {self.log}"
                    raise SideFailed(failure) from error
                if time.monotonic() > deadline:
                    failure = f"{self.name}: no answer, see {self.log}"
                    raise SideFailed(failure) from error
                time.sleep(0.5)

    def stop(self):
        if self.process is not None:
            stop_process(self.process)

    def worker_pids(self):
        """The gunicorn master's children (its workers)."""
        return children(self.process.pid) if self.process else set()


FIND_PATHS = """
import json
from wagtail.models import Page
pages = Page.objects.live().public().filter(locale__language_code="fr")
practice = pages.filter(content_type__model="practicepage").order_by("path").first()
index = practice.get_parent().get_parent()
home = index.get_parent()
print(json.dumps({"practice": practice.url, "index": index.url, "home": home.url}))
"""
# collectstatic loads production settings, which want a shared cache's URL; it
# never connects to it.
UNUSED_CACHE_URL = f"redis://{HOST}:1/0"
SECRET_KEY = "bench-" + secrets.token_urlsafe(48)


def children(pid):
    """Processes whose parent is ``pid`` (from /proc: no psutil needed)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid …: comm may hold spaces, so split after ")"
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def rss_mb(pid):
    """A process's resident memory (VmRSS) in MB, or None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def has_worker_target(root=REPO):
    """Background tasks run in a worker (the Makefile's ``worker`` target,
    ``manage.py db_worker``) once the checkout has one."""
    makefile = (root / "Makefile").read_text()
    return any(line.startswith("worker:") for line in makefile.splitlines())


def start_tasks_worker(side, cache_url):
    """What ``make worker`` runs, with ``side``'s production environment (not
    make itself: its prerequisite would pip-install into the virtualenv); None
    when the checkout has no worker. Its output goes to ``side``'s log."""
    if not has_worker_target(side.root):
        return None
    with side.log.open("a") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker"],
            cwd=side.root,
            env=side.production_env(cache_url),
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
