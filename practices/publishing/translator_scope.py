"""Translators work on translations, and see nothing else of the Arabic tree.

The translation group holds ``change_page`` on the whole Arabic home, because
Wagtail grants page rights on subtrees and wagtail-localize puts translations
anywhere in it. A right that comes from that group counts only on a page that
wagtail-localize made from another locale (a ``Translation`` targets it, as in
``hub.localize.is_translation``): on an Arabic original — a practice written in
Arabic, a section, the home — it gives nothing, not even the right to see the
page in the admin. Rights from any other group (a commune editor who also
translates) and superusers are untouched.

The rule is a page permission policy, installed the two ways Wagtail 8 reads
page permissions (wagtail/permissions.py, wagtail/models/pages.py):

* the policy registry (``register_permission_policy``, from
  ``PracticesConfig.ready``): the explorer, admin search, the admin API, the
  page chooser's draft filter (chooser_scope.py), reports and actions ask it;
* ``Page.permissions_for_user``: Wagtail's ``PagePermissionTester`` (edit,
  preview, revisions, history, move, copy, delete, lock...) reads the user's raw
  grants and their paths, not the policy's per-page answer, so each page model
  returns ``ScopedPagePermissionTester`` instead
  (practices/models/page_permissions.py), which asks the registered policy
  for the grants that reach the page (``grants_on``).

The explorer still shows the translator the way to their translations (the
home, index and section above one, as Wagtail does for the pages above a
grant), with no right on those pages and none of the originals beside.
https://docs.wagtail.org/en/stable/reference/permissions.html
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from hub import keys

# The per-request cache of the pages wagtail-localize translated, kept on the
# user object like Wagtail's own ``_page_permission_cache``.
TRANSLATIONS_CACHE = "_translated_page_ids_cache"


# The translation group, found by key (hub.keys, set by ``roles.ensure_roles``):
# renamed in the admin, its grants are still narrowed.
TRANSLATORS_KEY = "group:translators"  # roles.group_key("translators")


def translation_group():
    """The translation group as a queryset (a subquery of the callers')."""
    return keys.objects(Group, TRANSLATORS_KEY)


def is_translated():
    """A filter on pages: wagtail-localize made the page from another locale."""
    from wagtail_localize.models import Translation

    return Exists(
        Translation.objects.filter(
            source__object_id=OuterRef("translation_key"),
            target_locale_id=OuterRef("locale_id"),
        )
    )


def above_a_translation():
    """A filter on pages: a translation lies below the page (the way to it)."""
    return Exists(
        Page.objects.filter(
            is_translated(),
            path__startswith=OuterRef("path"),
            depth__gt=OuterRef("depth"),
        )
    )


def from_translation_group(grant):
    """``grant`` (from ``get_all_permissions_for_user``) is the translation
    group's: read from the flag its query adds, no query per grant."""
    return grant.from_translation_group


class TranslatorScopedPagePolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the translation group's grants narrowed to
    the pages wagtail-localize translated."""

    def get_all_permissions_for_user(self, user):
        # Which grants are narrowed: told in the same query.
        return (
            super()
            .get_all_permissions_for_user(user)
            .annotate(
                from_translation_group=Exists(
                    translation_group().filter(pk=OuterRef("group_id"))
                )
            )
        )

    def grants_on(self, user, page):
        """The user's grants that reach ``page``: those on it or above it, less
        the translation group's unless ``page`` is a translation."""
        grants = [
            grant
            for grant in self.get_cached_permissions_for_user(user)
            if page.path.startswith(grant.page.path)
        ]
        others = [grant for grant in grants if not from_translation_group(grant)]
        if len(others) < len(grants) and not self._translated(user, page):
            return others
        return grants

    def _translated(self, user, page):
        """One query per request for all the translated pages, not one per page
        (explorer listings build a tester for each row). Like Wagtail's cache of
        grants, it is not refreshed within the request: a translation made in
        it counts from the next one (wagtail-localize redirects after making
        one)."""
        if not hasattr(user, TRANSLATIONS_CACHE):
            ids = Page.objects.filter(is_translated()).values_list("pk", flat=True)
            setattr(user, TRANSLATIONS_CACHE, set(ids))
        return page.pk in getattr(user, TRANSLATIONS_CACHE)

    def _within(self, grant):
        """The pages ``grant`` reaches, as a queryset."""
        pages = self.model._default_manager.descendant_of(grant.page, inclusive=True)
        return pages.filter(is_translated()) if from_translation_group(grant) else pages

    def user_has_any_permission_for_instance(self, user, actions, instance):
        base_permission = self._base_user_has_permission(user)
        if base_permission is not None:
            return base_permission
        add = self._get_permission_codename("add")
        change = self._get_permission_codename("change")
        codenames = set()
        for grant in self.grants_on(user, instance):
            codenames.add(grant.permission.codename)
            # Wagtail: "add" lets one edit the pages one owns.
            if grant.permission.codename == add and instance.owner_id == user.pk:
                codenames.add(change)
        return bool(self._get_permission_codenames(actions) & codenames)

    def instances_user_has_any_permission_for(self, user, actions):
        base_queryset = self._base_queryset_for_user(user)
        if base_queryset is not None:
            return base_queryset
        wanted = self._get_permission_codenames(actions)
        owned_only = "change" in actions and "add" not in actions
        pages = self.model._default_manager.none()
        for grant in self.get_cached_permissions_for_user(user):
            codename = grant.permission.codename
            if codename == self._get_permission_codename("add") and owned_only:
                pages |= self._within(grant).filter(owner=user)
            elif codename in wanted:
                pages |= self._within(grant)
        return pages

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if self._base_queryset_for_user(user) is not None:
            return pages
        for grant in self.get_cached_permissions_for_user(user):
            if from_translation_group(grant):
                below = self.model._default_manager.descendant_of(
                    grant.page, inclusive=True
                )
                pages |= below.filter(above_a_translation())
        return pages

    def users_with_any_permission_for_instance(
        self, actions, instance, include_superusers=True
    ):
        """Wagtail's query, without the translation group's grants when
        ``instance`` is not a translation."""
        grants = GroupPagePermission.objects.filter(
            page__in=instance.get_ancestors(inclusive=True)
        )
        if not Page.objects.filter(pk=instance.pk).filter(is_translated()).exists():
            grants = grants.exclude(group__in=translation_group())
        codenames = self._get_permission_codenames(actions)
        q = Q(
            groups__in=grants.filter(permission__codename__in=codenames).values("group")
        )
        if include_superusers:
            q |= Q(is_superuser=True)
        if "change" in actions and "add" not in actions:
            adders = grants.filter(
                permission__codename=self._get_permission_codename("add")
            )
            q |= Q(groups__in=adders.values("group")) & Q(pk=instance.owner_id)
        users = get_user_model()._default_manager.filter(is_active=True)
        return users.filter(q).distinct()


page_policy = TranslatorScopedPagePolicy(Page)


def install():
    """``PracticesConfig.ready``: the policy every page permission check asks."""
    register_permission_policy(Page, page_policy)
