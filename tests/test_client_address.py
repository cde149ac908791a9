"""The client's address behind ``TRUSTED_PROXY_COUNT`` reverse proxies (issue #9,
item 9): the N-th address from the right of X-Forwarded-For, what the proxies
wrote; REMOTE_ADDR without proxies, or when the header does not hold what the
proxies would have written."""

import pytest
from django.test import RequestFactory, override_settings

from hub.client_address import client_address


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "203.0.113.7"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "198.51.100.3, 192.0.2.1", "192.0.2.1"),
        (2, "198.51.100.3, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        (2, "192.0.2.1", "203.0.113.7"),  # fewer hops than proxies: not via them
        (1, "", "203.0.113.7"),
        (1, "pas une adresse", "203.0.113.7"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_counts_proxies_from_the_right(count, forwarded, expected):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=forwarded
    )
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_address(request) == expected
