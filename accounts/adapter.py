"""allauth's hooks for the shop: emails in the customer's language under the shop's name; shoppers never staff."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from checkout.orders.emails import shop_name

from .models import Profile


def preferred_language(email: str) -> str | None:
    """The preferred language of the customer who has `email`, or None when no customer has it."""
    return Profile.objects.filter(user__emailaddress__email__iexact=email).values_list("language", flat=True).first()


def user_display(user) -> str:
    """How allauth names a shopper on the pages: their email (their username is made up from it)."""
    return user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Written in the customer's preferred language; before they have a profile, in the page's language."""
        with translation.override(preferred_language(email) or translation.get_language()):
            super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject):
        return f"{shop_name()}: {subject}"

    def get_logout_redirect_url(self, request):
        """The home page in the language the shopper was reading (`/` would guess it again from the browser)."""
        return f"/{translation.get_language()}/"

    def new_user(self, request):
        """A shopper's user: never staff, never superuser, in no group (the admin stays closed to them)."""
        user = super().new_user(request)
        user.is_staff = user.is_superuser = False
        return user
