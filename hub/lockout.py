"""The page shown to a locked-out login (django-axes' ``AXES_LOCKOUT_CALLABLE``):
what happened, how long to wait and whom to ask, in the visitor's language —
instead of axes' bare one-line response."""

from axes.helpers import get_cool_off
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(
        request,
        "lockout.html",
        {"minutes": minutes},
        status=429,  # Too Many Requests
    )
