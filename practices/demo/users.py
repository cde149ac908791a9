"""One demonstration account per role, for two communes (DEBUG only; README
"Rôles"). Every account but the partner member's also belongs to the partner
members' group: programme staff see partners-only material."""

from django.contrib.auth import get_user_model

DEMO_COMMUNES = ("tanger", "figuig")


def demo_accounts():
    """(username, first name, group keys) for every demonstration account."""
    accounts = [
        ("coordination", "Coordination", ["coordinators", "partners"]),
        ("traduction", "Traduction", ["translators", "partners"]),
        ("formation", "Formation", ["trainers", "partners"]),
        ("partenaire", "Partenaire", ["partners"]),
    ]
    for slug in DEMO_COMMUNES:
        accounts += [
            (f"{slug}.redaction", slug.title(), [("editor", slug), "partners"]),
            (f"{slug}.relecture", slug.title(), [("reviewer", slug), "partners"]),
        ]
    return accounts


def create_demo_users(groups, password):
    """Create the missing accounts (existing ones keep their password) and put
    every account in its groups; returns the usernames."""
    User = get_user_model()
    names = []
    for username, first_name, keys in demo_accounts():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(*(groups[key] for key in keys))
        names.append(username)
    return names
