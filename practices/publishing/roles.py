"""The programme's roles as Django groups, and what each may do where.

Idempotent: ``setup_roles`` (and ``load_demo``) call ``ensure_roles`` after the
vocabularies are loaded; running it again only adds what is missing and resets
each group's permissions to what is written here, so this file is the single
description of the permission policy (README, "Rôles").
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
)

from documents.access import PROGRAMME_KEY, PROGRAMME_PRIVATE_KEY, SHARED_KEY
from hub import keys
from hub.localize import in_french

from .. import content_types
from ..models import (
    CommuneSectionPage,
)
from ..models.roles import EDITOR, REVIEWER, CommuneRole
from .sections import ensure_sections
from .workflows import ensure_workflows

COORDINATORS = _("Coordination du programme")
TRANSLATORS = _("Traduction")
TRAINERS = _("Formation")
PARTNERS = _("Membres partenaires")
SHARED_COLLECTION = _("Modèles partagés")
PROGRAMME_COLLECTION = _("Documents du programme")
PRIVATE_SUFFIX = _("réservé aux partenaires")
# The objects below are found by these keys (hub.keys), never by their names,
# which are French and may be changed in the admin.
GROUPS = {
    "coordinators": COORDINATORS,
    "translators": TRANSLATORS,
    "trainers": TRAINERS,
    "partners": PARTNERS,
}
PARTNERS_KEY = "collection:partners"

PAGE_ALL = ["add_page", "change_page", "publish_page", "bulk_delete_page"]
PAGE_ALL += ["lock_page", "unlock_page"]
DOCS = ["add_document", "change_document", "choose_document"]
IMAGES = ["add_image", "change_image", "choose_image"]
VOCABULARIES = ["region", "commune", "partnership", "theme", "targetpublic"]
VOCABULARIES += ["documentkind", "contact"]


group_name = in_french  # groups and collections are named in French


def group_key(role):
    """The key of a fixed group: "coordinators" → "group:coordinators"."""
    return f"group:{role}"


def commune_collection_key(commune, private=False):
    """The key of a commune's collection (or of its private child): the
    commune's translation key, shared by its French and Arabic versions."""
    kind = "commune-private" if private else "commune"
    return f"collection:{kind}:{commune.translation_key}"


def commune_group_name(commune, role):
    suffix = in_french(_("rédaction") if role == EDITOR else _("relecture"))
    return f"{commune.name} — {suffix}"


