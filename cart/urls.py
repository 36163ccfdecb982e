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

# The discount code form of the cart page, at /<lang>/coupon/… under the `coupons` namespace its templates
# use. The views act on the cart (a code is checked against its subtotal), so they live here; the rules and
# the session helper are `coupons`', which knows nothing of the cart.
coupon_urlpatterns = (
    [
        path("apply/", views.apply_coupon, name="apply"),
        path("remove/", views.remove_coupon, name="remove"),
    ],
    "coupons",
)
