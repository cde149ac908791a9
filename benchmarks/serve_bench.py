"""Serving benchmark (issue #11): requests per second of the site's pages under
gunicorn, the current checkout against an older commit and a bare Django view,
in the same run.

    python -m benchmarks.serve_bench [--old 714a166] [--seconds 20] [--concurrency 4]

Three servers, each gunicorn with 2 sync workers, production settings, SQLite
and a throwaway Redis (benchmarks/serve_sides.py): NEW (this checkout), OLD
(``--old`` checked out in a temporary git worktree, same .venv) and BARE (this
checkout with one constant view, benchmarks/bare_settings.py). Each scenario is
warmed up, then measured with ab (benchmarks/ab_load.py) on one server at a
time. Prints one table side by side, the Markdown table for the README, the
workers' memory and the conditions; exits non-zero if a side does not start or
a scenario gets errors (the targets are reported, not asserted). Not part of
the test suite: it takes minutes and both cores.
"""

import argparse
import contextlib
import datetime
import gzip
import os
import platform
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ab_load import AbOutputError, ab_command, ab_path, run_ab
from benchmarks.cpu_share import OthersMeter
from benchmarks.http_probe import LoginFailed, cookies_of, log_in, request
from benchmarks.serve_sides import (
    REPO,
    Redis,
    Side,
    SideFailed,
    add_worktree,
    commit_of,
    has_changes,
    remove_worktree,
    rss_mb,
)
from benchmarks.throwaway import run_throwaway

DEFAULT_OLD = "714a166"  # the head before issue #11
WORKERS = 2
BARE_PATH = "/bench/bare/"  # benchmarks/bare_urls.py
LOGIN_PATH = "/fr/compte/connexion/"
# A partner member of the demo (practices/demo/users.py, load_demo's password).
PARTNER = ("partenaire", "changeme")
LOGGED_IN_MARK = b"/compte/deconnexion/"  # the logout form, members only
GZIP = "Accept-Encoding: gzip"
RSS_TARGET_MB = 200
# Cores used by other processes during a measurement worth a note: the servers
# had that much less of the machine.
OTHERS_WORTH_NOTING = 0.1


@dataclass(frozen=True)
class Scenario:
    title: str
    path: str  # a key of the demo's paths, or a path
    sides: tuple
    headers: tuple = ()
    logged_in: bool = False
    # which ratio is the target: ("bare" | "old", minimum) or None
    target: tuple | None = None


SCENARIOS = (
    Scenario("bare Django view", BARE_PATH, ("bare",)),
    Scenario(
        "practice fiche, anonymous", "practice", ("old", "new"), target=("bare", 0.5)
    ),
    Scenario("practice fiche, anonymous, gzip", "practice", ("old", "new"), (GZIP,)),
    Scenario(
        "practice fiche, logged-in partner, gzip",
        "practice",
        ("old", "new"),
        (GZIP,),
        logged_in=True,
        target=("old", 2.0),
    ),
    Scenario("practice index, anonymous, gzip", "index", ("old", "new"), (GZIP,)),
    Scenario("home page, anonymous, gzip", "home", ("old", "new"), (GZIP,)),
)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.serve_bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--old", default=DEFAULT_OLD, help="commit to compare with")
    parser.add_argument("--seconds", type=int, default=20, help="per measurement")
    parser.add_argument("--warmup", type=int, default=5, help="seconds before each")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--max-requests",
        type=int,
        default=0,
        help="gunicorn's worker recycling (0: off, the default: a worker that "
        "restarts during a measurement spends seconds booting Django; 1000 is "
        "gunicorn.conf.py's production value)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure every scenario this many times, sides in alternating "
        "order, and keep each side's best (the least disturbed) round",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (logs)"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    ab_path()  # SystemExit with how to install it
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server is missing: apt-get install -y redis-server")
    return run_throwaway(
        "serve-bench-",
        args.keep,
        lambda tmp, stack: benchmark(args, tmp, stack),
        (SideFailed, LoginFailed),
        "Interrupted: servers, Redis and the worktree stopped and removed.",
    )


