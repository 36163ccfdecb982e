from django.urls import path

from . import views

app_name = "coupons"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("remove/", views.remove, name="remove"),
]
