"""Production refuses a per-process cache (issue #9, item 6): the search's facet
index, the promoted results and the password-form throttling are invalidated or
counted in the cache, so every process must share it. And the number of trusted
proxies (item 9) must be a number.

Settings are loaded in a subprocess with a clean environment, as in
``test_settings.py``.
"""

import pytest

from tests.test_settings import PRODUCTION, SECRET, run

STARTUP = ["-c", "import django; django.setup()"]
CONFIGURED = {"DJANGO_SECRET_KEY": SECRET, "ALLOWED_HOSTS": "passerelle.example.org"}


@pytest.mark.parametrize("cache_url", [None, "", "locmem://", "memcached://x:11211"])
def test_production_refuses_a_per_process_cache(cache_url):
    """No CACHE_URL (the local-memory cache) or one that is not shared: start-up
    fails and says what to set."""
    environ = dict(CONFIGURED)
    if cache_url is not None:
        environ["CACHE_URL"] = cache_url
    result = run(STARTUP, PRODUCTION, **environ)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "CACHE_URL must name a cache shared by every process" in result.stderr


@pytest.mark.parametrize(
    "cache_url",
    ["redis://cache.internal:6379/0", "rediss://cache.internal:6380/1", "unix:///r"],
)
def test_production_starts_on_a_shared_cache(cache_url):
    """Nothing connects at start-up: a Redis URL is enough to start."""
    code = STARTUP[1] + (
        "; from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    result = run(["-c", code], PRODUCTION, CACHE_URL=cache_url, **CONFIGURED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_development_keeps_the_local_memory_cache():
    result = run(STARTUP, "hub.settings.dev")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("count", ["un", "-1", "1.5", "٢"])
def test_trusted_proxy_count_must_be_a_whole_number(count):
    result = run(STARTUP, "hub.settings.dev", TRUSTED_PROXY_COUNT=count)
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be a whole number" in result.stderr
