"""Objects found by a stable key, never by their name.

The programme's groups, collections, workflows and tasks are named in French
for the people who see them, and an editor may rename them in the admin. The
code finds them by a key ("group:translators", "collection:shared-templates",
"workflow:translation"…) recorded when the setup code creates them, or adopts
them the first time (``ensure``): a rename then changes nothing but the name.

Every read is one query (or a subquery of the caller's), and a key whose
object was deleted finds nothing: ``ensure`` creates a new one and moves the
key to it.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from .models import Key


def _rows(model, keys):
    """The Key rows of ``keys`` recorded for ``model`` or a model inheriting
    from it (a GroupApprovalTask is found as a Task: same primary key)."""
    # Joined on the content type rather than fetched through its cache, so that
    # a lookup is exactly one query wherever it runs.
    kinds = Q()
    for found in apps.get_models():
        if issubclass(found, model._meta.concrete_model):
            meta = found._meta.concrete_model._meta
            kinds |= Q(
                content_type__app_label=meta.app_label,
                content_type__model=meta.model_name,
            )
    return Key.objects.filter(kinds, key__in=keys)


def objects(model, *keys):
    """The objects of ``model`` recorded under ``keys``, as a queryset (usable
    as a subquery)."""
    return model._default_manager.filter(pk__in=_rows(model, keys).values("object_id"))


def find(model, key):
    """The object of ``model`` recorded under ``key``, or None."""
    return objects(model, key).first()


def get(model, key):
    """The object of ``model`` recorded under ``key``; ``model.DoesNotExist``
    if there is none."""
    return objects(model, key).get()


def ids(model, *keys):
    """``{key: pk}`` for those of ``keys`` whose object still exists."""
    existing = model._default_manager.values("pk")
    return dict(
        _rows(model, keys)
        .filter(object_id__in=existing)
        .values_list("key", "object_id")
    )


def record(obj, key):
    """Record ``obj`` under ``key`` (idempotent; moves the key if it named
    another object)."""
    content_type = ContentType.objects.get_for_model(obj)
    Key.objects.update_or_create(
        key=key, defaults={"content_type": content_type, "object_id": obj.pk}
    )


@transaction.atomic
def ensure(model, key, create):
    """The object of ``model`` recorded under ``key``; else ``create()`` (which
    may adopt an existing object, e.g. found by its name once) recorded under
    ``key``."""
    found = find(model, key)
    if found is None:
        found = create()
        record(found, key)
    return found
