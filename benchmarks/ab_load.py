"""The load generator of the serving benchmark: ApacheBench (``ab``).

ab is one small C process: it leaves the two cores to the servers it measures,
where a Python load generator would take one of them. Its report is text; this
module builds the command line and reads the figures the benchmark prints.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass

INSTALL_HINT = "ab (ApacheBench) is missing: apt-get install -y apache2-utils"

# ab keeps one record per request in memory: room for a fast page over the run.
REQUESTS_PER_SECOND_CAP = 10_000


@dataclass(frozen=True)
class AbResult:
    complete: int
    errors: int  # connect, receive, exceptions and non-2xx answers
    rps: float
    p50_ms: float
    p95_ms: float


class AbOutputError(ValueError):
    """ab's report lacks a figure: it stopped early (its message is kept)."""


def ab_path():
    """The ab executable, or SystemExit with how to install it."""
    path = shutil.which("ab")
    if path is None:
        raise SystemExit(INSTALL_HINT)
    return path


def ab_command(url, seconds, concurrency, headers=()):
    """ab for ``seconds`` at ``concurrency``: keep-alive offered (-k), variable
    page lengths accepted (-l: a CSRF token or gzip's random padding changes
    them; not an error), and a reset connection counted rather than fatal (-r).
    -n after -t: ab stops at whichever comes first."""
    command = [ab_path(), "-q", "-k", "-l", "-r", "-c", str(concurrency)]
    command += ["-t", str(seconds), "-n", str(seconds * REQUESTS_PER_SECOND_CAP)]
    for header in headers:
        command += ["-H", header]
    return [*command, url]


def run_ab(url, seconds, concurrency, headers=()):
    """Run ab and read its report."""
    done = subprocess.run(
        ab_command(url, seconds, concurrency, headers),
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return parse_ab(done.stdout)
    except AbOutputError as error:
        raise AbOutputError(f"{error}\n{done.stdout}\n{done.stderr}") from None


def _number(pattern, text, default=None):
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        if default is None:
            raise AbOutputError(f"ab's report has no {pattern!r}")
        return default
    return float(match.group(1))


def parse_ab(text):
    """The figures of one ab report. "Failed requests" counts length changes
    too, which -l already excludes; only the connect, receive and exception
    failures (its breakdown) and "Non-2xx responses" are errors."""
    complete = int(_number(r"^Complete requests:\s+(\d+)", text))
    failures = 0
    breakdown = re.search(
        r"\(Connect: (\d+), Receive: (\d+), Length: \d+, Exceptions: (\d+)\)", text
    )
    if breakdown is not None:
        failures = sum(int(n) for n in breakdown.groups())
    non_2xx = int(_number(r"^Non-2xx responses:\s+(\d+)", text, default=0))
    return AbResult(
        complete=complete,
        errors=failures + non_2xx,
        rps=_number(r"^Requests per second:\s+([\d.]+)", text),
        p50_ms=_number(r"^\s+50%\s+(\d+)", text),
        p95_ms=_number(r"^\s+95%\s+(\d+)", text),
    )
