"""Settings shared by every environment.

Every value that differs between machines is read from the environment (or an optional `.env` file)
through django-environ, here and nowhere else. Sections that stand on their own are sibling modules imported
below (`caches`, `storage`, `tasks`); everything is read from `storefront.settings.base` all the same.
"""

import os
from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .accounts import *  # noqa: F403 (customer accounts: django-allauth)
from .caches import *  # noqa: F403 (Redis, sessions, the page cache and a CDN)
from .environment import BASE_DIR, PROJECT_DIR, env  # noqa: F401 (the other settings modules read them here)
from .storage import *  # noqa: F403 (static files and media, on disk or in a bucket)
from .tasks import *  # noqa: F403 (Celery)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# How many proxies of ours stand in front of the shop, each appending to X-Forwarded-For: the client's address
# is the one the outermost of them saw (`storefront/proxies.py`). 0: REMOTE_ADDR, and the header is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

INSTALLED_APPS = [
    "home",
    "products",
    "cart",
    # Before checkout: its templates fill the hooks checkout's templates leave (the success page's "create an
    # account" box).
    "accounts",
    "checkout",
    "coupons",
    "search",
    "markets",
    "demo",
    "translations",
    "allauth",
    "allauth.account",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "import_export",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First, so that every response carries the policy: redirects and error pages made by the middleware below
    # (the language redirect, a refused CSRF token, a bad Host header) as well as the views' pages.
    "storefront.security.ContentSecurityPolicyMiddleware",
    # Next, so that every response, whoever made it, leaves with a Cache-Control chosen on purpose.
    "storefront.cache_control.CacheControlMiddleware",
    # The health probes, before the host check and the HTTPS redirect: a balancer asks each instance by its address.
    "storefront.health.ProbeMiddleware",
    # This process's interface-string overrides, fresh within INTERFACE_OVERRIDES_CHECK_SECONDS (a clock reading).
    "storefront.interface_overrides.InterfaceOverridesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session: a cached catalog page is answered without reading a session or running a view.
    "storefront.page_cache.PageCacheMiddleware",
    # The Wagtail site of the request from the cache (no query); see storefront.routing.
    "storefront.routing.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # `request.market`, lazily; the page cache above keys a cached page on the same market (markets.resolution).
    "markets.middleware.MarketMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Above the cart cookie's middleware: a signed-in customer's cart is saved once the view has changed it.
    "accounts.middleware.SavedCartMiddleware",
    "cart.middleware.CartCountCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.permissions.TranslationEditorLocaleGuard",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Below everything that decides who is asking: a shopper's copy of a shared catalog page, without the view.
    "storefront.page_cache.SharedCopyMiddleware",
    # Its answer to a 404 comes after Wagtail's redirects (below): /ru/search/ → /ru/poisk/.
    "storefront.translated_urls.TranslatedPathRedirectMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "storefront.urls"
WSGI_APPLICATION = "storefront.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cart.context_processors.cart",
                "markets.context_processors.market",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock instead of failing at once when the dev server and the eager worker both write.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Languages ------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("ru", "Русский")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="UTC")

# --- Search ---------------------------------------------------------------------------------------
# SEARCH_BACKEND=database (the default) keeps the index in the shop's own database (search/backend.py: on
# PostgreSQL every page is stemmed with its own language's text search configuration). For large catalogs,
# SEARCH_BACKEND=opensearch2|opensearch3|elasticsearch7|elasticsearch8|elasticsearch9 and SEARCH_URLS move it to a
# search cluster (install the matching client, opensearch-py or elasticsearch, then run `manage.py update_index`).
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="database")
SEARCH_LANGUAGE_CONFIGS = {"en": "english", "es": "spanish", "ru": "russian"}
_CLUSTER_SEARCH_BACKENDS = {"opensearch2", "opensearch3", "elasticsearch7", "elasticsearch8", "elasticsearch9"}
if SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backend",
            "SEARCH_CONFIG": SEARCH_LANGUAGE_CONFIGS[LANGUAGE_CODE],
            "LANGUAGE_CONFIGS": SEARCH_LANGUAGE_CONFIGS,
        }
    }
