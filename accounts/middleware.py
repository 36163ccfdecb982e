"""Saves a signed-in customer's cart to the database whenever a view changed their session (`accounts.carts`)."""

from django.urls import reverse

from .carts import save_cart


class SavedCartMiddleware:
    """Below `AuthenticationMiddleware`; runs after the view, so it sees the cart as the view left it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if (
            session is not None
            and session.modified
            and user is not None
            and user.is_authenticated
            # Staff working in the admin have no shopping cart to keep.
            and not request.path.startswith(reverse("wagtailadmin_home"))
        ):
            save_cart(request, user)
        return response
