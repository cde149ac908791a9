"""What a load balancer does during the load run: ask ``/readyz`` every few
seconds, and keep what it answered.

The engine's healing is started by that probe (``search.health``: an engine
that answers again with kept writes, or a missing or short index, enqueues the
heal task, which the worker runs) — so the run proves the site heals *by
itself*, with nothing but its probes, instead of an operator's command.
"""

from __future__ import annotations

import json
import threading
import time

from benchmarks.http_probe import request

PERIOD = 5.0  # seconds between probes, a common balancer setting


class ReadinessProbe(threading.Thread):
    def __init__(self, base_url: str):
        super().__init__(daemon=True, name="readyz-probe")
        self.base_url = base_url
        self.answers: list[tuple[float, int, str]] = []  # (time, status, engine)
        self._halt = threading.Event()

    def run(self):
        while not self._halt.wait(PERIOD):
            try:
                status, _headers, body = request(self.base_url, "/readyz")
                engine = json.loads(body).get("checks", {}).get("engine", "?")
            except (OSError, ValueError):
                status, engine = 0, "no answer"
            self.answers.append((time.time(), status, engine))

    def stop(self):
        self._halt.set()
        self.join(timeout=PERIOD * 2)

    def engine_ok_again_after(self, moment: float) -> float | None:
        """Seconds from ``moment`` to the first probe after it saying the engine
        is ``ok`` (healed), or None."""
        for when, _status, engine in self.answers:
            if when >= moment and engine == "ok":
                return when - moment
        return None
