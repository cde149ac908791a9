"""A value kept per process, rebuilt when a version shared by every process moves.

Why: some things are costly to build and read on every request — the search's
facet index (every live page's facet values), the compiled glossary — so each
process keeps its own copy in memory, without even a cache round trip for the
value. Something must tell every process that its copy is out of date: a version
number in Django's cache, which every process reads (one cache ``get`` per use)
and which the change's signal handler bumps. A process whose copy was built at
another version rebuilds it before using it. Values that may live in the cache
itself (promoted results) use the version in their cache key instead:
``CacheVersion`` alone.

* ``CacheVersion(key)``: the version. ``current()`` reads it, creating it if it
  is missing; ``bump()`` sets a new one now, and again when the current
  transaction commits: a process that rebuilt between the two read the database
  before the change was committed, and the second bump makes it rebuild again.
* ``VersionedValue(key, build, max_age=...)``: the per-process value. ``get()``
  returns it, calling ``build()`` first if it was never built, if the version
  changed since, or if it is older than ``max_age`` seconds — for changes that
  send no signal (raw SQL, ``QuerySet.update``, a process that never imported
  the module). ``bump()`` is its version's, and takes signal arguments.

The version is read *before* building, so a change made while a process builds
bumps past the version recorded with that build: the next ``get()`` rebuilds.
A missing version (evicted, cache cleared, cache restarted) is created anew with
a fresh number, so it never matches the version of a copy built earlier: a
cache miss rebuilds rather than serving a stale copy. If the cache cannot keep
it at all (``DummyCache``), every read is a new version and every ``get()``
rebuilds: slow, never stale.

With a per-process cache (Django's local-memory cache, the default) each process
has its own version: a change is seen at once by the process that handled it and
by the others only after ``max_age``. Production therefore refuses to start
without a cache shared across processes (``CACHE_URL``).

Versions are ``time.time_ns()`` values; only equality matters.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.cache import cache
from django.db import transaction

__all__ = ["CacheVersion", "VersionedValue"]

T = TypeVar("T")


class CacheVersion:
    """A version number shared by every process through Django's cache."""

    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        """The version now; created (with a fresh number) if the cache lacks it."""
        version = cache.get(self.key)
        if version is None:
            fresh = time.time_ns()
            cache.add(self.key, fresh, timeout=None)  # another process may win
            version = cache.get(self.key)
            if version is None:  # a cache that keeps nothing: never stale
                version = fresh
        return version

    def peek(self) -> int | None:
        """The version in the cache, or None: never creates it."""
        return cache.get(self.key)

    def bump(self, **_signal_kwargs) -> None:
        """A new version now, and again after the current transaction commits
        (at once outside a transaction). Usable as a signal receiver."""
        self._set()
        # robust: the change is committed; a cache out of reach is logged, not
        # turned into an error after the fact.
        transaction.on_commit(self._set, robust=True)

    def _set(self):
        cache.set(self.key, time.time_ns(), timeout=None)

    def __repr__(self):
        return f"CacheVersion({self.key!r})"


class VersionedValue(Generic[T]):
    """A per-process value rebuilt when its ``CacheVersion`` changes or after
    ``max_age`` seconds."""

    def __init__(self, key: str, build: Callable[[], T], *, max_age: float = 300):
        self.version = CacheVersion(key)
        self.build = build
        self.max_age = max_age
        self._lock = threading.Lock()
        self._value: T | None = None
        self._built_version: int | None = None
        self._built_at = 0.0
        self._has_value = False

    def get(self) -> T:
        """The value of the current version, built first if needed."""
        version = self.version.current()
        with self._lock:
            if self._is_stale(version):
                self._value = self.build()
                self._built_version = version
                self._built_at = time.monotonic()
                self._has_value = True
            return self._value

    def _is_stale(self, version):
        return (
            not self._has_value
            or self._built_version != version
            or time.monotonic() - self._built_at > self.max_age
        )

    def bump(self, **_signal_kwargs) -> None:
        """Make every process rebuild (``CacheVersion.bump``)."""
        self.version.bump()

    def forget(self) -> None:
        """Drop this process's value (tests): the next ``get()`` builds."""
        with self._lock:
            self._value = None
            self._built_version = None
            self._has_value = False

    def __repr__(self):
        return f"VersionedValue({self.version.key!r}, {self.build!r})"
