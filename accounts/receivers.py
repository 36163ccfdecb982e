"""The signals accounts listens to: allauth's sign-up, verification and sign-in."""

from allauth.account.signals import email_confirmed, user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from .carts import merge_saved_cart
from .models import Profile
from .orders import attach_guest_orders, attach_verified_guest_orders


@receiver(user_signed_up, dispatch_uid="accounts.profile_on_signup")
def make_profile(sender, request, user, **kwargs):
    """Every shopper who signs up gets a profile, in the language they signed up in."""
    Profile.objects.get_or_create(user=user, defaults={"language": translation.get_language()})


@receiver(email_confirmed, dispatch_uid="accounts.attach_on_verification")
def attach_orders_on_verification(sender, request, email_address, **kwargs):
    attach_guest_orders(email_address.user, email_address.email)


@receiver(user_logged_in, dispatch_uid="accounts.on_sign_in")
def on_sign_in(sender, request, user, **kwargs):
    """Merge the saved cart into this browser's, and attach guest orders placed since with a verified email."""
    if request is None or not hasattr(request, "session"):
        return
    attach_verified_guest_orders(user)
    merge_saved_cart(request, user)
