"""The load run's figures, from the locustfile's request log (one JSON line per
request: start time, duration, group name, status, and for searches whether
the page answered ``ok``, ``degraded`` or ``failed``) and the fault plan's
marks (when each fault began and ended).

A request failed when it got no answer or a status of 400 or more (locust's
own rule); 5xx are counted apart, overall and in each fault's window (a
request belongs to a window when it was under way during it). Windows:
the engine's outage runs from its kill to the end of its restart (plus the
heal command's run when there is one); "ok again" is the time from the engine
being back until the last search that still answered ``degraded`` (or
``failed``); PostgreSQL's window runs from the restart command to 30 s after
it ended, and its recovery is the time from the command to the end of the
last request that failed after it (0 when none did).
"""

import json
import sys
from collections import defaultdict

AFTER_POSTGRES = 30  # seconds after the restart counted in its window


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Report:
    def __init__(self, events_path, plan, started):
        self.plan = plan
        self.started = started
        self.events = []
        if events_path.exists():
            for line in events_path.read_text().splitlines():
                self.events.append(json.loads(line))
        self.events.sort(key=lambda e: e["t"])

    @staticmethod
    def failed(event):
        return "error" in event or not 0 < event.get("status", 0) < 400

    @staticmethod
    def server_error(event):
        return event.get("status", 0) >= 500

    @property
    def failures(self):
        return sum(self.failed(e) for e in self.events)

    def between(self, begin, end):
        """The requests under way at some moment from ``begin`` to ``end``:
        one sent just before a fault and answered during it counts."""
        return [e for e in self.events if e["t"] < end and ends(e) >= begin]

    def lines(self):
        events = self.events
        out = [
            f"requests: {len(events)}, failed: {self.failures}, "
            f"5xx: {sum(self.server_error(e) for e in events)}",
            "",
            f"{'group':<24} {'requests':>8} {'failed':>6} {'p50 ms':>7} {'p95 ms':>7}",
        ]
        groups = defaultdict(list)
        for event in events:
            groups[event["name"]].append(event)
        for name in sorted(groups):
            times = [e["ms"] for e in groups[name]]
            fails = sum(self.failed(e) for e in groups[name])
            out.append(
                f"{name:<24} {len(times):>8} {fails:>6} "
                f"{percentile(times, 0.5):>7} {percentile(times, 0.95):>7}"
            )
        out += [""] + self.fault_lines()
        return out

    def fault_lines(self):
        marks = self.plan.marks
        out = []
        if "engine killed" in marks and "engine started" in marks:
            killed = marks["engine killed"][0]
            back = marks["engine started"][1]
            searches = [
                e for e in self.between(killed, back) if e["name"].startswith("search")
            ]
            kinds = count_kinds(searches)
            window = self.between(killed, back)
            out.append(
                f"engine outage: {back - killed:.0f} s (killed at "
                f"{killed - self.started:.0f} s, back at {back - self.started:.0f} s); "
                f"searches then: {len(searches)}, degraded {kinds['degraded']}, "
                f"failed {kinds['failed']}, ok {kinds['ok']} (page cache); "
                f"5xx: {sum(self.server_error(e) for e in window)}"
            )
            later = [
                e
                for e in self.events
                if e["t"] >= back and e["name"].startswith("search") and "search" in e
            ]
            not_ok = [e for e in later if e["search"] != "ok"]
            if not later:
                out.append("searches ok again: no search after the engine came back")
            elif not not_ok:
                out.append("searches ok again: at once after the engine came back")
            else:
                last = not_ok[-1]["t"] - back
                still = later[-1]["t"] - not_ok[-1]["t"] < 5
                out.append(
                    "searches ok again: "
                    + (
                        f"NOT by the end ({len(not_ok)} of {len(later)} after "
                        f"its return degraded or failed)"
                        if still
                        else f"{last:.0f} s after the engine came back "
                        f"({len(not_ok)} degraded or failed meanwhile)"
                    )
                )
        published = self.plan.published
        if published:
            found = self.plan.found
            verdict = (
                f"found by the engine ({found['after']:.0f} s after the run)"
                if found.get("found")
                else f"NOT found by the engine (its last answer: {found.get('last')})"
            )
            out.append(
                f"page published during the outage ({published['url']}): {verdict}"
            )
        if "PostgreSQL restarted" in marks:
            began, ended = marks["PostgreSQL restarted"]
            window = self.between(began, ended + AFTER_POSTGRES)
            failed = [e for e in window if self.failed(e)]
            recovered = max(ends(e) for e in failed) - began if failed else 0
            out.append(
                f"PostgreSQL restart: down {ended - began:.1f} s (pg_ctl restart); "
                f"recovered {recovered:.1f} s after it began; failed {len(failed)}, "
                f"5xx {sum(self.server_error(e) for e in window)}"
            )
        out += self.plan.notes
        return out

    def print(self):
        sys.stdout.write("\n".join(self.lines()) + "\n")


def ends(event):
    return event["t"] + event["ms"] / 1000


def count_kinds(searches):
    counts = defaultdict(int)
    for event in searches:
        counts[event.get("search", "no answer")] += 1
    return counts
