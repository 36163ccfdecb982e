"""Settings of the caches: Redis (or local memory without one), sessions on top of it, the shop's page cache and
a CDN in front of it. Part of `base`."""

from .environment import env

REDIS_URL = env.str("REDIS_URL", default="")
# Every Redis client fails fast: a slow or absent Redis must never hold a page for long.
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.25)
# After a failed cache call a process treats the cache as empty for this long before trying Redis again, so a
# Redis that hangs costs a request one timeout, not one per cache call (`storefront/cache_backend.py`).
REDIS_RETRY_AFTER = env.float("REDIS_RETRY_AFTER", default=5.0)


def redis_cache(location: str, timeout: float) -> dict:
    """The settings of a Redis cache as the shop uses one (`storefront/cache_backend.py`)."""
    return {
        "BACKEND": "storefront.cache_backend.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="storefront"),
        # Rate-limit counters (allauth's sign-in limits, wrong discount codes) count in each process while Redis
        # is down, rather than refusing every sign-in or counting nothing.
        "LOCAL_WHILE_PAUSED": ["allauth:rl:", "coupons:failures:"],
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            # A cache outage degrades to cache misses (sessions fall back to the database).
            "IGNORE_EXCEPTIONS": True,
        },
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, REDIS_SOCKET_TIMEOUT)}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# An outage is logged once per pause by `storefront.cache_backend`, not with a traceback for every cache call.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

# --- Page cache (storefront/page_cache.py) -------------------------------------------------------------
# Catalog pages for visitors without a session are public: browsers keep them PAGE_CACHE_MAX_AGE seconds, shared
# caches (this shop's own page cache in the cache above, and a CDN) PAGE_CACHE_S_MAXAGE seconds, until a purge.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_S_MAXAGE = env.int("PAGE_CACHE_S_MAXAGE", default=600)
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/health/", "/payment/"]
# Personal addresses answer `private, no-store`, their errors and redirects too (storefront.cache_control): these
# paths as they are, and these sections (English URL prefixes, translated as the apps translate theirs) under
# every language. Elsewhere an anonymous visitor's 404 or redirect is public for SHORT_PUBLIC_MAX_AGE seconds.
PERSONAL_PATHS = ["/admin/", "/payment/"]
PERSONAL_SECTIONS = ["account/", "cart/", "checkout/", "payment/", "coupon/"]
SHORT_PUBLIC_MAX_AGE = env.int("SHORT_PUBLIC_MAX_AGE", default=60)
# A CDN in front is purged with the same URLs through wagtail.contrib.frontend_cache (README, "Performance and
# caching"): Varnish or any cache taking HTTP PURGE, Cloudflare, or CloudFront.
WAGTAILFRONTENDCACHE = {}
if env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.str("FRONTEND_CACHE_PURGE_URL"),
    }
if env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN"),
    }
if env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    }
# The shop names every locale's URL itself; Wagtail would otherwise re-prefix each URL with every language.
WAGTAILFRONTENDCACHE_LANGUAGES = []

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 14)
SESSION_COOKIE_HTTPONLY = env.bool("SESSION_COOKIE_HTTPONLY", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)
SESSION_SAVE_EVERY_REQUEST = env.bool("SESSION_SAVE_EVERY_REQUEST", default=False)
