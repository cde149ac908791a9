"""Who may see a page, a document or an image, in the exchange format.

A page's view restrictions, and a document's or an image's collection
restrictions (its collection or an ancestor), are written as one value:

* ``"public"``: no restriction;
* ``"login"``: any logged-in user;
* ``"partners"``: the programme's groups, as the « réservé aux partenaires »
  collections allow them (``publishing.roles``: coordination, partner members,
  translators, trainers, every commune's editors and reviewers);
* ``{"groups": ["partners", "editor:tanger", …]}``: some of those groups, by
  stable key (``coordinators``, ``translators``, ``trainers``, ``partners``,
  ``editor:<commune slug>``, ``reviewer:<commune slug>``), never by display
  name, which is French and editable;
* ``"password"``: a shared password. The password itself is never exported,
  and an import refuses the value: who may see that page is the operator's
  decision (write another visibility in the file, import, then set a password
  again in the admin), never a guess that could open it to more people.

Several restrictions (a page and its ancestor, say) all apply: the value
written is one that lets no one in whom one of them refuses (the groups common
to all, a password before anything else). A group without a stable key (made in
the admin) is left out of the list, so that the imported page is seen by fewer
people, never by more; the export names it (``unnamed``).
"""

import json
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)

from hub import keys

from ..models.roles import CommuneRole
from ..publishing.roles import GROUPS, group_key

PUBLIC = "public"
LOGIN = "login"
PARTNERS_ONLY = "partners"
PASSWORD = "password"
LEVELS = (PUBLIC, LOGIN, PARTNERS_ONLY)
# What a restriction model restricts.
TARGET_FIELD = {PageViewRestriction: "page", CollectionViewRestriction: "collection"}


class GroupKeys:
    """The programme's groups by stable key and back (read once)."""

    def __init__(self):
        by_key = {group_key(key): key for key in GROUPS}
        self.key_of = {pk: by_key[key] for key, pk in keys.ids(Group, *by_key).items()}
        for group_id, role, slug in CommuneRole.objects.values_list(
            "group_id", "role", "commune__slug"
        ):
            self.key_of[group_id] = f"{role}:{slug}"
        self.id_of = {key: pk for pk, key in self.key_of.items()}
        self.unnamed = set()  # names of groups left out of an exported value

    @property
    def audience(self):
        """The keys a « réservé aux partenaires » collection allows."""
        return frozenset(self.id_of)

    def names(self, group_ids):
        return sorted(
            Group.objects.filter(pk__in=group_ids).values_list("name", flat=True)
        )


@dataclass(frozen=True)
class Rule:
    """One restriction: its type and, for "groups", the groups it allows."""

    path: str
    type: str
    group_ids: frozenset = field(default_factory=frozenset)


def rules_of(model):
    """Every restriction of ``model`` (page or collection restrictions) as
    ``Rule``s, in one query."""
    target = TARGET_FIELD[model]
    found = {}
    for pk, path, kind, group_id in model.objects.values_list(
        "pk", f"{target}__path", "restriction_type", "groups"
    ):
        path, kind, groups = found.setdefault(pk, (path, kind, set()))
        if group_id is not None:
            groups.add(group_id)
    return [Rule(p, k, frozenset(g)) for p, k, g in found.values()]


def covering(rules, path):
    """The rules on the node at ``path`` or one of its ancestors."""
    return [rule for rule in rules if path.startswith(rule.path)]


def value_of(rules, keys):
    """The exchange value of ``rules`` that all apply together (module doc)."""
    if not rules:
        return PUBLIC
    types = {rule.type for rule in rules}
    if BaseViewRestriction.PASSWORD in types:
        return PASSWORD
    group_sets = [r.group_ids for r in rules if r.type == BaseViewRestriction.GROUPS]
    if not group_sets:
        return LOGIN
    allowed = frozenset.intersection(*group_sets)
    if unnamed := allowed - set(keys.key_of):
        keys.unnamed.update(keys.names(unnamed))
    named = sorted(keys.key_of[pk] for pk in allowed if pk in keys.key_of)
    if named and set(named) == keys.audience:
        return PARTNERS_ONLY
    return {"groups": named}


