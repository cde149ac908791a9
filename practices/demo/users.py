"""One demonstration account per role, for two communes (DEBUG only; README
"Rôles"). Every account but the partner member's also belongs to the partner
members' group: programme staff see partners-only material.

Each account is a person, with a first and a last name: the admin's history,
comments and e-mails name people (the two Tanger accounts must not both read
« Tanger »), and Wagtail's account form requires both names before it saves
anything else, such as the admin's language. The role shows in the groups."""

from django.contrib.auth import get_user_model

DEMO_COMMUNES = ("tanger", "figuig")
# The development superuser (``load_demo --demo-users``, home/…/load_demo.py).
ADMIN_NAME = ("Amine", "Chraibi")

# Commune accounts: (editor's name, reviewer's name) by commune.
COMMUNE_PEOPLE = {
    "tanger": (("Salma", "Bennani"), ("Omar", "Tazi")),
    "figuig": (("Fatima Zahra", "Ouali"), ("Hassan", "Berrada")),
}


def demo_accounts():
    """(username, (first name, last name), group keys) for every
    demonstration account."""
    accounts = [
        ("coordination", ("Karima", "El Idrissi"), ["coordinators", "partners"]),
        ("traduction", ("Youssef", "Amrani"), ["translators", "partners"]),
        ("formation", ("Marc", "Lambert"), ["trainers", "partners"]),
        ("partenaire", ("Sophie", "Peeters"), ["partners"]),
    ]
    for slug in DEMO_COMMUNES:
        editor, reviewer = COMMUNE_PEOPLE[slug]
        accounts += [
            (f"{slug}.redaction", editor, [("editor", slug), "partners"]),
            (f"{slug}.relecture", reviewer, [("reviewer", slug), "partners"]),
        ]
    return accounts


def create_demo_users(groups, password):
    """Create the missing accounts (existing ones keep their password, and get
    their names if they had none) and put every account in its groups; returns
    the usernames."""
    User = get_user_model()
    names = []
    for username, (first_name, last_name), keys in demo_accounts():
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if created:
            user.set_password(password)
        if created or not user.last_name:
            # Accounts made before they had names: « Tanger » and no last name.
            user.first_name, user.last_name = first_name, last_name
            user.save()
        user.groups.add(*(groups[key] for key in keys))
        names.append(username)
    return names
