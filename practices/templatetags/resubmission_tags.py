"""``submitted_before``: the version a comparison of ``revision`` starts from
in the status panel and the workflow history — what the reviewers saw last,
not the editor's last save (publishing/resubmission_compare.py)."""

from django import template

from ..publishing.resubmission_compare import last_submitted_before

register = template.Library()


@register.filter
def submitted_before(revision, workflow_state):
    return last_submitted_before(revision, workflow_state or None)
