"""gunicorn's configuration for `make serve` (production): read by
``gunicorn -c gunicorn.conf.py hub.wsgi``. Every value can be overridden by the
environment variable named beside it (README, "Serving in production").
"""

import os

env = os.environ

# Where to listen: behind a reverse proxy on the same host, the loopback.
bind = env.get("GUNICORN_BIND", "127.0.0.1:" + env.get("PORT", "8000"))

# Sync workers, by the classic rule of 2 × cores + 1: a page is CPU (templates,
# the search analysis in Python) plus waits on the database, the cache and the
# engine, during which another worker uses the core. The target host has 2
# cores: 5 workers, each a Django + Wagtail process (about 150 MB). A fixed
# default rather than the machine's count: a container sees every core of its
# host, not its share. WEB_CONCURRENCY (gunicorn's own name) for another host.
workers = int(env.get("WEB_CONCURRENCY", "5"))
worker_class = "sync"

# A request that takes 30 s is stuck (a page renders in well under a second, a
# search gives up on the engine after 2 s): the worker is killed and replaced
# rather than left hanging, and the client gets a 502 from the proxy. Uploads
# (25 MB at most) arrive through the proxy, which buffers them first.
timeout = int(env.get("GUNICORN_TIMEOUT", "30"))
# On a restart or SIGTERM, requests under way get this long to finish.
graceful_timeout = int(env.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Keep-alive connections come from the proxy only: a few seconds suffices.
keepalive = 5

# Each worker is replaced after about this many requests, so that memory held by
# a long-lived process (image renditions, PDF extraction, caches of the Python
# libraries) is given back; the jitter keeps the workers from restarting together.
max_requests = int(env.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(env.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

# Which peers may set X-Forwarded-Proto (gunicorn's wsgi.url_scheme). It follows
# TRUSTED_PROXY_COUNT, the number of proxies the application believes in
# X-Forwarded-For (hub/client_address.py): with none, no peer is believed; with
# some, those at FORWARDED_ALLOW_IPS (gunicorn's own variable; comma-separated
# addresses or networks), by default the loopback, i.e. a proxy on this host.
# Django decides HTTPS from the same header (SECURE_PROXY_SSL_HEADER in
# hub/settings/production.py): the application must be reachable through the
# proxies only, which the loopback bind above ensures.
if int(env.get("TRUSTED_PROXY_COUNT", "0").strip() or "0") > 0:
    forwarded_allow_ips = env.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
else:
    forwarded_allow_ips = ""

# No control socket (gunicornc, in $HOME by default): restarts and reloads go
# through the service manager's signals, and two instances would share the path.
control_socket_disable = True

# Logs: gunicorn's own (start, workers, timeouts) and the access log, one JSON
# object per line to stderr, as the application's (hub/structured_logs.py).
# Each request: time, level, logger "gunicorn.access", message, remote_addr,
# forwarded_for, method, path (never the query string), status, bytes,
# duration_ms (request time), user_agent.
accesslog = None  # the handler below, not gunicorn's default one on stdout
access_log_format = "%(m)s %(U)s %(s)s %(M)sms"
loglevel = env.get("LOG_LEVEL", "info").lower()
_stderr = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "hub.structured_logs.JsonFormatter"},
        "access": {"()": "hub.structured_logs.AccessFormatter"},
    },
    "handlers": {
        "error": {**_stderr, "formatter": "json"},
        "access": {**_stderr, "formatter": "access"},
    },
    "root": {"handlers": ["error"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "propagate": False},
    },
}
