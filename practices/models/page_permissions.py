"""Every page model answers permission questions with the hub's policy.

Wagtail's ``PagePermissionTester`` (edit, preview, revisions, history, move,
copy, delete, lock...) reads a user's grants by their place in the tree and
does not ask the registered page policy about the page itself; overriding
``permissions_for_user`` per page type is Wagtail's supported way to change it
(Wagtail 6.0 release notes). So each page model of the site — HomePage
included — mixes this in ahead of ``Page``; tests/test_translator_scope.py
checks that none is missing. The rule lives in
practices/publishing/translator_scope.py.
"""


class ScopedPagePermissions:
    def permissions_for_user(self, user):
        # Imported here: the publishing package imports the models.
        from ..publishing.translator_scope import ScopedPagePermissionTester

        return ScopedPagePermissionTester(user, self)
