"""Objects found by key (hub/keys.py), never by name: the programme's groups,
collections, workflows and tasks keep working when renamed in the admin, and
setting the roles up again makes no second one."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
)

from hub import keys
from hub.models import Key
from practices.importers.visibility import GroupKeys
from practices.publishing.roles import ensure_roles
from tests.workflow_helpers import (
    coordinators,
    shared_collection,
    trainers,
    translators,
)

pytestmark = pytest.mark.django_db

KEYED = (Group, Collection, Workflow, Task)


def test_record_is_idempotent_and_moves_the_key():
    first = Group.objects.create(name="Comité")
    keys.record(first, "test:committee")
    keys.record(first, "test:committee")
    assert Key.objects.filter(key="test:committee").count() == 1
    assert keys.get(Group, "test:committee") == first
    second = Group.objects.create(name="Comité bis")
    keys.record(second, "test:committee")
    assert keys.find(Group, "test:committee") == second


def test_a_key_finds_nothing_when_missing_or_of_another_model():
    assert keys.find(Group, "test:none") is None
    with pytest.raises(Group.DoesNotExist):
        keys.get(Group, "test:none")
    keys.record(Group.objects.create(name="Comité"), "test:committee")
    assert keys.find(Collection, "test:committee") is None
    assert keys.ids(Collection, "test:committee") == {}


def test_ensure_creates_once_then_finds():
    made = []

    def create():
        made.append(Group.objects.create(name=f"Comité {len(made)}"))
        return made[-1]

    first = keys.ensure(Group, "test:committee", create)
    assert keys.ensure(Group, "test:committee", create) == first
    assert made == [first]
    assert keys.ids(Group, "test:committee", "test:none") == {
        "test:committee": first.pk
    }


def test_a_deleted_object_is_made_again_under_its_key():
    gone = keys.ensure(Group, "test:committee", lambda: Group.objects.create(name="A"))
    gone.delete()
    assert keys.find(Group, "test:committee") is None
    assert keys.ids(Group, "test:committee") == {}
    again = keys.ensure(Group, "test:committee", lambda: Group.objects.create(name="B"))
    assert keys.get(Group, "test:committee") == again


def counts():
    return {model: model.objects.count() for model in KEYED}


def rename_every_keyed_object():
    """What an editor may do in the admin: every group, collection, workflow
    and task the code finds gets another name."""
    for key in Key.objects.select_related("content_type"):
        obj = key.content_object
        obj.name = f"{obj.name} (renommé)"
        obj.save()


def test_setup_after_renames_makes_nothing_and_keeps_the_rights():
    """``setup_roles`` run again after renames finds every object by its key:
    no second group, collection, workflow or task; the renamed groups keep
    their rights and the names the editor gave."""
    before = counts()
    rename_every_keyed_object()
    ensure_roles()
    assert counts() == before
    assert translators().name == "Traduction (renommé)"
    assert GroupPagePermission.objects.filter(
        group=translators(),
        page__locale__language_code="ar",
        page__depth=2,
        permission__codename="change_page",
    ).exists()
    assert GroupCollectionPermission.objects.filter(
        group=trainers(), collection=shared_collection()
    ).exists()
    assert coordinators().permissions.filter(codename="add_user").exists()
    coordination = keys.get(Task, "task:coordination").specific
    assert list(coordination.groups.all()) == [coordinators()]


def test_objects_made_before_the_keys_are_adopted_by_name_once():
    """A site set up before the keys: the first run finds each object under its
    French name and records its key; nothing is made twice."""
    recorded = dict(Key.objects.values_list("key", "object_id"))
    Key.objects.all().delete()
    before = counts()
    ensure_roles()
    assert counts() == before
    assert dict(Key.objects.values_list("key", "object_id")) == recorded


def test_importer_group_keys_survive_renames():
    """The exchange format's group keys (practices/importers/visibility.py)
    name the same groups whatever they are called."""
    rename_every_keyed_object()
    Group.objects.create(name="Traduction")  # a namesake is no one's key
    found = GroupKeys()
    assert found.id_of["translators"] == translators().pk
    assert found.id_of["coordinators"] == coordinators().pk
    assert {"coordinators", "translators", "trainers", "partners"} <= found.audience
