"""A benchmark's run in a temporary directory that is always cleaned up: every
server and service it started stops (the ``ExitStack`` its body fills) and the
directory goes — after the run, an error, Ctrl-C or SIGTERM (which unwinds like
Ctrl-C) — unless ``keep`` asks to keep it (logs)."""

import contextlib
import shutil
import signal
import sys
import tempfile
from pathlib import Path


def run_throwaway(prefix, keep, body, failures, interrupted):
    """``body(tmp, stack)``'s exit status; 2 when it raises one of
    ``failures`` (printed), 130 on Ctrl-C (``interrupted`` printed)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        with contextlib.ExitStack() as stack:
            return body(tmp, stack)
    except failures as failure:
        sys.stderr.write(f"A side failed: {failure}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(interrupted + "\n")
        return 130
    finally:
        if keep:
            sys.stderr.write(f"Kept {tmp}\n")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
