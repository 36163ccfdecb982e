"""Checkout URLs, under the language prefix: /en/checkout/, /es/finalizar-compra/, /ru/oformlenie/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "checkout"

# Included by storefront/urls.py inside i18n_patterns; translated so each language reads naturally.
URL_PREFIX = _("checkout/")

urlpatterns = [
    path("", views.checkout, name="checkout"),
    path(_("order/<order_token:token>/"), views.order, name="order"),
]
