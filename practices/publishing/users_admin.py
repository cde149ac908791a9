"""The users and groups admin, group names in the reader's language.

Wagtail shows a group by its stored French name (« Tanger — rédaction ») in
the users listing's group filter, the user form's group boxes and the groups
listing. These subclasses label them with ``localized_name``
(display_names.py); the names themselves, and the group form's « name »
field, stay as stored. Installed by users_app.py.
"""

from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.views import groups, users

from .display_names import localized_name


def group_label(group):
    return localized_name(group.name)


class GroupLabels:
    """Mixed into a user form: its group boxes labelled in the reader's
    language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].label_from_instance = group_label


class UserFilterSet(users.UserFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].field.label_from_instance = group_label


class UserViewSet(users.UserViewSet):
    filterset_class = UserFilterSet

    def get_form_class(self, for_update=False):
        form = super().get_form_class(for_update)
        return type(form.__name__, (GroupLabels, form), {})


class GroupIndexView(groups.IndexView):
    columns = [
        TitleColumn(
            "name",
            accessor=group_label,
            label=groups.IndexView.columns[0].label,
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
    ]


class GroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
