"""What checkout may know about a signed-in customer (`settings.CUSTOMER_DIRECTORY`): language and addresses."""

from checkout.customers import SavedAddress

from .models import Address, Profile


class AccountDirectory:
    """`checkout.customers.CustomerDirectory` over the customer's profile and address book."""

    def language(self, user) -> str | None:
        return Profile.objects.filter(user=user).values_list("language", flat=True).first()

    def addresses(self, user) -> list[SavedAddress]:
        return [
            SavedAddress(
                id=address.pk,
                label=str(address),
                first_name=address.first_name,
                last_name=address.last_name,
                address=address.address,
                postal_code=address.postal_code,
                city=address.city,
                country=address.country,
                is_default=address.is_default,
            )
            for address in Address.objects.filter(user=user)
        ]
