"""The load run's figures (benchmarks/load/report.py) from a request log and the
fault plan's marks: what counts as failed, the outage's degraded searches, the
time until searches are ok again, PostgreSQL's recovery."""

import json
from types import SimpleNamespace

from benchmarks.load.report import Report

T0 = 1_000_000.0


def event(t, name, status=200, ms=50, **more):
    return {"t": T0 + t, "ms": ms, "name": name, "status": status, **more}


def report(tmp_path, events, marks, published=None, found=None):
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in events))
    plan = SimpleNamespace(
        marks={k: (T0 + a, T0 + b) for k, (a, b) in marks.items()},
        published=published or {},
        found=found or {},
        notes=[],
    )
    return Report(path, plan, T0)


def test_failures_are_no_answer_or_400_and_more_and_5xx_are_counted_apart(tmp_path):
    lines = report(
        tmp_path,
        [
            event(1, "fiche fr"),
            event(2, "fiche fr", status=302),
            event(3, "fiche fr", status=404),
            event(4, "fiche ar", status=502),
            event(5, "download", status=0, error="ConnectionError"),
        ],
        {},
    )
    assert lines.failures == 3
    assert lines.lines()[0] == "requests: 5, failed: 3, 5xx: 1"


def test_outage_counts_degraded_searches_and_the_time_until_ok_again(tmp_path):
    events = [
        event(10, "search fr", search="ok"),
        event(21, "search fr", search="degraded"),
        event(22, "search ar", search="degraded"),
        event(23, "search fr", search="ok"),  # from the page cache
        event(31, "search fr", search="degraded"),  # engine back, index empty
        event(37, "search fr", search="degraded"),
        event(45, "search ar", search="ok"),
        event(55, "search fr", search="ok"),
    ]
    marks = {"engine killed": (20, 20.1), "engine started": (28, 30)}
    text = "\n".join(report(tmp_path, events, marks).lines())
    assert "searches then: 3, degraded 2, failed 0, ok 1 (page cache); 5xx: 0" in text
    assert "searches ok again: 7 s after the engine came back" in text


def test_searches_still_degraded_at_the_end_are_reported_so(tmp_path):
    events = [event(31, "search fr", search="degraded")]
    events += [event(40 + n, "search fr", search="degraded") for n in range(3)]
    marks = {"engine killed": (20, 20.1), "engine started": (28, 30)}
    text = "\n".join(report(tmp_path, events, marks).lines())
    assert "searches ok again: NOT by the end (4 of 4" in text


def test_postgres_recovery_runs_to_the_end_of_the_last_failed_request(tmp_path):
    events = [
        event(70, "fiche fr"),
        event(74.5, "search fr", status=500, ms=800),  # sent before, failed during
        event(76, "fiche fr", status=500, ms=1000),
        event(78, "fiche ar", status=0, ms=500, error="RemoteDisconnected"),
        event(80, "fiche fr"),
    ]
    marks = {"PostgreSQL restarted": (75, 77)}
    published = {"url": "/fr/pratiques/x/", "word": "bcd"}
    text = "\n".join(
        report(tmp_path, events, marks, published, {"found": False, "last": {}}).lines()
    )
    assert "recovered 3.5 s after it began; failed 3, 5xx 2" in text
    assert "page published during the outage (/fr/pratiques/x/): NOT found" in text
