"""Wagtail's users app with our user and group views (users_admin.py): the
programme's group names in the reader's language. Listed in INSTALLED_APPS in
place of ``wagtail.users`` — Wagtail's documented way to customise these
viewsets (``user_viewset``, ``group_viewset``). Kept free of imports of views:
app configs load before the models."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "practices.publishing.users_admin.UserViewSet"
    group_viewset = "practices.publishing.users_admin.GroupViewSet"
