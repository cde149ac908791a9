"""What an error summary lists: each faulty field by its label, with the id
its link jumps to, then the errors that belong to no field.

A summary at the top of a long form is how people find a mistake 3,000 px
below; the link must land on something that takes focus, so for a group of
radio buttons or checkboxes (a fieldset) it is the first input of the group.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FaultyField:
    anchor: str  # the id the summary's link points at
    label: str
    messages: list


def anchor_of(bound_field):
    """The id of the element that takes focus for this field."""
    if bound_field.use_fieldset and bound_field.subwidgets:
        return bound_field.subwidgets[0].id_for_label
    return bound_field.id_for_label


def faulty_fields(form):
    """The visible fields with errors, in the order the form shows them."""
    return [
        FaultyField(anchor_of(field), field.label, list(field.errors))
        for field in form.visible_fields()
        if field.errors
    ]


def described_by(bound_field, has_help=False):
    """The ids that describe an input: its help (or example), then its errors.

    Django adds these itself only when the field has a help_text; the share
    form's examples are help too, so it is worked out here for both.
    """
    ids = []
    if bound_field.help_text or has_help:
        ids.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return " ".join(ids)
