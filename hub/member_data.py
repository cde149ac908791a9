"""What the hub keeps about one member, as they may download it (GDPR art. 15
and 20; Moroccan law 09-08, art. 7): their account, their groups, the pages
they own and the versions they wrote, their comments, and the recorded
attempts to sign in under their user name. Built from the tables themselves,
so that nothing kept is left out of the copy."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from wagtail.models import Comment, Page, Revision

from . import personal_data


def _moment(value):
    return value.isoformat() if value else None


def member_data(user):
    pages = Page.objects.filter(owner=user).order_by("pk")
    revisions = Revision.objects.filter(user=user).order_by("created_at")
    attempts = [
        *AccessLog.objects.filter(username=user.get_username()).values(
            "attempt_time", "ip_address", "user_agent"
        ),
        *AccessFailureLog.objects.filter(username=user.get_username()).values(
            "attempt_time", "ip_address", "user_agent"
        ),
        *AccessAttempt.objects.filter(username=user.get_username()).values(
            "attempt_time", "ip_address", "user_agent"
        ),
    ]
    return {
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _moment(user.date_joined),
            "last_login": _moment(user.last_login),
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "pages_owned": [
            {"id": page.pk, "title": page.title, "live": page.live, "url": page.url}
            for page in pages
        ],
        "versions_written": [
            {
                "page_or_object": revision.object_str,
                "created_at": _moment(revision.created_at),
            }
            for revision in revisions
        ],
        "comments": [
            {"text": comment.text, "created_at": _moment(comment.created_at)}
            for comment in Comment.objects.filter(user=user).order_by("created_at")
        ],
        "sign_in_records": sorted(
            (
                {
                    "time": _moment(row["attempt_time"]),
                    "address": row["ip_address"],
                    "browser": row["user_agent"],
                }
                for row in attempts
            ),
            key=lambda row: row["time"] or "",
        ),
        # What the apps above hub keep (alerts: follows, sent alerts).
        **personal_data.collected(user),
    }
