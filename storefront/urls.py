from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import urls as account_urls
from cart import urls as cart_urls
from checkout.orders import urls as checkout_urls
from checkout.payments.webhooks import provider_webhook
from home import views as home_views
from storefront import csrf, health, routing

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("payment/webhook/", provider_webhook, name="payment_webhook"),
    # Answered first by `storefront.health.ProbeMiddleware`; named here like every other address.
    path("health/", health.health, name="health"),
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("csrf/", csrf.token, name="csrf_token"),
    path("market/", include("markets.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every shopper-facing URL carries its language: /en/, /es/, /ru/. `/` redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path(cart_urls.URL_PREFIX, include(cart_urls)),
    path(checkout_urls.URL_PREFIX, include(checkout_urls)),
    path("payment/", include("checkout.payments.urls")),
    path("coupon/", include(cart_urls.coupon_urlpatterns)),
    path(account_urls.URL_PREFIX, include(account_urls.allauth_patterns)),
    path(account_urls.URL_PREFIX, include(account_urls)),
    # Wagtail's page view, with the page found in one query (`storefront.routing`); same name, same pattern.
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
