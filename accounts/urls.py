"""Account URLs, under the language prefix: /en/account/, /es/cuenta/, /ru/akkaunt/.

allauth's pages (sign in, sign up, verification, password reset, email change) and ours share the prefix; all of
them are personal, so every one is wrapped to answer `private, no-store` (`views.private`).
"""

from allauth.account import urls as allauth_urls
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "accounts"

# Included by storefront/urls.py inside i18n_patterns, twice: allauth's names (account_login, ...) stay global.
URL_PREFIX = _("account/")


def _private(patterns):
    """`patterns` with every view wrapped by `views.private`."""
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            wrapped.append(URLResolver(pattern.pattern, _private(pattern.url_patterns), pattern.default_kwargs))
        else:
            wrapped.append(
                URLPattern(pattern.pattern, views.private(pattern.callback), pattern.default_args, pattern.name)
            )
    return wrapped


allauth_patterns = _private(allauth_urls.urlpatterns)

urlpatterns = [
    path("", views.home, name="home"),
    path(_("orders/"), views.orders, name="orders"),
    path(_("orders/<slug:number>/"), views.order, name="order"),
    path(_("orders/<slug:number>/buy-again/"), views.buy_again, name="buy_again"),
    path(_("addresses/"), views.addresses, name="addresses"),
    path(_("addresses/new/"), views.address_edit, name="address_add"),
    path(_("addresses/<int:pk>/"), views.address_edit, name="address_edit"),
    path(_("addresses/<int:pk>/delete/"), views.address_delete, name="address_delete"),
    path(_("profile/"), views.profile, name="profile"),
    path(_("my-data/"), views.download_data, name="download_data"),
    path(_("delete/"), views.delete_account, name="delete"),
]
