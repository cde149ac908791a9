"""The serving benchmark's own logic (benchmarks/serve_bench.py), without servers:
ab's report read right (errors are failed connections and non-2xx answers, not
pages of varying length), its targets computed against the right side, and the
bare view answering through the site's URLconf without hiding the site."""

import pytest
from django.test import override_settings

from benchmarks.ab_load import AbOutputError, AbResult, parse_ab
from benchmarks.serve_bench import SCENARIOS, readme_ratio, target

# ab 2.3's report (Debian's apache2-utils), trimmed of its banner.
REPORT = """\
Document Path:          /fr/pratiques/
Document Length:        Variable

Concurrency Level:      4
Time taken for tests:   20.004 seconds
Complete requests:      400
Failed requests:        {failed}
{breakdown}Non-2xx responses:      {non_2xx}
Keep-Alive requests:    0
Total transferred:      104000 bytes
HTML transferred:       67000 bytes
Requests per second:    19.99 [#/sec] (mean)
Time per request:       200.040 [ms] (mean)
Time per request:       50.010 [ms] (mean, across all concurrent requests)

Connection Times (ms)
              min  mean[+/-sd] median   max
Total:        150  200  20.4    190     420

Percentage of the requests served within a certain time (ms)
  50%    190
  66%    201
  75%    207
  80%    211
  90%    226
  95%    241
  98%    280
  99%    310
 100%    420 (longest request)
"""


def report(failed=0, breakdown="", non_2xx=0):
    text = REPORT.format(failed=failed, breakdown=breakdown, non_2xx=non_2xx)
    # ab prints the Non-2xx line only when there are some
    return text if non_2xx else text.replace("Non-2xx responses:      0\n", "")


def test_a_clean_report_gives_the_rate_and_the_latency_percentiles():
    assert parse_ab(report()) == AbResult(
        complete=400, errors=0, rps=19.99, p50_ms=190, p95_ms=241
    )


def test_redirects_and_failed_connections_are_errors_but_varying_lengths_are_not():
    breakdown = "   (Connect: 2, Receive: 1, Length: 30, Exceptions: 1)\n"
    result = parse_ab(report(failed=34, breakdown=breakdown, non_2xx=5))
    assert result.errors == 2 + 1 + 1 + 5


def test_a_run_that_ab_abandoned_is_not_read_as_figures():
    aborted = "Benchmarking 127.0.0.1 (be patient)\napr_socket_recv: Connection refused"
    with pytest.raises(AbOutputError):
        parse_ab(aborted)


def result(rps):
    return AbResult(complete=1, errors=0, rps=rps, p50_ms=1, p95_ms=1)


def test_the_cached_page_is_held_to_the_bare_view_and_the_member_page_to_old():
    bare, anonymous, _gzip, partner = SCENARIOS[:4]
    results = {
        (bare.title, "bare"): result(1000.0),
        (anonymous.title, "old"): result(20.0),
        (anonymous.title, "new"): result(600.0),
        (partner.title, "old"): result(15.0),
        (partner.title, "new"): result(25.0),
    }
    assert readme_ratio(results, anonymous) == "0.60× bare (target ≥ 0.5)"
    assert target(results, anonymous) == "NEW/BARE ≥ 0.5: met"
    assert readme_ratio(results, partner) == "1.67× old (target ≥ 2)"
    assert target(results, partner) == "NEW/OLD ≥ 2: NOT met"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="benchmarks.bare_urls")
def test_the_bare_view_answers_beside_the_site(client):
    bare = client.get("/bench/bare/")
    assert (bare.status_code, bare.content) == (200, b"bare")
    assert client.get("/fr/compte/connexion/").status_code == 200
