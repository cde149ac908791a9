from django.urls import path

from . import views

urlpatterns = [
    path("", views.share, name="share-practice"),
    path("merci/<int:page_id>/", views.share_done, name="share-practice-done"),
]
