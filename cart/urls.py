"""Cart URLs, under the language prefix: /en/cart/, /es/carrito/, /ru/korzina/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "cart"

# Included by storefront/urls.py inside i18n_patterns; translated so each language reads naturally.
URL_PREFIX = _("cart/")

urlpatterns = [
    path("", views.detail, name="detail"),
    path("add/", views.add, name="add"),
    path("update/", views.update, name="update"),
    path("remove/", views.remove, name="remove"),
]
