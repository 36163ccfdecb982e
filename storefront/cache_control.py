"""Every response leaves with a `Cache-Control` chosen on purpose, errors and redirects included.

`CacheControlMiddleware` decides on the way out, in this order:

1. **Personal** answers are `private, no-store`, whatever a view set: anything under a personal address (the
   account, cart, checkout, payment and coupon sections in every language, `PERSONAL_SECTIONS`, and
   `PERSONAL_PATHS` such as the admin), a server error (5xx), an answer that sets a cookie, and one that read
   the session of a visitor who has one (it differs from one visitor to the next).
2. An answer whose view **already decided** keeps its header: catalog pages (`storefront.page_cache`), static files
   (WhiteNoise), the sitemap, never-cache views.
3. Everything else is **undecided**: a 404 or 410 or a redirect given to an anonymous visitor (GET or HEAD, no
   session or messages cookie: `page_cache.is_anonymous_visitor`) is public for `SHORT_PUBLIC_MAX_AGE` seconds,
   with `Vary: Cookie` as the catalog pages have, so that a CDN absorbs junk and stale links without keeping a
   missing page missing for long (a page published at that address is purged from the CDN with its URL,
   `page_cache.purge_urls`); any other answer is `private, no-store`.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext

from .page_cache import MESSAGES_COOKIE, is_anonymous_visitor, make_private

# Statuses that say "nothing here" or "look there": the same for every anonymous visitor of the address.
SHORT_PUBLIC_STATUSES = {301, 302, 307, 308, 404, 410}


def personal_prefixes() -> tuple[str, ...]:
    """The path prefixes of personal addresses: `PERSONAL_PATHS` as they are, and each of `PERSONAL_SECTIONS` (an
    English URL prefix, translated as the apps translate theirs) under every language's prefix."""
    prefixes = list(settings.PERSONAL_PATHS)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes += [f"/{code}/{gettext(section)}" for section in settings.PERSONAL_SECTIONS]
    return tuple(prefixes)


def _read_someones_session(request) -> bool:
    session = getattr(request, "session", None)
    return bool(
        session is not None
        and session.accessed
        and (settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES)
    )


def is_personal(request, response, prefixes) -> bool:
    """Rule 1 of the module docstring."""
    return (
        request.path.startswith(prefixes)
        or response.status_code >= 500
        or bool(response.cookies)
        or _read_someones_session(request)
    )


def decide(request, response, prefixes) -> None:
    """Give `response` its `Cache-Control` by the rules of the module docstring."""
    if is_personal(request, response, prefixes):
        make_private(response)
    elif response.has_header("Cache-Control"):
        return
    elif response.status_code in SHORT_PUBLIC_STATUSES and is_anonymous_visitor(request):
        patch_cache_control(response, public=True, max_age=settings.SHORT_PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
    else:
        make_private(response)


class CacheControlMiddleware:
    """Applies `decide` to every response. Near the top of MIDDLEWARE, so that it sees the answers the middleware
    below it make (the language redirect, a refused CSRF token, a cached page) as well as the views'."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.prefixes is None:  # translated once the apps' catalogues are loaded
            self.prefixes = personal_prefixes()
        decide(request, response, self.prefixes)
        return response
