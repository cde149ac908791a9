"""How much of the machine something else used while a scenario was measured.

The servers need the two cores; a test suite or a build running beside them
lowers their rate without anything in the table showing it. The machine's busy
time (/proc/stat) minus the benchmark's own (the servers' processes and ab, a
finished child) over the measurement gives the others' share, in cores.
"""

import os
import resource
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU time spent by the whole machine, idle and I/O wait excluded."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / TICKS


def process_seconds(pids):
    """CPU time of the processes ``pids`` that are still running."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)"
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def children_seconds():
    """CPU time of this process's finished children (ab)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class OthersMeter:
    """Started before a measurement, read after it: the cores used by
    processes other than ``pids`` (a callable: workers may be replaced) and
    this process's children."""

    def __init__(self, pids):
        self.pids = pids
        self.start = self._sample()

    def _sample(self):
        ours = process_seconds(self.pids()) + children_seconds()
        return time.monotonic(), machine_busy_seconds(), ours

    def cores(self):
        (t0, busy0, ours0), (t1, busy1, ours1) = self.start, self._sample()
        others = (busy1 - busy0) - (ours1 - ours0)
        return max(others, 0.0) / (t1 - t0)
