"""What a customer account holds besides Django's user: a profile, saved addresses, a saved cart.

The user row is Django's own (`auth.User`): allauth keeps its email addresses next to it. `Customer` is a proxy
of it for the admin's list of customers, with its own permission, so that shop managers may see customers
without any right on staff users.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from storefront.addresses import PostalAddress


class Profile(models.Model):
    """A shopper's account: made when they sign up. Every customer has one, staff users do not."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="customer_profile"
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The emails we send you are written in this language."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("customer profile")
        verbose_name_plural = _("customer profiles")

    def __str__(self):
        return self.user.email


class Address(PostalAddress):
    """A delivery address the customer saved, to fill the checkout form with (the fields of
    `storefront.addresses.PostalAddress`, as an order's). At most one is the default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="addresses"
    )
    label = models.CharField(_("name of this address"), max_length=50, blank=True, help_text=_("E.g. Home, Work."))
    is_default = models.BooleanField(_("default address"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["-is_default", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_default=True), name="address_one_default_per_user"
            )
        ]

    def __str__(self):
        return self.label or f"{self.address}, {self.city}"


class SavedCart(models.Model):
    """The cart of a signed-in customer, kept in the database so that it follows them to another device.

    `items` is `{variant pk (str): quantity}`; prices are never stored here (the cart charges today's).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="saved_cart"
    )
    items = models.JSONField(_("items"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("saved cart")
        verbose_name_plural = _("saved carts")

    def __str__(self):
        return str(self.user)


class CustomerManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(customer_profile__isnull=False)


class Customer(get_user_model()):
    """A user who signed up in the shop (has a `Profile`), as shop managers see them in the admin."""

    objects = CustomerManager()

    class Meta:
        proxy = True
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["-date_joined"]
