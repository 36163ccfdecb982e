"""A language's address for another language's page redirects instead of failing: /ru/search/ → /ru/poisk/.

The shop's own URL prefixes are translated (`/en/search/`, `/es/buscar/`, `/ru/poisk/`; cart, checkout, account
...), so a shopper who switches the language prefix by hand, or follows a link written for another language, would
meet a 404. Only then (the answer is already a 404, for a GET or HEAD) the path is tried in each other language;
when it names one of the shop's views there, the answer becomes a redirect to that view's address in the
requested language. Wagtail's pages are left out (their slugs are the translators', and Wagtail's redirects handle
moved pages). The target is always built by `reverse` in the requested language, so it is a path of this site
under that language's prefix: never another host.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

# The catch-all page view: every path "resolves" to it, so it says nothing about another language's address.
PAGE_VIEW_NAME = "wagtail_serve"


def _language_of(path: str) -> tuple[str, str] | None:
    """("ru", "search/") for "/ru/search/"; None for a path outside the language prefixes."""
    prefix, _slash, rest = path.lstrip("/").partition("/")
    return (prefix, rest) if prefix in dict(settings.LANGUAGES) and path.startswith(f"/{prefix}/") else None


def address_in_language(path: str) -> str | None:
    """The address in its own language of the view that `path` names in another language; None when there is
    none (the path names no view in any language, or only a page, or is already right)."""
    found = _language_of(path)
    if found is None:
        return None
    language, rest = found
    for other, _name in settings.LANGUAGES:
        if other == language:
            continue
        with translation.override(other):
            try:
                match = resolve(f"/{other}/{rest}")
            except Resolver404:
                continue
        if match.url_name == PAGE_VIEW_NAME:
            continue
        with translation.override(language):
            try:
                target = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                continue
        if target != path and target.startswith(f"/{language}/") and not target.startswith("//"):
            return target
    return None


class TranslatedPathRedirectMiddleware:
    """Turn a 404 for another language's address of a shop view into a redirect (302: prefixes may be renamed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = address_in_language(request.path_info)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(request.META.get("SCRIPT_NAME", "") + target + (f"?{query}" if query else ""))
