"""Django's CSRF protection for forms on cached pages, which carry no token (a public page sets no cookie).

A form on a catalog page posts without a token. With JavaScript, `js/shop.js` first asks `GET /csrf/` for
one (which sets the `csrftoken` cookie, as `{% csrf_token %}` would) and puts it in the form, so the POST is an
ordinary protected one. Without JavaScript, the endpoint sees no valid token and changes nothing: it answers
with a small confirmation page that carries a token, and the shopper's second click posts it. Either way no
state changes without Django's full check (Origin/Referer for HTTPS, and the token against the cookie).
"""

from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


class _Check(CsrfViewMiddleware):
    """Django's CSRF middleware as a yes/no question (the shape of Django REST framework's `CSRFCheck`)."""

    def _reject(self, request, reason):
        return reason


def has_valid_token(request) -> bool:
    """Whether this unsafe request passes `CsrfViewMiddleware`'s whole check. Use it in a `csrf_exempt` view
    that answers a failed check with something harmless instead of a 403."""
    check = _Check(lambda request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {}) is None


@never_cache
@require_GET
def token(request):
    """`{"token": …}` for the form about to be submitted, with the `csrftoken` cookie it matches."""
    return JsonResponse({"token": get_token(request)})