def benchmark(args, tmp, stack):
    say(f"Working in {tmp}")
    old_root = tmp / "old-checkout"
    stack.callback(remove_worktree, old_root)
    old_commit = add_worktree(args.old, old_root)
    new = Side("new", REPO, tmp / "new")
    old = Side("old", old_root, tmp / "old")
    # Same code and files as NEW; only the URLconf differs.
    bare = Side("bare", REPO, tmp / "new", settings_base="benchmarks.bare_settings")
    say(f"Building the demo databases (NEW {commit_of(REPO)}, OLD {old_commit})…")
    with ThreadPoolExecutor(2) as pool:
        builds = [pool.submit(side.build, sys.executable) for side in (new, old)]
        for build in builds:
            build.result()
    paths = {"new": new.find_paths(sys.executable)}
    paths["old"] = old.find_paths(sys.executable)
    paths["bare"] = paths["new"]
    if paths["old"] != paths["new"]:
        say(f"NOTE: the sides' demo paths differ: {paths['old']} / {paths['new']}")

    redis = Redis(tmp)
    stack.callback(redis.stop)
    sides = {"new": new, "old": old, "bare": bare}
    for db, side in enumerate(sides.values(), start=1):
        redis.flush(db)
        stack.callback(side.stop)
        side.start(redis.url(db), WORKERS, args.max_requests)
    for name, side in sides.items():
        probe_path = BARE_PATH if name == "bare" else paths[name]["home"]
        side.wait_ready(lambda s=side, p=probe_path: request(s.base_url, p))
    say("Servers up: " + ", ".join(f"{n} :{s.port}" for n, s in sides.items()))

    cookies = {
        name: log_in(sides[name].base_url, LOGIN_PATH, *PARTNER)
        for name in ("old", "new")
    }
    results, notes, rss, failed = run_scenarios(args, sides, paths, cookies, redis)
    report(args, results, notes, rss, old_commit, paths)
    return 1 if failed else 0


def run_scenarios(args, sides, paths, cookies, redis):
    """Every scenario on its sides, ``--rounds`` times: (each side's best
    result by scenario, notes, worker RSS samples by side, any error)."""
    results, notes, rss = {}, [], {"old": [], "new": []}
    failed = False
    for round_ in range(1, args.rounds + 1):
        for scenario in SCENARIOS:
            # Every other round NEW goes first: neither side always gets the
            # machine right after the other has warmed it (or while it is busy).
            order = scenario.sides if round_ % 2 else scenario.sides[::-1]
            for name in order:
                side = sides[name]
                path = paths[name].get(scenario.path, scenario.path)
                headers = list(scenario.headers)
                if scenario.logged_in:
                    headers.append(f"Cookie: {cookies[name]}")
                label = f"{scenario.title}, {name.upper()}"
                say(f"[{round_}/{args.rounds}] {label}: {path}")
                result, note = measure(
                    side, path, headers, scenario, args, also={redis.process.pid}
                )
                failed = failed or result is None or bool(result.errors)
                best = results.get((scenario.title, name))
                if result and (best is None or result.rps > best.rps):
                    results[scenario.title, name] = result
                if args.rounds > 1:
                    label += f", round {round_}"
                notes += [f"{label}: {n}" for n in note]
                if name in rss:
                    rss[name] += [rss_mb(pid) or 0 for pid in side.worker_pids()]
    return results, notes, rss, failed


def measure(side, path, headers, scenario, args, also=()):
    """Check one answer, warm up, measure: (AbResult or None, notes)."""
    notes = []
    header_dict = dict(h.split(": ", 1) for h in headers)
    try:
        status, response, body = request(side.base_url, path, headers=header_dict)
    except OSError as error:
        return None, [f"ERROR: no answer ({error})"]
    encoding = response.get("Content-Encoding", "identity")
    notes.append(f"{status}, {len(body)} bytes ({encoding}){caching(response)}")
    if status != 200:
        notes.append(f"ERROR: answers {status}, not 200")
        return None, notes
    if encoding == "gzip":
        body = gzip.decompress(body)
    if scenario.logged_in and LOGGED_IN_MARK not in body:
        notes.append("ERROR: the page is not the logged-in member's")
        return None, notes
    url = side.base_url + path
    ab_headers = ["X-Forwarded-Proto: https", *headers]
    before = side.worker_pids()
    try:
        if args.warmup:
            run_ab(url, args.warmup, args.concurrency, ab_headers)
        meter = OthersMeter(lambda: {side.process.pid, *side.worker_pids(), *also})
        result = run_ab(url, args.seconds, args.concurrency, ab_headers)
        others = meter.cores()
    except AbOutputError as error:
        notes.append(f"ERROR: ab stopped: {error}")
        return None, notes
    if others >= OTHERS_WORTH_NOTING:
        notes.append(f"other processes used {others:.1f} cores meanwhile")
    restarted = len(before - side.worker_pids())
    if restarted:
        notes.append(f"{restarted} worker(s) restarted during the run")
    if result.errors:
        notes.append(f"ERROR: {result.errors} failed or non-2xx answers")
    return result, notes