def page_value(page, keys, rules=None):
    """The visibility of ``page`` (its restrictions and its ancestors')."""
    if rules is None:
        rules = rules_of(PageViewRestriction)
    return value_of(covering(rules, page.path), keys)


def check(value, keys):
    """The clean visibility of a record's value; ValueError says what is wrong."""
    if value == PASSWORD:
        raise ValueError(
            _(
                "« password » : le mot de passe n'est jamais exporté ; écrivez "
                "la visibilité voulue (public, login, partners ou "
                '{"groups": […]}), importez, puis remettez un mot de passe dans '
                "l'administration"
            )
        )
    if value == PARTNERS_ONLY and not keys.audience:
        raise ValueError(
            _(
                "« partners » : aucun groupe du programme sur le site "
                "(lancez d'abord « manage.py setup_roles »)"
            )
        )
    if value in LEVELS:
        return value
    if isinstance(value, dict) and set(value) == {"groups"}:
        groups = value["groups"]
        if not isinstance(groups, list) or not all(isinstance(k, str) for k in groups):
            raise ValueError(_("« groups » : liste de clés de groupes attendue"))
        unknown = sorted(set(groups) - keys.audience)
        if unknown:
            raise ValueError(
                _(
                    "groupe(s) inconnu(s) : %s (clés : coordinators, translators, "
                    "trainers, partners, editor:<commune>, reviewer:<commune>)"
                )
                % ", ".join(unknown)
            )
        return {"groups": sorted(set(groups))}
    shown = json.dumps(value, ensure_ascii=False)[:80]
    raise ValueError(
        _(
            "visibilité inconnue %s (attendu : public, login, partners "
            'ou {"groups": […]})'
        )
        % shown
    )


def restrict(model, target, value, keys):
    """Give ``target`` (a page or a collection) its own restriction for
    ``value``, replacing the one it had."""
    on_target = {TARGET_FIELD[model]: target}
    for restriction in model.objects.filter(**on_target):
        restriction.delete()  # one by one: Wagtail logs each removal
    if value == PUBLIC:
        return
    if value == LOGIN:
        model.objects.create(restriction_type=BaseViewRestriction.LOGIN, **on_target)
        return
    group_keys = keys.audience if value == PARTNERS_ONLY else value["groups"]
    restriction = model.objects.create(
        restriction_type=BaseViewRestriction.GROUPS, **on_target
    )
    restriction.groups.set([keys.id_of[key] for key in group_keys])


def set_page_visibility(page, value, keys):
    """Make ``page`` visible as ``value`` says, unless it already is (an
    ancestor's restriction may say it: nothing is added then). A restriction
    on an ancestor is never lifted: the page stays as private as its section."""
    if page_value(page, keys) != value:
        restrict(PageViewRestriction, page, value, keys)


class Collections:
    """The collection that gives a stored document or image a visibility: the
    root for public ones; otherwise the shallowest collection already that
    private (the « réservé aux partenaires » one for "partners"), or a new one
    under the root."""

    def __init__(self, keys):
        self.keys = keys
        self._rules = None

    def rules(self):
        if self._rules is None:
            self._rules = rules_of(CollectionViewRestriction)
        return self._rules

    def value_of(self, collection):
        return value_of(covering(self.rules(), collection.path), self.keys)

    def for_value(self, value):
        root = Collection.get_first_root_node()
        if value in (None, PUBLIC):
            return root
        for collection in Collection.objects.order_by("depth", "path"):
            if self.value_of(collection) == value:
                return collection
        collection = root.add_child(name=self._name(value))
        restrict(CollectionViewRestriction, collection, value, self.keys)
        self._rules = None
        return collection

    def _name(self, value):
        """A French name (stored names are the source language's); only shown,
        never looked up: the restriction is what finds the collection."""
        with override("fr"):
            if value == LOGIN:
                return _("Import — réservé aux personnes connectées")
            if value == PARTNERS_ONLY:
                return _("Import — réservé aux partenaires")
            ids = [self.keys.id_of[key] for key in value["groups"]]
            return _("Import — réservé à : %s") % ", ".join(self.keys.names(ids))