elif SEARCH_BACKEND in _CLUSTER_SEARCH_BACKENDS:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{SEARCH_BACKEND}",
            "URLS": env.list("SEARCH_URLS", default=["http://localhost:9200"]),
            "INDEX_PREFIX": env.str("SEARCH_INDEX_PREFIX", default="storefront_"),
            "TIMEOUT": env.int("SEARCH_TIMEOUT", default=5),
        }
    }
else:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND={SEARCH_BACKEND!r}: use 'database' or one of {', '.join(sorted(_CLUSTER_SEARCH_BACKENDS))}."
    )

# --- Email ----------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="filemail://sent_emails")
if EMAIL_CONFIG["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend":
    # `filemail://sent_emails` is relative to the project; `filemail:////var/mail/shop` is absolute.
    EMAIL_CONFIG["EMAIL_FILE_PATH"] = str(BASE_DIR / (EMAIL_CONFIG.get("EMAIL_FILE_PATH") or "sent_emails"))
elif EMAIL_CONFIG["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    # The same SMTP backend, with a total deadline per send (storefront/mail.py).
    EMAIL_CONFIG["EMAIL_BACKEND"] = "storefront.mail.EmailBackend"
vars().update(EMAIL_CONFIG)
# Seconds one SMTP read or write may take ...
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# ... and seconds a whole send may take (connect to QUIT): a server that trickles its replies is cut off here.
EMAIL_SEND_DEADLINE = env.float("EMAIL_SEND_DEADLINE", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="My Shop <shop@example.com>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# The right-hand side of the customer emails' stable Message-IDs (<order-SF-000042.confirmation@…>).
EMAIL_MESSAGE_ID_DOMAIN = env.str(
    "EMAIL_MESSAGE_ID_DOMAIN", default=parseaddr(DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
)

# --- Shop -----------------------------------------------------------------------------------------
STORE_CURRENCY = env.str("STORE_CURRENCY", default="usd").lower()
STORE_NAME = env.str("STORE_NAME", default="My Shop")
# Markets (`markets`, the foundation of issue #26): the currency of the catalog's own prices, from which a market's
# prices are converted; today also the one currency of carts, orders and payments.
BASE_CURRENCY = STORE_CURRENCY
# The European Central Bank's daily euro reference rates (`markets.rates`), and how long a fetch may take (s).
ECB_RATES_URL = env.str("ECB_RATES_URL", default="https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml")
ECB_RATES_TIMEOUT = env.float("ECB_RATES_TIMEOUT", default=10.0)
# A dotted path to `f(request) -> ISO country code or None` to guess a first visitor's market from their IP
# address (`markets.resolution`); empty: never, the browser's language and region decide.
MARKET_GEOLOCATION = env.str("MARKET_GEOLOCATION", default="")
# Whether catalog prices (products, shipping methods) include tax, as EU retail prices must; False: tax is added
# on top at checkout (B2B, US-style). Read when an order is placed; each order keeps the mode it was placed in.
PRICES_INCLUDE_TAX = env.bool("PRICES_INCLUDE_TAX", default=True)
# The seller block on invoices while Shop settings leave it empty: legal name and address only. The tax ID is a
# field of its own (Shop settings, else SELLER_TAX_ID), printed once under a label in the invoice's language.
SELLER_DETAILS = env.str("SELLER_DETAILS", default="My Shop Ltd.\n1 Market Street\n08001 Barcelona, Spain")
SELLER_TAX_ID = env.str("SELLER_TAX_ID", default="")
# The seller's country (ISO code) in the e-invoice while Shop settings leave it empty: the default seller's Spain.
SELLER_COUNTRY = env.str("SELLER_COUNTRY", default="ES")
ORDER_RESERVATION_MINUTES = env.int("ORDER_RESERVATION_MINUTES", default=60)
CART_MAX_LINE_QUANTITY = env.int("CART_MAX_LINE_QUANTITY", default=99)
# The admin dashboard lists for-sale products with this many units or fewer (`checkout.backoffice.dashboard`).
LOW_STOCK_THRESHOLD = 3
# Where "Bought together" learns which products were paid for together: `products` knows no orders, so the
# app that has them implements `products.recommender.PurchaseHistory` and is named here.
PURCHASE_HISTORY = "checkout.orders.purchases.PaidOrderLines"
# The cart page's shipping estimate (a function of (product, quantity) lines and the amount after the discount),
# from checkout, which the cart app sits below.
CART_ESTIMATE = "checkout.shipping.options.estimate_for_cart"
# Translated snippets whose copies a user edits only in the locales whose pages they may change (translators
# translate the Russian shipping methods, never the English source with its prices): `home.permissions`.
LOCALE_RESTRICTED_SNIPPETS = ["home.CartPageContent", "checkout.ShippingMethod", "markets.Market"]

# --- Content-Security-Policy (storefront/security.py) -------------------------------------------------
# The shop's pages run scripts from its own static files only. Paying posts a form that Stripe Checkout's
# hosted page answers (a redirect), hence `form-action`. Styles allow inline `style` attributes (Wagtail's
# userbar, shown to editors on the site, sets some); images allow `data:` URLs (inline SVG icons).
STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", STRIPE_CHECKOUT_ORIGIN],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin sets its own rules (its previews frame the site's pages, its editors run inline code).
CONTENT_SECURITY_POLICY_EXCLUDED_PATHS = ["/admin/"]

# --- Stripe ---------------------------------------------------------------------------------------
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
# The local test-card page stands in for Stripe only where it is explicitly allowed (dev settings).
STRIPE_OFFLINE_ALLOWED = False

# --- Payment providers (checkout/payments/providers/) ---------------------------------------------------
# The provider new payments go through, and every provider the shop still knows: earlier payments are refunded
# through their own, and their webhooks are received. Development and tests use the test-card page without keys.
STRIPE_PAYMENTS = "checkout.payments.providers.stripe.StripeProvider"
TEST_CARD_PAYMENTS = "checkout.payments.providers.offline.OfflineProvider"
PAYMENT_PROVIDER = STRIPE_PAYMENTS
PAYMENT_PROVIDERS = [STRIPE_PAYMENTS]

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = STORE_NAME
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILLOCALIZE_JQUERY_DISABLED = True


def machine_translator_config(environ, development=False):
    """wagtail-localize's machine translator for an environment: DeepL, else LibreTranslate, else none.

    Only development falls back to the dummy translator (it reverses words, to try the button out).
    """
    if environ.get("DEEPL_API_KEY"):
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": environ["DEEPL_API_KEY"]},
        }
    if environ.get("LIBRETRANSLATE_URL"):
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            # LibreTranslator reads API_KEY unconditionally; an empty key suits a self-hosted server.
            "OPTIONS": {
                "LIBRETRANSLATE_URL": environ["LIBRETRANSLATE_URL"].rstrip("/"),
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", ""),
            },
        }
    if development:
        return {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
    return None


# django-environ has copied `.env` into os.environ above.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_config(os.environ)

# --- Customer accounts (django-allauth, `accounts/`): storefront/settings/accounts.py ---------------
# The client address behind our own proxies, as everywhere else in the shop (README, "Behind proxies").
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# How checkout learns a signed-in customer's language and saved addresses without importing `accounts`
# (`checkout.customers.CustomerDirectory`).
CUSTOMER_DIRECTORY = "accounts.directory.AccountDirectory"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# --- Error reporting ------------------------------------------------------------------------------
# With SENTRY_DSN set, errors of web requests and Celery tasks (and ERROR log lines) go to Sentry; without
# it the SDK is not even initialised, so nothing leaves the machine. No personal data is sent (customers'
# names, emails and addresses stay out of the reports).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default="") or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )

SHOP_MANAGERS_GROUP = "Shop managers"
# Where alerts that need a person go (disputes, failed refunds, payments not applied, emails given up on):
# one address, or empty for every member of the Shop managers group (checkout.orders.alerts).
SHOP_ALERTS_EMAIL = env.str("SHOP_ALERTS_EMAIL", default="")
EDITORS_GROUP = "Editors"
TRANSLATORS_GROUP = "Translators"
# Approve interface-string translations and keep the glossary, in the locales whose pages they may edit.
TRANSLATION_REVIEWERS_GROUP = "Translation reviewers"
_("Shop managers")
_("Editors")
_("Translators")
_("Translation reviewers")
# Seconds a process may go before it notices a changed interface-string override (storefront.interface_overrides).
INTERFACE_OVERRIDES_CHECK_SECONDS = env.float("INTERFACE_OVERRIDES_CHECK_SECONDS", default=30)
