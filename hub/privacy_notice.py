"""« Protection des données personnelles »: what the hub keeps, why, for how
long and whom to ask, in both languages — with the retention periods the
purge command applies (settings), so that the notice cannot say one thing
while the site does another."""

from django.conf import settings
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET


@require_GET
def privacy_notice(request):
    return render(
        request,
        "privacy_notice.html",
        {
            "sign_in_days": settings.SIGN_IN_RECORDS_RETENTION_DAYS,
            "query_days": settings.SEARCH_QUERIES_RETENTION_DAYS,
            "alerts_days": settings.ALERTS_SENT_RETENTION_DAYS,
        },
    )


urlpatterns = [path("", privacy_notice, name="privacy-notice")]
