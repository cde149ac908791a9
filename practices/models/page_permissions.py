"""Every page model answers permission questions with the hub's policy.

Wagtail's ``PagePermissionTester`` (edit, preview, revisions, history, move,
copy, delete, lock...) reads a user's grants by their place in the tree and
does not ask the registered page policy about the page itself; overriding
``permissions_for_user`` per page type is Wagtail's supported way to change it
(Wagtail 6.0 release notes). So each page model of the site — HomePage
included — mixes this in ahead of ``Page``; tests/test_translator_scope.py
checks that none is missing. The rule lives in
practices/publishing/translator_scope.py, whose policy ``PracticesConfig.ready``
registers for ``Page``: the tester finds it in Wagtail's policy registry, so the
models import nothing of ``publishing`` (which imports the models).
"""

from wagtail.models import PagePermissionTester
from wagtail.permissions import policy_registry


class ScopedPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with the rights the policy grants on the page."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if self.user.is_active and not self.user.is_superuser:
            policy = policy_registry.get(page)
            self.permissions = {
                grant.permission.codename.rsplit("_", maxsplit=1)[0]
                for grant in policy.grants_on(user, page)
                if self.counts(grant)
            }

    def counts(self, grant):
        """Whether ``grant`` (one that reaches the page) gives its right here."""
        return True


class ScopedPagePermissions:
    def permissions_for_user(self, user):
        return ScopedPagePermissionTester(user, self)
