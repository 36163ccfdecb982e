"""Who is checking out: a guest, or a signed-in customer whose account lends checkout a language and addresses.

Accounts live in a higher app (`accounts`) that checkout never imports: `settings.CUSTOMER_DIRECTORY` names the
class implementing `CustomerDirectory` (as `settings.PURCHASE_HISTORY` does for recommendations). Without one,
every shopper checks out as a guest.
"""

from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from storefront.addresses import address_of


@dataclass(frozen=True)
class SavedAddress:
    """One address from a customer's address book, in the checkout form's terms."""

    id: int
    label: str
    first_name: str
    last_name: str
    address: str
    postal_code: str
    city: str
    country: str
    is_default: bool = False

    def as_initial(self) -> dict:
        """The checkout form's initial address (`storefront.addresses.address_of`)."""
        return address_of(self)


class CustomerDirectory(Protocol):
    """What checkout asks about a signed-in user (`request.user`); a guest is never asked."""

    def language(self, user) -> str | None:
        """The language this customer's emails are written in (their profile's), or None for the page's."""

    def addresses(self, user) -> list[SavedAddress]:
        """The customer's saved addresses, the default one first."""


class GuestsOnly:
    """The directory of a shop without accounts: no language, no addresses."""

    def language(self, user) -> str | None:
        return None

    def addresses(self, user) -> list[SavedAddress]:
        return []


@cache
def _directory_class(path: str):
    return import_string(path) if path else GuestsOnly


def directory() -> CustomerDirectory:
    """The implementation `settings.CUSTOMER_DIRECTORY` names."""
    return _directory_class(getattr(settings, "CUSTOMER_DIRECTORY", ""))()


def signed_in_user(request):
    """The request's signed-in user, or None for a guest."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
