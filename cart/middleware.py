"""The `cart_count` cookie: how many units the cart holds, for the header badge of cached pages.

Set, or cleared, on every response that changed the session (an add, a change, a removal, a paid order
emptying the cart, a logout), so no cart code has to remember it. It is not HttpOnly: `js/shop.js` reads it;
it holds a number and nothing else.
"""

from django.conf import settings

from .cart import Cart

COOKIE_NAME = "cart_count"


class CartCountCookieMiddleware:
    """Below `SessionMiddleware`, so it sees the session as the view left it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.modified:
            return response
        count = len(Cart(request))
        if count:
            response.set_cookie(
                COOKIE_NAME,
                str(count),
                max_age=None if session.get_expire_at_browser_close() else session.get_expiry_age(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=False,
                samesite="Lax",
            )
        elif COOKIE_NAME in request.COOKIES:
            response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return response
