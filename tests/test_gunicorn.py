"""`make serve`'s gunicorn (issue #11): gunicorn.conf.py loads with the production
settings, /healthz answers through it, and its logs are one JSON object per line
on stderr — the access log with the request time and without the query string.

A real gunicorn on a free local port; /healthz touches no database or cache, so
none is needed (the Redis URL points at nobody)."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.test_settings import BASE_DIR, PRODUCTION, SECRET

GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, host):
    request = urllib.request.Request(url, headers={"Host": host})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read()


def test_gunicorn_serves_healthz_and_logs_json(tmp_path):
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "DJANGO_SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "passerelle.example.org",
        "CACHE_URL": f"redis://127.0.0.1:{free_port()}/0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    stderr = tmp_path / "stderr"
    with stderr.open("w") as errors:
        server = subprocess.Popen(
            [GUNICORN, "--config", "gunicorn.conf.py", "hub.wsgi"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = get(
                    f"http://127.0.0.1:{port}/healthz?token=s3cr3t",
                    "passerelle.example.org",
                )
                break
            except OSError:
                assert server.poll() is None, stderr.read_text()
                assert time.monotonic() < deadline, stderr.read_text()
                time.sleep(0.3)
    finally:
        server.send_signal(signal.SIGTERM)
        stdout, _ = server.communicate(timeout=30)
    assert (status, body) == (200, b"ok")
    assert stdout == b""
    records = [json.loads(line) for line in stderr.read_text().splitlines()]
    loggers = {r["logger"] for r in records}
    assert {"gunicorn.error", "gunicorn.access"} <= loggers
    (access,) = [r for r in records if r["logger"] == "gunicorn.access"]
    assert access["path"] == "/healthz"
    assert access["method"] == "GET"
    assert access["status"] == "200"
    assert isinstance(access["duration_ms"], int)
    assert "s3cr3t" not in stderr.read_text()
    assert not (tmp_path / ".gunicorn").exists()  # no control socket
