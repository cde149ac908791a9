"""Following and « Mes alertes »: a member follows a theme, a commune, a
target public or a saved search (POST from the « Suivre » buttons,
``templatetags/alert_tags``), sees what they follow, changes how often they
hear of it, and stops. Every change is a POST with its CSRF token; following
twice changes nothing."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, override
from django.views.decorators.http import require_GET, require_POST

from practices import facets

from .matching import FACET_OF_KIND, saved_search, term_name
from .models import Follow


class FollowForm(forms.Form):
    kind = forms.ChoiceField(choices=Follow.KINDS)
    value = forms.CharField(max_length=500, required=False)

    def __init__(self, language, *args, **kwargs):
        self.language = language
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), (data.get("value") or "").strip()
        if kind == Follow.SEARCH:
            data["value"] = saved_search(value, self.language)
            if not data["value"]:
                # No words nor filter: that is everything, not a search.
                raise forms.ValidationError("empty search")
        elif kind:
            facet = facets.get(FACET_OF_KIND[kind])
            terms = facet.vocabulary_model.objects.filter(
                slug=value, locale__language_code=self.language, **facet.term_filter()
            )
            if not terms.exists():
                raise forms.ValidationError("unknown term")
            data["value"] = value
        return data


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("alerts:list")


@require_POST
@login_required
def follow(request):
    form = FollowForm(get_language(), request.POST)
    if not form.is_valid():  # a crafted or outdated post: say so, in words
        return render(request, "alerts/follow_invalid.html", status=400)
    Follow.objects.get_or_create(
        user=request.user,
        kind=form.cleaned_data["kind"],
        value=form.cleaned_data["value"],
        language=get_language(),
    )
    return _back(request)


@require_POST
@login_required
def stop(request, pk):
    get_object_or_404(Follow, pk=pk, user=request.user).delete()
    return _back(request)


@require_POST
@login_required
def frequency(request, pk):
    follow = get_object_or_404(Follow, pk=pk, user=request.user)
    chosen = request.POST.get("frequency")
    if chosen not in dict(Follow.FREQUENCIES):
        return render(request, "alerts/follow_invalid.html", status=400)
    follow.frequency = chosen
    follow.save(update_fields=["frequency"])
    return redirect("alerts:list")


@require_GET
@login_required
def alerts_list(request):
    follows = [
        {"follow": follow, "name": term_name(follow), "link": _link(follow)}
        for follow in Follow.objects.filter(user=request.user)
    ]
    return render(
        request,
        "alerts/alerts.html",
        {"follows": follows, "frequencies": Follow.FREQUENCIES},
    )


def _link(follow):
    """Where the followed list is: the search, narrowed as the follow is."""
    if follow.kind == Follow.SEARCH:
        query = follow.value
    else:
        query = f"{FACET_OF_KIND[follow.kind]}={follow.value}"
    with override(follow.language):
        return f"{reverse('search')}?{query}"