def caching(response):
    """What tells whether a page can be kept by a cache: its Cache-Control and
    Age, and the cookies it sets (a page that sets one is nobody's to share)."""
    words = [
        f"{name}: {response[name]}"
        for name in ("Cache-Control", "Age")
        if response[name] is not None
    ]
    cookies = sorted(cookies_of(response))
    if cookies:
        words.append(f"sets cookies {', '.join(cookies)}")
    return "".join(f"; {word}" for word in words)


def report(args, results, notes, rss, old_commit, paths):
    out = []
    out.append("")
    out.append(f"Serving benchmark, {now()}")
    changes = " (uncommitted changes)" if has_changes(REPO) else ""
    out.append(
        f"NEW {commit_of(REPO)}{changes}, OLD {old_commit}; machine: {machine()}"
    )
    command = ab_command("URL", args.seconds, args.concurrency)
    command[0] = Path(command[0]).name
    out.append(
        f"gunicorn {WORKERS} sync workers, production settings, SQLite, Redis; "
        f"max_requests {args.max_requests or 'off'}; load: "
        f"{' '.join(command)}"
        f" (+ {args.warmup} s warm-up); headers X-Forwarded-Proto: https (+ as noted)"
        + (f"; best of {args.rounds} rounds" if args.rounds > 1 else "")
    )
    out.append(f"Pages: {paths['new']}")
    out.append("")
    out.append(
        "| scenario | OLD rps | OLD p50/p95 ms | NEW rps | NEW p50/p95 ms "
        "| BARE rps | BARE p50/p95 ms | NEW/OLD | NEW/BARE | target |"
    )
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for scenario in SCENARIOS:
        cells = [scenario.title]
        for name in ("old", "new", "bare"):
            result = results.get((scenario.title, name))
            cells += [rps(result), latency(result)]
        cells += [ratio(results, scenario, "old"), ratio(results, scenario, "bare")]
        cells.append(target(results, scenario))
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out.append("For the README:")
    out.append("")
    out.append("| scenario | old rps | new rps | bare rps | ratio |")
    out.append("|---|---:|---:|---:|---|")
    for scenario in SCENARIOS:
        cells = [scenario.title]
        cells += [rps(results.get((scenario.title, n))) for n in ("old", "new", "bare")]
        cells.append(readme_ratio(results, scenario))
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for name in ("old", "new"):
        peak = max(rss[name], default=0)
        verdict = "met" if peak <= RSS_TARGET_MB else "NOT met"
        out.append(
            f"Max worker RSS, {name.upper()}: {peak:.0f} MB "
            f"(target ≤ {RSS_TARGET_MB} MB: {verdict})"
        )
    out.append("")
    out += [f"- {note}" for note in notes]
    errors = [note for note in notes if "ERROR" in note]
    out.append("")
    out.append("RUN HAS ERRORS (see above)" if errors else "No errors.")
    sys.stdout.write("\n".join(out) + "\n")


def rps(result):
    return f"{result.rps:.1f}" if result else "—"


def latency(result):
    return f"{result.p50_ms:.0f} / {result.p95_ms:.0f}" if result else "—"


def ratio_value(results, scenario, versus):
    """NEW's rps over OLD's (same scenario) or over the bare view's."""
    new = results.get((scenario.title, "new"))
    if versus == "bare":
        other = results.get((SCENARIOS[0].title, "bare"))
    else:
        other = results.get((scenario.title, versus))
    if not new or not other or not other.rps:
        return None
    return new.rps / other.rps


def ratio(results, scenario, versus):
    value = ratio_value(results, scenario, versus)
    return "—" if value is None else f"{value:.2f}×"


def target(results, scenario):
    if scenario.target is None:
        return ""
    versus, minimum = scenario.target
    value = ratio_value(results, scenario, versus)
    verdict = "?" if value is None else ("met" if value >= minimum else "NOT met")
    return f"NEW/{versus.upper()} ≥ {minimum:g}: {verdict}"


def readme_ratio(results, scenario):
    """The target's ratio where there is one, else NEW against OLD."""
    versus, minimum = scenario.target or ("old", None)
    value = ratio_value(results, scenario, versus)
    if value is None:
        return ""
    text = f"{value:.2f}× {versus}"
    return text + (f" (target ≥ {minimum:g})" if minimum else "")


def now():
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def machine():
    memory = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = ", " + line.split(":", 1)[1].strip()
                break
    cpus = len(os.sched_getaffinity(0))  # what nproc says
    return f"{cpus} CPUs{cpu}, {memory}, Python {platform.python_version()}"


def say(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
