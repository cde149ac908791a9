from django.urls import path

from . import contact_views

urlpatterns = [
    path("<int:pk>/", contact_views.contact_person, name="contact-person"),
    path("<int:pk>/envoye/", contact_views.contact_sent, name="contact-person-sent"),
]
