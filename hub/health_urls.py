"""``/healthz`` and ``/readyz`` (hub/health.py): no language prefix, before
Wagtail's catch-all."""

from django.urls import path

from hub import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
