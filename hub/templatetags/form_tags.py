"""Forms that lead to the error: the summary shown above a form that came back
with errors, and inputs described by their help and their error message."""

from django import forms, template

from hub.form_errors import described_by, faulty_fields

register = template.Library()


@register.inclusion_tag("components/error_summary.html")
def error_summary(form, kept=False):
    """``kept``: the form re-shows everything typed (the share form; not a
    login form, which never sends a password back)."""
    return {
        "kept": kept,
        "fields": faulty_fields(form),
        "general": list(form.non_field_errors()),
        "hidden": [e for f in form.hidden_fields() for e in f.errors],
    }


@register.simple_tag
def description_ids(field, has_help=False):
    """For a group's <fieldset aria-describedby>: Django describes only inputs."""
    return described_by(field, bool(has_help))


@register.simple_tag
def described_input(field, has_help=False):
    """The field's input(s), described by help text or example and by errors."""
    if field.use_fieldset:
        return field.as_widget()
    attrs = typed_direction(field.field.widget)
    ids = described_by(field, bool(has_help))
    if ids:
        attrs["aria-describedby"] = ids
    return field.as_widget(attrs=attrs or None)


def typed_direction(widget):
    """What people type is laid out in its own direction (issue #14): a French
    title typed in the Arabic form reads left to right (``dir="auto"``), an
    address or a phone number always does."""
    kind = getattr(widget, "input_type", None)
    if kind in ("email", "url", "tel"):
        return {"dir": "ltr"}
    if kind in ("text", "search") or isinstance(widget, forms.Textarea):
        return {"dir": "auto"}
    return {}