@transaction.atomic
def ensure_roles():
    """On the site skeleton (``home.site_structure.ensure_site``, which
    ``setup_roles`` runs first): groups, sections, collections and their
    permissions; returns the groups by key: "coordinators", "translators",
    "trainers", "partners", and ("editor"|"reviewer", commune slug)."""
    sections = ensure_sections()
    homes = _homes()
    root = Collection.get_first_root_node()
    groups = {key: _group(key, label) for key, label in GROUPS.items()}
    shared = _collection(SHARED_KEY, root, group_name(SHARED_COLLECTION))
    members = [groups["coordinators"], groups["partners"]]
    private = [_collection(PARTNERS_KEY, root, group_name(PARTNERS))]
    # The programme page's documents (public on purpose, documents.access),
    # with a child for those reserved to partners; the coordination's rights
    # on the root cover both.
    programme = _collection(PROGRAMME_KEY, root, group_name(PROGRAMME_COLLECTION))
    private.append(
        _collection(
            PROGRAMME_PRIVATE_KEY,
            programme,
            f"{group_name(PROGRAMME_COLLECTION)} — {group_name(PRIVATE_SUFFIX)}",
        )
    )

    _reset(groups["coordinators"])
    for home in homes.values():
        _pages(groups["coordinators"], home, PAGE_ALL)
    _collections(groups["coordinators"], root, DOCS + IMAGES)
    _model_perms(
        groups["coordinators"],
        [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")]
        + [("auth", p) for p in ("add_user", "change_user", "delete_user")]
        + [
            ("programme", f"{a}_{m}")
            for m in VOCABULARIES
            for a in ("add", "change", "delete")
        ]
        + [("hubsearch", f"{a}_glossaryentry") for a in ("add", "change", "delete")]
        # The programme page's useful links (portal, named by label only).
        + [("portal", f"{a}_usefullink") for a in ("add", "change", "delete")]
        # Wagtail's promotion views ask for the SearchPromotion model's
        # rights, not Query's (wagtail/contrib/search_promotions/views).
        + [
            ("wagtailsearchpromotions", f"{a}_searchpromotion")
            for a in ("add", "change", "delete")
        ],
    )

    _reset(groups["translators"])
    _pages(groups["translators"], homes["ar"], ["change_page"])
    _collections(
        groups["translators"],
        root,
        ["choose_document", "choose_image"],
    )
    _model_perms(
        groups["translators"],
        [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")],
    )

    _reset(groups["trainers"])
    for model in (k.index_model for k in content_types.registered() if k.trainers_edit):
        for index in model.objects.all():
            _pages(groups["trainers"], index, ["add_page", "change_page"])
    _collections(groups["trainers"], shared, DOCS + IMAGES)
    _model_perms(groups["trainers"], [("wagtailadmin", "access_admin")])

    _reset(groups["partners"])

    for key, section in sections.items():
        if key is None:
            continue
        commune = section.commune
        collection = commune_collection(commune)
        private.append(
            _collection(
                commune_collection_key(commune, private=True),
                collection,
                f"{commune.name} — {group_name(PRIVATE_SUFFIX)}",
            )
        )
        for role in (EDITOR, REVIEWER):
            group = _commune_group(commune, role)
            groups[(role, commune.slug)] = group
            members.append(group)
            _reset(group)
            rights = ["add_page", "change_page"] if role == EDITOR else ["change_page"]
            for translated in CommuneSectionPage.objects.filter(
                translation_key=section.translation_key
            ):
                _pages(group, translated, rights)
            if role == EDITOR:
                _collections(group, collection, DOCS + IMAGES)
            else:
                _collections(group, collection, ["choose_document", "choose_image"])
            _collections(group, shared, ["choose_document", "choose_image"])
            _model_perms(group, [("wagtailadmin", "access_admin")])
    members += [groups["translators"], groups["trainers"]]
    for collection in private:
        _restrict(collection, members)
    ensure_workflows(groups["coordinators"])
    return groups


def _homes():
    """The home page of each language: the default site's root and its
    translations (made by the site skeleton, ``home.site_structure``, which the
    commands run first)."""
    root = Site.objects.get(is_default_site=True).root_page
    pages = root.get_translations(inclusive=True).select_related("locale")
    return {page.locale.language_code: page for page in pages}


def _commune_group(commune, role):
    existing = CommuneRole.objects.filter(commune=commune, role=role).first()
    if existing is not None:
        return existing.group
    group, _created = Group.objects.get_or_create(
        name=commune_group_name(commune, role)
    )
    CommuneRole.objects.create(group=group, commune=commune, role=role)
    return group


def _group(key, label):
    """The group of ``key``; the first time, the one named ``label`` in French
    (made before the keys were) or a new one."""
    name = group_name(label)
    return keys.ensure(
        Group, group_key(key), lambda: Group.objects.get_or_create(name=name)[0]
    )


def commune_collection(commune):
    """The collection of ``commune``'s documents (named after it in French);
    the share form stores the files it receives there."""
    return _collection(
        commune_collection_key(commune),
        Collection.get_first_root_node(),
        commune.name,
    )


def _collection(key, parent, name):
    """The collection of ``key``; the first time, the child of ``parent``
    named ``name`` (made before the keys were) or a new one."""

    def create():
        existing = parent.get_children().filter(name=name).first()
        return existing or parent.add_child(name=name)

    return keys.ensure(Collection, key, create)


def _reset(group):
    group.permissions.clear()
    GroupPagePermission.objects.filter(group=group).delete()
    GroupCollectionPermission.objects.filter(group=group).delete()


def _pages(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def _collections(group, collection, codenames):
    for codename in codenames:
        app = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label=app, codename=codename
            ),
        )


def _model_perms(group, pairs):
    for app_label, codename in pairs:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def _restrict(collection, groups):
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection,
        defaults={"restriction_type": CollectionViewRestriction.GROUPS},
    )
    restriction.restriction_type = CollectionViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set(groups)
