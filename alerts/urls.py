"""``/<lang>/compte/alertes/``: « Mes alertes », following, and the
one-click unsubscribe of the digests (hub/urls.py)."""

from django.urls import path

from . import follows, unsubscribe

app_name = "alerts"
urlpatterns = [
    path("", follows.alerts_list, name="list"),
    path("suivre/", follows.follow, name="follow"),
    path("<int:pk>/arreter/", follows.stop, name="stop"),
    path("<int:pk>/frequence/", follows.frequency, name="frequency"),
    path("desabonnement/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
]
