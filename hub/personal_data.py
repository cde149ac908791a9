"""What the apps above ``hub`` keep about a member, registered by them:
``hub`` is the lowest layer and imports none of them, yet « Télécharger mes
données » must hold everything kept and the purge must erase everything that
expires. An app registers, from its ``ready()``, a function that gives its
records of one member (added to the download under its name) and one that
erases its expired records (run by ``purge_personal_data``)."""

_collectors = {}
_purges = []


def register(name, collect):
    """``collect(user)`` → JSON-ready data, downloaded under ``name``."""
    _collectors[name] = collect


def register_purge(purge):
    """``purge(now)`` → the number of records erased."""
    if purge not in _purges:
        _purges.append(purge)


def collected(user):
    return {name: collect(user) for name, collect in _collectors.items()}


def purge_all(now):
    return sum(purge(now) for purge in _purges)
