"""`markets:choose`: remember the shopper's market in a cookie and go back where they were."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from storefront import csrf

from .forms import MarketChoiceForm
from .resolution import MARKET_COOKIE

COOKIE_MAX_AGE = 60 * 60 * 24 * 365


def safe_return_url(request, *candidates) -> str:
    """The first candidate that stays on this site (same host, no scheme change), else "/". Never an open
    redirect: `//evil.example`, `https://evil.example`, `javascript:` and backslash tricks are refused."""
    for url in candidates:
        if url and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return url
    return "/"


@csrf_exempt  # checked below: the header's chooser is on cached pages, which carry no token (storefront/csrf.py)
@never_cache
@require_POST
def choose(request):
    """Set the `market` cookie to a known market's code and redirect back (to `next`, else the referring page).
    An unknown market changes nothing: the shopper goes back to the page, in the market they were in. A post
    without a valid CSRF token (no JavaScript on a cached page) changes nothing either: the shopper confirms the
    choice on a page that carries one."""
    form = MarketChoiceForm(request.POST)
    back = safe_return_url(request, request.POST.get("next"), request.META.get("HTTP_REFERER"))
    if not csrf.has_valid_token(request):
        confirm = MarketChoiceForm(request.POST, auto_id="confirm_%s")  # the header has its own chooser
        return TemplateResponse(request, "markets/confirm_choice.html", {"form": confirm, "next": back})
    response = HttpResponseRedirect(back)
    if form.is_valid():
        response.set_cookie(
            MARKET_COOKIE,
            form.cleaned_data["market"],
            max_age=COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response
