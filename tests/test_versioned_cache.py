"""``hub.versioned_cache``: a per-process value rebuilt when a version shared
through Django's cache moves. Two "processes" are two ``VersionedValue`` with the
same key: each has its own value, both read the same cache."""

import itertools

import pytest
from django.core.cache import cache
from django.test import override_settings

from hub.versioned_cache import CacheVersion, VersionedValue

# ``bump`` registers its second bump with ``transaction.on_commit``.
pytestmark = pytest.mark.django_db

KEY = "test:versioned-cache-version"


@pytest.fixture(autouse=True)
def no_version():
    cache.delete(KEY)
    yield
    cache.delete(KEY)


class Builds:
    """A build function that returns 1, 2, 3… and counts its calls."""

    def __init__(self):
        self.numbers = itertools.count(1)
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return next(self.numbers)


def value(max_age=300):
    build = Builds()
    return VersionedValue(KEY, build, max_age=max_age), build


def test_built_once_then_kept():
    cached, build = value()
    assert cached.get() == 1
    assert cached.get() == 1
    assert build.calls == 1


def test_a_bump_rebuilds():
    cached, build = value()
    cached.get()
    cached.bump()
    assert cached.get() == 2
    assert cached.get() == 2
    assert build.calls == 2


def test_processes_see_each_others_bumps():
    first, first_build = value()
    second, second_build = value()
    assert (first.get(), second.get()) == (1, 1)
    first.bump()
    assert second.get() == 2
    assert first.get() == 2
    second.bump()
    assert first.get() == 3
    assert second.get() == 3
    assert (first_build.calls, second_build.calls) == (3, 3)


def test_a_bump_through_the_version_alone_rebuilds():
    cached, _ = value()
    cached.get()
    CacheVersion(KEY).bump()
    assert cached.get() == 2


def test_a_missing_version_rebuilds_rather_than_serving_stale():
    """The version key evicted or the cache cleared (a restart): a new version,
    which no copy built before matches."""
    first, _ = value()
    second, _ = value()
    first.get(), second.get()
    cache.delete(KEY)
    assert first.get() == 2
    assert second.get() == 2  # the version ``first`` recreated
    cache.clear()
    assert second.get() == 3


def test_too_old_rebuilds_without_a_bump(monkeypatch):
    """For changes that sent no signal: rebuilt after ``max_age`` seconds."""
    now = [1000.0]
    monkeypatch.setattr("hub.versioned_cache.time.monotonic", lambda: now[0])
    cached, _ = value(max_age=10)
    cached.get()
    now[0] += 10
    assert cached.get() == 1
    now[0] += 0.5
    assert cached.get() == 2


def test_forget_drops_this_process_value_only():
    first, first_build = value()
    second, second_build = value()
    first.get(), second.get()
    first.forget()
    assert first.get() == 2
    assert second.get() == 1
    assert (first_build.calls, second_build.calls) == (2, 1)


def test_current_creates_the_version_and_peek_does_not():
    version = CacheVersion(KEY)
    assert version.peek() is None
    created = version.current()
    assert isinstance(created, int)
    assert version.peek() == created == version.current()
    version.bump()
    assert version.current() != created


def test_bumped_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    """A process that rebuilt between the change and its commit read the old
    data: the second bump, on commit, makes it rebuild again."""
    first, _ = value()
    second, _ = value()
    first.get()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first.bump()
        assert second.get() == 1  # rebuilt before the commit
    assert len(callbacks) == 1
    assert second.get() == 2
    assert first.get() == 2


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
)
def test_a_cache_that_keeps_nothing_rebuilds_every_time():
    cached, build = value()
    assert [cached.get() for _ in range(3)] == [1, 2, 3]
    assert build.calls == 3


def test_signal_arguments_are_accepted():
    cached, _ = value()
    cached.get()
    cached.bump(sender=object, instance=None, created=True)
    assert cached.get() == 2


def test_other_keys_are_independent():
    cached, _ = value()
    other = VersionedValue("test:versioned-cache-other", Builds())
    cached.get(), other.get()
    other.bump()
    assert cached.get() == 1
    cache.delete("test:versioned-cache-other")
