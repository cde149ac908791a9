"""Load and faults (issue #12, part 5): locust against the production server on
PostgreSQL + Redis + OpenSearch (+ moto as the S3 peer), with faults injected
at fixed times.

    python -m benchmarks.load_run [--users 50] [--seconds 300] [--practices 2000]
    python -m benchmarks.load_run --smoke      # 10 users, 60 s, 200 practices

Everything it needs is started here and stopped at the end (also after an
error, Ctrl-C or SIGTERM): a PostgreSQL cluster (.ci/postgres.sh, PG_PORT), a
Redis (benchmarks/serve_sides.py), OpenSearch (.ci/search-engine.sh,
SEARCH_PORT), moto (benchmarks/s3_peer.py, S3_PORT; media on S3 once the
settings read MEDIA_S3_*), then what ``make serve`` runs — collectstatic,
migrate, ``gunicorn --config gunicorn.conf.py hub.wsgi`` with production
settings (benchmarks/serve_sides.py's ``Side``; LOAD_PORT) — plus a tasks
worker when the Makefile has one, and a /readyz probe every 5 s as a load
balancer would (benchmarks/load/readiness.py). The database holds the demo (load_demo
--demo-users) and ``--practices`` generated fiches (benchmarks/corpus.py,
benchmarks/bulk.py), indexed in the engine by ``update_index``.

Faults, at fractions of ``--seconds`` (benchmarks/load/faults.py): the engine
killed (SIGKILL) at 20 %, a page published through a manage.py process at 30 %
(during the outage), the engine started again at 45 % (empty: the script gives
a fresh node: the probes start its heal, the worker runs it), PostgreSQL
restarted (``pg_ctl restart -m fast``) at 75 %. The scenario is
benchmarks/load/locustfile.py. Prints the figures (benchmarks/load/report.py);
asserts nothing; exit status 1 when a request failed, 2 when a service did not
start.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.http_probe import request
from benchmarks.load.faults import FaultPlan, Services
from benchmarks.load.readiness import ReadinessProbe
from benchmarks.load.report import Report
from benchmarks.load.targets import find_targets
from benchmarks.s3_peer import S3Peer, ensure_bucket
from benchmarks.serve_sides import (
    REPO,
    Redis,
    Side,
    SideFailed,
    commit_of,
    free_port,
    has_changes,
    run,
    start_tasks_worker,
    stop_process,
)
from benchmarks.throwaway import run_throwaway

LOCUSTFILE = REPO / "benchmarks/load/locustfile.py"
LOCUST = Path(sys.executable).with_name("locust")
WORKERS = 5  # gunicorn.conf.py's production default (WEB_CONCURRENCY)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.load_run", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--practices", type=int, default=2000)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a short try: 10 users, 60 s, 200 practices (same faults, scaled)",
    )
    parser.add_argument("--no-faults", action="store_true", help="load only")
    parser.add_argument(
        "--report",
        metavar="DIR",
        type=Path,
        help="print the figures again from a directory kept by --keep",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (logs)"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.users, args.seconds, args.practices = 10, 60, 200
    return args


def say(message):
    sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def main(argv=None):
    args = parse_args(argv)
    if args.report:
        saved = json.loads((args.report / "plan.json").read_text())
        plan = SimpleNamespace(**saved)
        Report(args.report / "events.jsonl", plan, saved["started"]).print()
        return 0
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server is missing: apt-get install -y redis-server")
    return run_throwaway(
        "load-run-",
        args.keep,
        lambda tmp, stack: load_run(args, tmp, stack),
        (SideFailed, subprocess.CalledProcessError, RuntimeError),
        "Interrupted: every service and server stopped.",
    )


def load_run(args, tmp, stack):
    say(f"Working in {tmp}")
    services = Services(tmp, say)
    stack.callback(services.stop)
    database_url = services.start_postgres("load_run")
    redis = Redis(tmp)
    stack.callback(redis.stop)
    search_url = services.start_engine()
    media_env = {}
    if S3Peer.available():
        s3 = S3Peer(int(os.environ.get("S3_PORT", "5390")), tmp / "moto.log")
        stack.callback(s3.stop)
        media_env = s3.media_env("load-run")
        ensure_bucket(media_env)
    else:
        say("No S3 peer (.ci/s3.sh or moto_server): media on the local disk")

    side = Side(
        "load",
        REPO,
        tmp,
        port=int(os.environ.get("LOAD_PORT") or free_port()),
        database_url=database_url,
        extra_env={
            "SEARCH_BACKEND": "opensearch",
            "SEARCH_URL": search_url,
            **media_env,
        },
    )
    say("Building: migrate, load_demo --demo-users, static files…")
    side.build(sys.executable)
    say(f"Adding {args.practices} practices and indexing them in the engine…")
    dev = side.env("hub.settings.dev")
    run(
        [sys.executable, "-c", ADD_PRACTICES, str(args.practices)],
        REPO,
        dev,
        side.log,
    )
    run([sys.executable, "manage.py", "update_index"], REPO, dev, side.log)
    targets = find_targets(side, tmp / "targets.json")

    cache_url = redis.url(1)
    redis.flush(1)
    stack.callback(side.stop)
    side.start(cache_url, WORKERS, None)
    worker = start_tasks_worker(side, cache_url)
    if worker is not None:
        stack.callback(stop_process, worker)
    side.wait_ready(lambda: request(side.base_url, "/fr/"))
    say(f"Serving on {side.base_url} ({WORKERS} workers)")

    probe = ReadinessProbe(side.base_url)
    probe.start()
    stack.callback(probe.stop)
    plan = FaultPlan(args.seconds, services, side, cache_url, say)
    events = tmp / "events.jsonl"
    started = time.time()
    locust = start_locust(args, side, targets, events, tmp)
    stack.callback(stop_process, locust)
    if not args.no_faults:
        plan.run_beside(locust)
    locust.wait()
    if not args.no_faults:
        plan.finish()
    # What the report reads, kept for --report (with --keep).
    (tmp / "plan.json").write_text(
        json.dumps({"started": started, **plan.saved()}, ensure_ascii=False)
    )
    report = Report(events, plan, started)
    print_header(args, services, bool(media_env))
    report.print()
    probe.stop()
    print_healing(plan, probe)
    return 1 if report.failures else 0


def print_healing(plan, probe):
    """How long after the engine came back /readyz said it was ok (healed)."""
    started = plan.marks.get("engine started")
    if not started:
        return
    after = probe.engine_ok_again_after(started[1])
    probes = len(probe.answers)
    if after is None:
        line = f"engine healed (readyz ok): not by the end ({probes} probes)"
    else:
        line = f"engine healed (readyz ok): {after:.0f} s after it answered again"
    sys.stdout.write(line + "\n")


def start_locust(args, side, targets, events, tmp):
    command = [
        str(LOCUST),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(max(1, args.users // 10)),
        "--run-time",
        f"{args.seconds}s",
        "--host",
        side.base_url,
        "--only-summary",
        "--stop-timeout",
        "10",
    ]
    env = {**os.environ, "LOAD_TARGETS": str(targets), "LOAD_EVENTS": str(events)}
    say(f"locust: {args.users} users for {args.seconds} s")
    log = (tmp / "locust.log").open("a")
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True
    )


def print_header(args, services, media):
    commit = commit_of(REPO) + (" + uncommitted changes" if has_changes(REPO) else "")
    lines = [
        f"Load and faults, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"commit {commit}; {os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"{args.users} users for {args.seconds} s, {args.practices} practices + the "
        f"demo; gunicorn {WORKERS} sync workers, production settings; "
        f"PostgreSQL, Redis, OpenSearch {services.engine_url}"
        + (", moto with MEDIA_S3_* set" if media else ", media on the local disk"),
    ]
    sys.stdout.write("\n".join(lines) + "\n\n")


ADD_PRACTICES = """
import sys
import django
django.setup()
from benchmarks.search_bench import load
load(int(sys.argv[1]))
"""


if __name__ == "__main__":
    sys.exit(main())
