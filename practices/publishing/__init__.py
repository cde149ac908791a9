"""Who may do what: roles, commune sections, collections, workflows, privacy."""

from django.utils.translation import override


def in_french(label):
    """``label`` in French: the names stored in the database (groups, tasks,
    workflows, sections) are the source language's, whatever the request's."""
    with override("fr"):
        return str(label)
