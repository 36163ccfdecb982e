"""What checkout may know about a signed-in customer (`settings.CUSTOMER_DIRECTORY`): language and addresses."""

from checkout.customers import SavedAddress
from storefront.addresses import address_of

from .models import Address, Profile


class AccountDirectory:
    """`checkout.customers.CustomerDirectory` over the customer's profile and address book."""

    def language(self, user) -> str | None:
        return Profile.objects.filter(user=user).values_list("language", flat=True).first()

    def addresses(self, user) -> list[SavedAddress]:
        return [
            SavedAddress(id=address.pk, label=str(address), is_default=address.is_default, **address_of(address))
            for address in Address.objects.filter(user=user)
        ]
