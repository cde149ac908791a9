"""What alerts keep about a member, for « Télécharger mes données », and the
expiry of the sent-alert records (``purge_personal_data``), both registered
with ``hub.personal_data`` (alerts/apps.py)."""

from datetime import timedelta

from django.conf import settings

from .models import Follow, SentAlert


def member_follows(user):
    return {
        "follows": [
            {
                "kind": follow.kind,
                "value": follow.value,
                "language": follow.language,
                "frequency": follow.frequency,
                "created_at": follow.created_at.isoformat(),
            }
            for follow in Follow.objects.filter(user=user)
        ],
        "sent": [
            {
                "page": page_id,
                "published_at": at.isoformat(),
                "sent_at": sent.isoformat(),
            }
            for page_id, at, sent in SentAlert.objects.filter(user=user)
            .order_by("sent_at")
            .values_list("page_id", "published_at", "sent_at")
        ],
    }


def purge_sent_records(now):
    """Records older than the retention; a digest looks back less far
    (``matching.LOOKBACK``), so nothing erased could be sent again."""
    limit = now - timedelta(days=settings.ALERTS_SENT_RETENTION_DAYS)
    return SentAlert.objects.filter(sent_at__lt=limit).delete()[0]
