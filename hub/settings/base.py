"""Settings shared by every environment.

This is the only settings module that reads ``os.environ``: the others derive from
the values computed here, so every knob is documented in one place (see README).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hub.search_backends import search_backends
from hub.structured_logs import logging_config
from hub.task_backends import tasks_setting

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

ENV = os.environ

# Secrets and hosts have no defaults here: dev.py supplies harmless ones and
# production.py refuses to start without them.
SECRET_KEY = ENV.get("DJANGO_SECRET_KEY", "")
# A secret key in the environment means production variables: development
# settings refuse to start with it (dev.py), and load_demo never creates the
# demo accounts (admin/changeme) then, whatever the settings module.
SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
# Rotation (SECURITY.md): the previous keys, comma-separated, still verify the
# sessions, password-reset links and signed values made with them until removed.
SECRET_KEY_FALLBACKS = [
    k.strip()
    for k in ENV.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",")
    if k.strip()
]
ALLOWED_HOSTS = [
    h.strip() for h in ENV.get("ALLOWED_HOSTS", "").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in ENV.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
DATABASE_URL = ENV.get("DATABASE_URL", "")
SEARCH_BACKEND = ENV.get("SEARCH_BACKEND", "database")
SEARCH_URL = ENV.get("SEARCH_URL", "")
SEARCH_INDEX = ENV.get("SEARCH_INDEX", "passerelle")
CACHE_URL = ENV.get("CACHE_URL", "")
# Background work (hub/task_backends.py): "immediate" or "database"; empty, the
# settings module's default (immediate here and in dev, database in production).
TASKS_BACKEND = ENV.get("TASKS_BACKEND", "").strip().lower()
# Reverse proxies in front of the application (hub/client_address.py): the client
# is the N-th address from the right of X-Forwarded-For; 0: REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = ENV.get("TRUSTED_PROXY_COUNT", "0").strip() or "0"
if not TRUSTED_PROXY_COUNT.isascii() or not TRUSTED_PROXY_COUNT.isdigit():
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT must be a whole number of proxies (0: none)."
    )
TRUSTED_PROXY_COUNT = int(TRUSTED_PROXY_COUNT)
# Logs go to stderr (hub/structured_logs.py): one JSON object per line unless
# LOG_FORMAT=text; development (dev.py) defaults to text.
LOG_FORMAT = ENV.get("LOG_FORMAT", "").strip().lower()
LOG_LEVEL = ENV.get("LOG_LEVEL", "").strip().upper() or "INFO"
SITE_BASE_URL = ENV.get("SITE_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = ENV.get("DEFAULT_FROM_EMAIL", "Passerelle <passerelle@localhost>")

INSTALLED_APPS = [
    "hub",
    "home",
    "portal",
    "programme",
    "documents",
    "practices",
    "search",
    "opendata",
    "results",  # « Les résultats en chiffres » (issue #15)
    "alerts",  # follows and e-mail digests (issue #16)
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",  # the open data's licence (opendata/models.py)
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, group names in the reader's language.
    "practices.publishing.users_app.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    # The database task backend's table, in every installation so that its
    # migrations always exist; inert while TASKS is the immediate backend.
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # its sitemap.xml template (hub/sitemap.py)
    # The read API (search/read_api.py). Last: Django reads the catalogues of
    # the apps listed first first, and DRF's would rename Wagtail's and
    # Django's own messages (« Ce champ est obligatoire. » for « Champ requis. »).
    "wagtail.api.v2",
    "rest_framework",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, the policy chosen by kind of
    # response (public site, admin, not HTML): hub/content_security.py.
    "hub.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A request that meets the database restarting waits and runs again (safe
    # methods) or gets a 503 page, never a 500: hub/database_outage.py.
    "hub.database_outage.DatabaseOutageMiddleware",
    # HTML and JSON gzipped for slow connections, BREACH mitigated: hub/compression.py.
    # 304 Not Modified from the ETag/Last-Modified of any page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous pages from the shared cache, before anything reads the session
    # or the database; pages stored compressed: hub/page_cache.py.
    "hub.page_cache.PageCacheMiddleware",
    "hub.compression.CompressTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, without its redirect of the JSON APIs' 404s (hub/locale_redirects.py)
    "hub.locale_redirects.HubLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Workflow e-mails link to the address the request came to
    # (practices/publishing/request_origin.py), not to a default.
    "practices.publishing.request_origin.RequestOriginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Media storage (S3) down: a 503 page, never a 500 (hub/storage_errors.py).
    "hub.storage_errors.StorageUnavailableMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A translator refused a French page is pointed to « Pages à traduire »
    # (practices/publishing/translator_refusal.py).
    "practices.publishing.translator_refusal.TranslatorRefusalMiddleware",
    # An editor refused their commune's section is told to add a practice
    # under it (practices/publishing/section_refusal.py).
    "practices.publishing.section_refusal.SectionRefusalMiddleware",
    # Last, as django-axes asks: turns a lock-out into our lock-out page.
    "axes.middleware.AxesMiddleware",
]

# How long a safe request waits for a database that went away mid-request
# (a restart takes about a second) before it gets the 503 page.
DATABASE_OUTAGE_WAIT = 10

# Tags typed with the Arabic comma or semicolon are split there too (hub.tag_parsing).
TAGGIT_TAGS_FROM_STRING = "hub.tag_parsing.parse_tags"

# The anonymous full-page cache (hub/page_cache.py): off unless PAGE_CACHE_SECONDS
# is set (production sets it); the pages' content version is bumped by the
# changes of these apps and models (hub/page_cache_invalidation.py) besides the
# pages' own publish, unpublish, move and delete.
PAGE_CACHE_SECONDS = 0
PRODUCTION_PAGE_CACHE_SECONDS = int(ENV.get("PAGE_CACHE_SECONDS", "600") or 0)
PAGE_CACHE_PROXY_SECONDS = int(ENV.get("PAGE_CACHE_PROXY_SECONDS", "0") or 0)
# A CDN or caching proxy in front (README, "Caching"): Wagtail's front-end cache
# invalidator sends it a PURGE for each page published, unpublished or moved.
FRONTEND_CACHE_PURGE_URL = ENV.get("FRONTEND_CACHE_PURGE_URL", "").strip()
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
PAGE_CACHE_CHANGED_BY = [
    "programme",  # regions, communes, partnerships, themes, publics, kinds
    "portal",  # useful links (issue #15)
    "documents.HubDocument",
    "documents.DocumentVersion",
    "documents.DocumentThumbnail",
    "documents.HubImage",
    "hubsearch.GlossaryEntry",
    "wagtailsearchpromotions.SearchPromotion",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.Collection",
    "wagtailcore.Locale",
    "wagtailcore.Site",
    "taggit.Tag",
]
# Never from or into the cache: the admin, documents (their own access rules),
# the language switch, and the forms of members, sharing, adapting, contacting,
# passwords.
PAGE_CACHE_EXEMPT = [
    r"^/(admin|documents|i18n)/",
    r"^/[a-z]{2}/(compte|partager|adapter|contact|_util)/",
]

LOGGING = logging_config(LOG_FORMAT or "json", LOG_LEVEL)
LOGGING_CONFIG = "hub.structured_logs.configure"

ROOT_URLCONF = "hub.urls"
# What /readyz checks (hub/health.py), each by name and dotted path — by string,
# as the URLconf names the apps: hub imports none of them. A check that raises
# makes the site not ready (503); the engine's only reports "degraded".
READINESS_CHECKS = {
    "database": "hub.health.check_database",
    "cache": "hub.health.check_cache",
    "storage": "hub.health.check_storage",
    "engine": "search.health.check_engine",
    "tasks": "hub.task_health.check_task_queue",
}
# /readyz says "degraded" when a task has been ready to run for longer than this:
# no worker is taking them (hub/task_health.py).
TASK_QUEUE_MAX_WAIT = timedelta(minutes=5)
# Tasks run inside enqueue() unless TASKS_BACKEND=database (production's default).
TASKS = tasks_setting(TASKS_BACKEND or "immediate")
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        # A kept connection is checked before a request uses it: after a
        # PostgreSQL restart each worker reconnects instead of failing once.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's Redis cache takes redis://, rediss:// (TLS) and unix:// (a socket).
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # Cache operations take milliseconds: an unreachable or hung Redis
            # fails a request (and /readyz) within a second, instead of holding
            # a worker until gunicorn kills it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}", "OPTIONS": options}
    for name, options in (
        ("UserAttributeSimilarityValidator", {}),
        # Length rather than composition rules: a passphrase is easy to remember.
        ("MinimumLengthValidator", {"min_length": 12}),
        ("CommonPasswordValidator", {}),
        ("NumericPasswordValidator", {}),
    )
]

# Password guessing (django-axes): 5 failures for one username from one address
# lock that pair out for 15 minutes, on the admin and the member login alike
# (both authenticate through these backends); a success clears the count.
AUTHENTICATION_BACKENDS = [
    "hub.auth_backends.LoginThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# How long personal records are kept before `purge_personal_data` (run daily:
# docs/operations.md) erases them; the privacy notice quotes these figures.
SIGN_IN_RECORDS_RETENTION_DAYS = int(ENV.get("SIGN_IN_RECORDS_RETENTION_DAYS", "90"))
SEARCH_QUERIES_RETENTION_DAYS = int(ENV.get("SEARCH_QUERIES_RETENTION_DAYS", "365"))
# Alerts (alerts/): the record of what was sent to whom, kept this long so that
# nothing goes twice (a digest looks back 30 days at most, alerts/matching.py).
ALERTS_SENT_RETENTION_DAYS = int(ENV.get("ALERTS_SENT_RETENTION_DAYS", "90"))
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hub.lockout.lockout_response"
# The client's address behind TRUSTED_PROXY_COUNT proxies, not the proxy's.
AXES_CLIENT_IP_CALLABLE = "hub.client_address.client_address"
# Private pages and the share form send visitors to the member login (in their
# language), not to the admin's.
LOGIN_URL = "member-login"
WAGTAIL_FRONTEND_LOGIN_URL = "member-login"

# Internationalisation: French is the source language, Arabic is right-to-left.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("ar", "العربية")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The read API (/api/v2/, search/read_api.py): a harvester takes 100 items a call.
WAGTAILAPI_LIMIT_MAX = 100
# The admin sign-in form with its password label translated (hub/admin_login.py).
WAGTAILADMIN_USER_LOGIN_FORM = "hub.admin_login.LabelledLoginForm"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(ENV.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Media on S3-compatible object storage (hub/media_storage.py) when a bucket is
# named, which several app servers need; otherwise on this machine's disk. The
# bucket must exist and stay private: the site serves every file itself, after
# its privacy rules (MEDIA_URL, never a bucket URL). Credentials: boto3's own
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a profile, an instance role).
MEDIA_S3_BUCKET = ENV.get("MEDIA_S3_BUCKET", "").strip()
MEDIA_S3_ENDPOINT_URL = ENV.get("MEDIA_S3_ENDPOINT_URL", "").strip()
MEDIA_S3_REGION = ENV.get("MEDIA_S3_REGION", "").strip() or "us-east-1"
# A key prefix inside the bucket ("" = its top): a bucket shared with other uses.
MEDIA_S3_LOCATION = ENV.get("MEDIA_S3_LOCATION", "").strip().strip("/")
if MEDIA_S3_BUCKET:
    MEDIA_STORAGE = {
        "BACKEND": "hub.media_storage.PrivateMediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": MEDIA_S3_ENDPOINT_URL or None,  # None: AWS itself
            "region_name": MEDIA_S3_REGION,
            "location": MEDIA_S3_LOCATION,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Passerelle"
# No third-party host sees who uses the admin: no Gravatar (it would receive a
# hash of each editor's e-mail), no version check against wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
# Workflow e-mails (submitted, approved, changes requested) link to the admin
# at WAGTAILADMIN_BASE_URL and come from this address.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILDOCS_DOCUMENT_MODEL = "documents.HubDocument"
WAGTAILIMAGES_IMAGE_MODEL = "documents.HubImage"
WAGTAILDOCS_EXTENSIONS = [
    "docx",
    "odt",
    "ods",
    "pdf",
    "xlsx",
    "pptx",
    "odp",
    "csv",
    "txt",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(ENV.get("UPLOAD_MAX_BYTES", 25 * 1024 * 1024))
# Documents are always served by Django (never a bare media URL) so that the
# privacy rules and Content-Disposition: attachment always apply.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The database backend of the current vendor (SQLite FTS5 or PostgreSQL) with our
# French+Arabic analysis applied in Python (search/backends/). PostgreSQL only
# splits on "simple": our analysis already folds and stems; SQLite ignores it.
# The database backend applies our French/Arabic analysis (search/backends/); with an
# engine it stays configured as the fallback that answers when the engine is down.
WAGTAILSEARCH_BACKENDS = search_backends(
    SEARCH_BACKEND,
    SEARCH_URL,
    "search.backends.database",
    index=SEARCH_INDEX,
    database_options={"SEARCH_CONFIG": "simple"},
)
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# A new translation starts as a draft, even of a live page: it is published once
# translated and approved (translation workflow), never untranslated at once.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_PASSWORD_RESET_ENABLED = True

TRANSLATED_LANGUAGE_NAMES = {"fr": _("Français"), "ar": _("Arabe")}

# Uploads are checked for what they really are (documents/uploads): these form
# bases run the checks in the admin's single and multiple uploads and in the edit
# view, so a renamed executable, a macro file or a zip bomb is never stored.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.uploads.forms.HubDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "documents.uploads.forms.HubImageForm"
